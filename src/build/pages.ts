import type { DraftResult } from '../draft/read.js';
import type { FeedEntry } from '../render/feeds.js';
import type { RenderedIssue } from '../render/issue.js';
import type { IssueSummary } from '../render/summary.js';
import type { ValidDraft } from '../validate/digest.js';
import { pageKeyOf, type CacheStore } from './cache.js';
import type { Checked } from './checked.js';
import { toWire } from './checked.js';
import { folderWriter, type FolderWriter } from './write.js';

/** One issue of a run: its draft, its cache key, and whether the feeds carry it. */
export interface PageItem {
  file: string;
  key?: string;
  inFeeds: boolean;
}

/** The issue beside a run: known by its summary, or a draft to read for it. */
export type Edge = { summary: IssueSummary } | { file: string };

/**
 * Consecutive issues, oldest first, to validate and write in one pass: each issue's
 * neighbours are the issues beside it in the run, or the run's edges.
 */
export interface PagesTask {
  kind: 'pages';
  /** The output folder being staged. */
  staging: string;
  items: PageItem[];
  previous?: Edge;
  next?: Edge;
}

/** An issue's verdict, and for a valid one the key of its written page and its feed entry if asked. */
export interface PageResult extends Checked {
  pageKey?: string;
  entry?: FeedEntry;
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
 * Validates and writes a run of issues, reading each draft once: a draft is read just
 * before the issue ahead of it is rendered, since that issue links to it.
 */
export async function writePages(task: PagesTask, context: PagesContext): Promise<PageResult[]> {
  const out = folderWriter(task.staging);
  const summaryOf = (result: DraftResult | undefined) => (result?.valid ? context.summarize(result.valid) : undefined);
  const edge = async (side?: Edge) => (side && 'file' in side ? summaryOf(await context.read(side.file)) : side?.summary);
  const results: PageResult[] = [];
  let previous = await edge(task.previous);
  let current = await context.read(task.items[0]!.file);
  for (const [i, item] of task.items.entries()) {
    const following = i + 1 < task.items.length ? await context.read(task.items[i + 1]!.file) : undefined;
    const next = following ? summaryOf(following) : await edge(task.next);
    const summary = summaryOf(current);
    const checked: Checked = { file: item.file, diagnostics: current.diagnostics.map(toWire), summary };
    if (item.key !== undefined) await context.cache?.saveChecked(item.key, checked);
    const page = current.valid ? await writePage(item, current.valid, { previous, next }, out, context) : {};
    results.push({ ...checked, ...page });
    previous = summary;
    current = following!;
  }
  return results;
}

/** Writes one issue's files: linked from the cache when they are there, rendered (and cached) when not. */
async function writePage(
  item: PageItem,
  valid: ValidDraft,
  neighbours: Neighbours,
  out: FolderWriter,
  { cache, render, summarize }: PagesContext,
): Promise<{ pageKey?: string; entry?: FeedEntry }> {
  const { slug } = summarize(valid);
  const pageKey = item.key === undefined || !cache ? undefined : pageKeyOf(item.key, neighbours.previous, neighbours.next);
  const cached = pageKey === undefined ? undefined : cache!.page(pageKey);
  if (cached) {
    out.linkFolder(slug, cached);
    return { pageKey, entry: item.inFeeds ? await cache!.entry(cached) : undefined };
  }
  const { files, entry } = render(valid, neighbours);
  if (pageKey === undefined) out.writeFolder(slug, files);
  else out.linkFolder(slug, cache!.savePage(pageKey, files, entry));
  return { pageKey, entry: item.inFeeds ? entry : undefined };
}

