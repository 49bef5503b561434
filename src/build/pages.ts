import type { DraftResult } from '../draft/read.js';
import type { RenderedIssue } from '../render/issue.js';
import type { WebView } from '../render/web-page.js';
import type { IssueSummary } from '../render/summary.js';
import type { ValidDraft } from '../validate/digest.js';
import { pageKeyOf, type CacheStore } from './cache.js';
import type { Checked } from './checked.js';
import { toWire } from './checked.js';

/** One issue of a run: its draft and its cache key. */
export interface PageItem {
  file: string;
  key?: string;
}

/** The issue beside a run: known by its summary, or a draft to read for it. */
export type Edge = { summary: IssueSummary } | { file: string };

/**
 * Consecutive issues, oldest first, to validate and render in one pass: each issue's
 * neighbours are the issues beside it in the run, or the run's edges.
 */
export interface PagesTask {
  kind: 'pages';
  items: PageItem[];
  previous?: Edge;
  next?: Edge;
}

/**
 * An issue's verdict and, for a valid one, its page: the key it is cached under, and its files
 * and page record unless the cache has them already.
 */
export interface PageResult extends Checked {
  pageKey?: string;
  rendered?: PageFiles;
}

/**
 * A rendered issue with its files and its page record (as JSON, see `PageRecord`) in UTF-8
 * bytes: a thread hands bytes to the main thread without copying them, and the main thread,
 * which writes every file, need not encode them.
 */
export interface PageFiles {
  files: Record<string, Uint8Array>;
  record: Uint8Array;
}

/** What the cache keeps beside an issue's files: the view its web page and its feed entry are made from. */
export interface PageRecord {
  view: WebView;
}

/** The buffers of `results`' files and entries, to move to another thread rather than copy. */
export function transferablesOf(results: readonly PageResult[]): ArrayBuffer[] {
  return results.flatMap(({ rendered }) => (rendered ? [...Object.values(rendered.files), rendered.record].map((bytes) => bytes.buffer as ArrayBuffer) : []));
}

/** What a run needs from the thread it runs in. */
export interface PagesContext {
  read(file: string): Promise<DraftResult>;
  summarize(valid: ValidDraft): IssueSummary;
  render(valid: ValidDraft, neighbours: Neighbours): RenderedIssue;
  cache?: CacheStore;
}

export interface Neighbours {
  previous?: IssueSummary;
  next?: IssueSummary;
}

/**
 * Validates and renders a run of issues, reading each draft once: a draft is read just
 * before the issue ahead of it is rendered, since that issue links to it. Nothing is written
 * here: files written from two threads at once took several times longer on this machine's
 * file system than the same files written from one, so the main thread writes them all.
 */
export async function renderPages(task: PagesTask, context: PagesContext): Promise<PageResult[]> {
  const summaryOf = (result: DraftResult | undefined) => (result?.valid ? context.summarize(result.valid) : undefined);
  const edge = async (side?: Edge) => (side && 'file' in side ? summaryOf(await context.read(side.file)) : side?.summary);
  const results: PageResult[] = [];
  let previous = await edge(task.previous);
  let current = await context.read(task.items[0]!.file);
  for (const [i, item] of task.items.entries()) {
    const following = i + 1 < task.items.length ? await context.read(task.items[i + 1]!.file) : undefined;
    const next = following ? summaryOf(following) : await edge(task.next);
    const summary = summaryOf(current);
    // A summary's strings are slices of its draft's whole front matter. The copy that waits with
    // the run's results holds only its own text, so that each front matter dies young.
    const checked: Checked = { file: item.file, diagnostics: current.diagnostics.map(toWire), summary: summary && structuredClone(summary) };
    results.push({ ...checked, ...(current.valid ? renderPage(item, current.valid, { previous, next }, context) : {}) });
    previous = summary;
    current = following!;
  }
  return results;
}

/** Renders one issue, unless the cache has its page with these neighbours. */
function renderPage(item: PageItem, valid: ValidDraft, neighbours: Neighbours, { cache, render }: PagesContext): Omit<PageResult, keyof Checked> {
  const pageKey = item.key === undefined || !cache ? undefined : pageKeyOf(item.key, neighbours.previous, neighbours.next);
  if (pageKey !== undefined && cache!.page(pageKey)) return { pageKey };
  const { files, view } = render(valid, neighbours);
  const utf8 = new TextEncoder();
  const bytes = Object.entries(files).flatMap(([name, text]) => (text === undefined ? [] : [[name, utf8.encode(text)] as const]));
  const record: PageRecord = { view };
  return { pageKey, rendered: { files: Object.fromEntries(bytes), record: utf8.encode(JSON.stringify(record)) } };
}
