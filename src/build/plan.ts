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

export interface PagesPlan {
  runs: PagesRun[];
  cached: CachedPage[];
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
 * Puts the drafts in publication order and splits them into what the cache already has and
 * runs of consecutive issues to validate and write. An issue is written again when its draft
 * or either neighbour is not known yet, or its page with these neighbours is not cached.
 * Every draft must have an expected date.
 */
export function planPages(
  drafts: readonly KnownDraft[],
  cachedPage: (key: string, previous?: IssueSummary, next?: IssueSummary) => { folder: string; pageKey: string } | undefined,
  options: { feedEntries: number; runLength: number },
): PagesPlan {
  const ordered = [...drafts].sort((a, b) => byCodeUnits(expectedDate(a)!, expectedDate(b)!) || byCodeUnits(a.file, b.file));
  const summary = (i: number) => ordered[i]?.checked?.summary;
  const known = (i: number) => i < 0 || i >= ordered.length || summary(i) !== undefined;
  const cached: CachedPage[] = [];
  const work: number[] = [];
  ordered.forEach((draft, i) => {
    const page = known(i - 1) && known(i) && known(i + 1) && draft.key !== undefined ? cachedPage(draft.key, summary(i - 1), summary(i + 1)) : undefined;
    if (page) cached.push({ file: draft.file, slug: summary(i)!.slug, ...page });
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
  return { runs, cached, inFeeds };
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
