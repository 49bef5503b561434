import { describe, expect, it } from 'vitest';
import type { KnownDraft, PageLookup } from '../src/build/plan.js';
import { expectedDate, planPages } from '../src/build/plan.js';
import type { IssueSummary } from '../src/render/summary.js';

const summary = (date: string): IssueSummary => ({ slug: date, title: `Issue ${date}`, date, dateText: date, summary: '', url: `https://example.com/${date}/` });
/** A draft the cache knows (with its verdict) or not, named by its date. */
const draft = (date: string, known: boolean): KnownDraft => ({
  file: `digests/${date}.md`,
  key: `key-${date}`,
  checked: known ? { file: `digests/${date}.md`, diagnostics: [], summary: summary(date) } : undefined,
});
const dates = ['2025-01-04', '2025-01-11', '2025-01-18', '2025-01-25', '2025-02-01', '2025-02-08'];
/** A cache with every draft's page with these neighbours, or only those `cached` says; and no earlier page unless `earlier` gives it. */
const lookup = (cached = (_key: string) => true, earlier = (_key: string): string | undefined => undefined): PageLookup => ({
  page: (key) => ({ pageKey: `page-${key}`, folder: cached(key) ? `cache/${key}` : undefined }),
  earlier,
});
const everyPageCached = lookup();

describe('planPages', () => {
  it('orders drafts by their expected dates, from the verdict or else the file name', () => {
    expect(expectedDate({ file: 'digests/2025-03-01.md' })).toBe('2025-03-01');
    expect(expectedDate({ file: 'digests/notes.md' })).toBeUndefined();
    const plan = planPages([...dates].reverse().map((d) => draft(d, true)), everyPageCached, { feedEntries: 2, runLength: 32 });
    expect(plan.runs).toEqual([]);
    expect(plan.cached.map((page) => page.slug)).toEqual(dates);
    expect(plan.inFeeds).toEqual(new Set(dates.slice(-2).map((d) => `digests/${d}.md`)));
  });

  it('writes again an unknown draft and both its neighbours, in one run with known edges', () => {
    const drafts = dates.map((d) => draft(d, d !== '2025-01-25'));
    const plan = planPages(drafts, everyPageCached, { feedEntries: 1, runLength: 32 });
    expect(plan.cached.map((page) => page.slug)).toEqual(['2025-01-04', '2025-01-11', '2025-02-08']);
    expect(plan.runs).toEqual([
      {
        items: ['2025-01-18', '2025-01-25', '2025-02-01'].map((d) => ({ file: `digests/${d}.md`, key: `key-${d}` })),
        previous: { summary: summary('2025-01-11') },
        next: { summary: summary('2025-02-08') },
      },
    ]);
  });

  it('splits long runs, and a run edge that is not known yet is a draft to read', () => {
    const plan = planPages(dates.map((d) => draft(d, false)), everyPageCached, { feedEntries: 0, runLength: 4 });
    expect(plan.runs.map((run) => run.items.map((item) => item.file))).toEqual([dates.slice(0, 4), dates.slice(4)].map((run) => run.map((d) => `digests/${d}.md`)));
    expect(plan.runs[0]).toMatchObject({ previous: undefined, next: { file: 'digests/2025-02-01.md' } });
    expect(plan.runs[1]).toMatchObject({ previous: { file: 'digests/2025-01-25.md' }, next: undefined });
  });

  it('writes a known issue again when its page with these neighbours is not cached', () => {
    const plan = planPages(dates.map((d) => draft(d, true)), lookup((key) => key !== 'key-2025-01-18'), { feedEntries: 0, runLength: 32 });
    expect(plan.runs).toEqual([{ items: [{ file: 'digests/2025-01-18.md', key: 'key-2025-01-18' }], previous: { summary: summary('2025-01-11') }, next: { summary: summary('2025-01-25') } }]);
    expect(plan.remade).toEqual([]);
  });

  it('remakes from its earlier page a known issue whose page with these neighbours is not cached', () => {
    const missing = new Set(['key-2025-01-18', 'key-2025-01-25']);
    const plan = planPages(dates.map((d) => draft(d, true)), lookup((key) => !missing.has(key), (key) => (key === 'key-2025-01-18' ? 'cache/earlier' : undefined)), {
      feedEntries: 0,
      runLength: 32,
    });
    expect(plan.remade).toEqual([
      { file: 'digests/2025-01-18.md', slug: '2025-01-18', pageKey: 'page-key-2025-01-18', from: 'cache/earlier', previous: summary('2025-01-11'), next: summary('2025-01-25') },
    ]);
    // Without an earlier page, the issue is rendered again.
    expect(plan.runs.map((run) => run.items.map((item) => item.file))).toEqual([['digests/2025-01-25.md']]);
    expect(plan.cached.map((page) => page.slug)).toEqual(['2025-01-04', '2025-01-11', '2025-02-01', '2025-02-08']);
  });
});
