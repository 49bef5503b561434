import { basename } from 'node:path';
import { byCodeUnits } from '../compare.js';
import type { IssueSummary } from '../render/summary.js';
import type { Checked } from './checked.js';
import type { Edge, PageItem } from './pages.js';

/** A draft as the build first knows it: its cache key, and its verdict when the cache has it. */
export interface KnownDraft {
  file: string;
  key?: string;
  checked?: Checked;
}

/** An issue whose files are all in the cache already, to be linked into the output. */
export interface CachedPage {
  file: string;
  slug: string;
  folder: string;
  pageKey: string;
}

/** A run of issues for one thread to validate and write, oldest first. */
export interface PagesRun {
  items: PageItem[];
  previous?: Edge;
  next?: Edge;
}

/**
 * An issue whose draft is as it was but whose neighbours are not: its web page is made again
 * from its cached view, and its other files are those of its earlier page.
 */
export interface RemadePage {
  file: string;
  slug: string;
  /** The key of the page with its new neighbours. */
  pageKey: string;
  /** The cached folder of its earlier page. */
  from: string;
  previous?: IssueSummary;
  next?: IssueSummary;
}

/** What planning asks of the build cache. */
export interface PageLookup {
  /** The key of a draft's page with these neighbours, and its cached folder if there is one. */
  page(draftKey: string, previous?: IssueSummary, next?: IssueSummary): { pageKey: string; folder?: string };
  /** The cached folder of a page of this draft with other neighbours, from the last build. */
  earlier(draftKey: string): string | undefined;
}

export interface PagesPlan {
  runs: PagesRun[];
  cached: CachedPage[];
  remade: RemadePage[];
  /** The drafts of the newest issues, which the feeds carry. */
  inFeeds: ReadonlySet<string>;
}

const DATED_NAME = /^(\d{4}-\d{2}-\d{2})\.md$/;

/**
 * The issue date a draft will have if it is valid: the one its verdict gives, or the one
 * in its file name, since a draft named by a date must carry that date.
 */
export function expectedDate(draft: KnownDraft): string | undefined {
  return draft.checked?.summary?.date ?? DATED_NAME.exec(basename(draft.file))?.[1];
}

/**
 * Puts the drafts in publication order and splits them into what the cache already has, the
 * issues whose web page alone is made again, and runs of consecutive issues to validate and
 * write. An issue is written again when its draft or either neighbour is not known yet, or its
 * page with these neighbours is not cached and neither is a page of it with others.
 * Every draft must have an expected date.
 */
export function planPages(drafts: readonly KnownDraft[], lookup: PageLookup, options: { feedEntries: number; runLength: number }): PagesPlan {
  const ordered = [...drafts].sort((a, b) => byCodeUnits(expectedDate(a)!, expectedDate(b)!) || byCodeUnits(a.file, b.file));
  const summary = (i: number) => ordered[i]?.checked?.summary;
  const known = (i: number) => i < 0 || i >= ordered.length || summary(i) !== undefined;
  const cached: CachedPage[] = [];
  const remade: RemadePage[] = [];
  const work: number[] = [];
  ordered.forEach(({ file, key }, i) => {
    if (!(known(i - 1) && known(i) && known(i + 1) && key !== undefined)) {
      work.push(i);
      return;
    }
    const [slug, previous, next] = [summary(i)!.slug, summary(i - 1), summary(i + 1)];
    const { pageKey, folder } = lookup.page(key, previous, next);
    const from = folder === undefined ? lookup.earlier(key) : undefined;
    if (folder !== undefined) cached.push({ file, slug, folder, pageKey });
    else if (from !== undefined) remade.push({ file, slug, pageKey, from, previous, next });
    else work.push(i);
  });
  const edge = (i: number): Edge | undefined => {
    if (i < 0 || i >= ordered.length) return undefined;
    const known = summary(i);
    return known ? { summary: known } : { file: ordered[i]!.file };
  };
  const runs = consecutive(work, options.runLength).map((run) => ({
    items: run.map((i) => ({ file: ordered[i]!.file, key: ordered[i]!.key })),
    previous: edge(run[0]! - 1),
    next: edge(run.at(-1)! + 1),
  }));
  const inFeeds = new Set(ordered.slice(Math.max(0, ordered.length - options.feedEntries)).map((draft) => draft.file));
  return { runs, cached, remade, inFeeds };
}

/** Splits ascending indexes into runs of consecutive ones, none longer than `length`. */
function consecutive(indexes: readonly number[], length: number): number[][] {
  const runs: number[][] = [];
  for (const i of indexes) {
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1 && last.length < length) last.push(i);
    else runs.push([i]);
  }
  return runs;
}
