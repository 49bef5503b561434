import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_CACHE_DIR, openCheckCache } from '../src/check/cache.js';
import { contentOf, seeDraft } from '../src/check/draft-state.js';
import { openJournaled } from '../src/check/journal.js';
import type { DraftRecord } from '../src/check/lint.js';
import { ROOT } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmr-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder of records kept as a base and its journal', () => {
  const base = () => join(dir, 'records.json');
  const journal = () => `${base()}.journal`;
  /** A base large enough that a few small records put go to the journal. */
  const largeBase = () => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`old-${i}`, { text: 'x'.repeat(100) }]));
  const reopened = () => Object.fromEntries(openJournaled<unknown>(base()).records);
  /** A record larger than an eighth of `largeBase()`: putting it folds the journal. */
  const LARGE = { text: 'y'.repeat(2000) };

  it('replays the journal over the base, the last line of a key winning', () => {
    writeFileSync(base(), JSON.stringify({ a: 1, b: 2 }));
    writeFileSync(journal(), '\n["b",3]\n["c",4]\n["b",5]');
    expect(reopened()).toEqual({ a: 1, b: 5, c: 4 });
  });

  it('skips a line cut short, and the next record appended starts a line of its own', () => {
    writeFileSync(base(), JSON.stringify(largeBase()));
    writeFileSync(journal(), '\n["b",3]\n["c",{"text":"cut sh');
    const records = openJournaled<unknown>(base());
    expect(records.records.get('b')).toBe(3);
    expect(records.records.has('c')).toBe(false);
    records.put('d', 6);
    records.save(() => true);
    expect(readFileSync(journal(), 'utf8')).toBe('\n["b",3]\n["c",{"text":"cut sh\n["d",6]');
    expect(reopened()).toEqual({ ...largeBase(), b: 3, d: 6 });
  });

  it('appends only the records put while the journal is small, leaving the base as it was', () => {
    const text = JSON.stringify(largeBase());
    writeFileSync(base(), text);
    const records = openJournaled<unknown>(base());
    records.save(() => true);
    expect(existsSync(journal())).toBe(false);
    records.put('old-3', { text: 'new' });
    records.put('e', 7);
    records.save(() => true);
    expect(readFileSync(base(), 'utf8')).toBe(text);
    expect(readFileSync(journal(), 'utf8')).toBe('\n["old-3",{"text":"new"}]\n["e",7]');
    expect(reopened()).toEqual({ ...largeBase(), 'old-3': { text: 'new' }, e: 7 });
  });

  it('folds the journal into a new base once it would outgrow an eighth of the base, without the records `keep` drops', () => {
    writeFileSync(base(), JSON.stringify({ a: 1, gone: 2 }));
    writeFileSync(journal(), '\n["a",3]');
    const records = openJournaled<unknown>(base());
    records.put('b', 4);
    records.save((key) => key !== 'gone');
    expect(existsSync(journal())).toBe(false);
    expect(JSON.parse(readFileSync(base(), 'utf8'))).toEqual({ a: 3, b: 4 });
  });

  it('keeps what two writers append at once', () => {
    writeFileSync(base(), JSON.stringify(largeBase()));
    const [first, second] = [openJournaled<unknown>(base()), openJournaled<unknown>(base())];
    first.put('a', 1);
    second.put('b', 2);
    first.save(() => true);
    second.save(() => true);
    expect(reopened()).toEqual({ ...largeBase(), a: 1, b: 2 });
  });

  it('loses at worst what one writer appended while another folded the journal', () => {
    writeFileSync(base(), JSON.stringify(largeBase()));
    const [appending, folding] = [openJournaled<unknown>(base()), openJournaled<unknown>(base())];
    appending.put('a', 1);
    folding.put('b', LARGE);
    appending.save(() => true);
    folding.save(() => true);
    expect(existsSync(journal())).toBe(false);
    expect(reopened()).toEqual({ ...largeBase(), b: LARGE });
  });

  it('replays over the new base what one writer appends after another folded the journal', () => {
    writeFileSync(base(), JSON.stringify(largeBase()));
    const [appending, folding] = [openJournaled<unknown>(base()), openJournaled<unknown>(base())];
    appending.put('a', 1);
    folding.put('b', LARGE);
    folding.save(() => true);
    appending.save(() => true);
    expect(readFileSync(journal(), 'utf8')).toBe('\n["a",1]');
    expect(reopened()).toEqual({ ...largeBase(), b: LARGE, a: 1 });
  });
});

/** A valid issue's record, as a worker makes it. */
function recordOf(file: string, title: string): DraftRecord {
  return { issue: { file, date: '2025-01-04', fields: ['headlines.0'], url: ['https://example.com/a'], title: [title] } };
}

describe('the check cache with stamps', () => {
  const config = { name: 'cmr.config.yaml', bytes: new TextEncoder().encode('title: test\n') };
  const templates = join(ROOT, 'templates');
  /** A check that starts now, or long enough after the drafts were written that their stamps vouch for them. */
  const open = (settled: boolean) => openCheckCache(dir, config, templates, settled ? Date.now() + 10_000 : Date.now());
  const draft = () => join(dir, 'digests', '2025-01-04.md');
  const MAX = 1000;

  /** Checks `draft()` with a cache opened by `open`: its record, kept in the cache as a worker would. */
  function check(settled: boolean, title: string): DraftRecord {
    const cache = open(settled);
    const found = cache.lookup(draft(), MAX);
    if (found) return found;
    const bytes = readFileSync(draft());
    const record = recordOf(draft(), title);
    cache.put(draft(), contentOf(bytes), record);
    cache.save();
    return record;
  }

  /** Every record of the cache's only folder of drafts, base and journal replayed. */
  function stored(): Record<string, unknown> {
    const [folder] = readdirSync(join(dir, CHECK_CACHE_DIR));
    const [file] = readdirSync(join(dir, CHECK_CACHE_DIR, folder!)).filter((name) => name.endsWith('.json') && name !== 'config.json');
    return Object.fromEntries(openJournaled<unknown>(join(dir, CHECK_CACHE_DIR, folder!, file!)).records);
  }

  /** When the draft was last modified, as far as its modification time tells: a whole second, which `utimes` sets exactly. */
  const MODIFIED = Math.floor(Date.now() / 1000) - 60;

  /** Rewrites the draft with bytes of the same length and sets its modification time back. */
  function editKeepingSizeAndTime(from: string, to: string): void {
    const before = statSync(draft(), { bigint: true });
    writeFileSync(draft(), readFileSync(draft(), 'utf8').replace(from, to));
    utimesSync(draft(), MODIFIED, MODIFIED);
    const after = statSync(draft(), { bigint: true });
    expect([after.size, after.ino, after.mtimeNs]).toEqual([before.size, before.ino, before.mtimeNs]);
  }

  const stampOf = (file: string) => {
    const stats = statSync(file, { bigint: true });
    return `${stats.size} ${stats.ino} ${stats.mtimeNs} ${stats.ctimeNs}`;
  };

  beforeEach(() => {
    mkdirSync(join(dir, 'digests'));
    writeFileSync(draft(), 'title: Copper\n');
    utimesSync(draft(), MODIFIED, MODIFIED);
  });

  it('keeps the stamp of a draft left alone, answers from it, and notices an edit that keeps the size and modification time', async () => {
    const record = check(true, 'copper');
    const content = contentOf(readFileSync(draft()));
    expect(stored()).toEqual({ [draft()]: { ...record, content, stamp: stampOf(draft()) } });
    expect(check(true, 'unused')).toEqual({ ...record, content, stamp: stampOf(draft()) });

    // In a later tick of the file system's clock than the stamp: within the same tick, only
    // the two seconds a real check leaves tell the edit apart (the next test).
    await sleep(50);
    editKeepingSizeAndTime('Copper', 'Cobalt');
    expect(check(true, 'cobalt')).toEqual(recordOf(draft(), 'cobalt'));
    expect(stored()).toEqual({ [draft()]: { ...recordOf(draft(), 'cobalt'), content: contentOf(readFileSync(draft())), stamp: stampOf(draft()) } });
  });

  it('reads a draft changed just before the check, so an edit that keeps the size and modification time is noticed', () => {
    const record = check(false, 'copper');
    const content = contentOf(readFileSync(draft()));
    expect(stored()).toEqual({ [draft()]: { ...record, content } });
    expect(check(false, 'unused')).toEqual({ ...record, content });

    editKeepingSizeAndTime('Copper', 'Cobalt');
    expect(check(false, 'cobalt')).toEqual(recordOf(draft(), 'cobalt'));
  });

  it('stamps the record of a draft changed just before one check once a later check finds it unchanged', () => {
    const record = check(false, 'copper');
    const content = contentOf(readFileSync(draft()));
    const later = open(true);
    expect(later.lookup(draft(), MAX)).toEqual({ ...record, content });
    later.save();
    expect(stored()).toEqual({ [draft()]: { ...record, content, stamp: stampOf(draft()) } });
  });

  it('answers nothing for a draft over the size limit, even with its record at hand', () => {
    check(true, 'copper');
    expect(open(true).lookup(draft(), 5)).toBeUndefined();
  });

  it('drops the records of drafts that are gone when it folds the journal', () => {
    const other = join(dir, 'digests', '2025-01-11.md');
    writeFileSync(other, 'title: Nickel\n');
    const first = open(false);
    for (const file of [draft(), other]) first.put(file, contentOf(readFileSync(file)), recordOf(file, 'x'));
    first.save();
    rmSync(other);
    writeFileSync(draft(), 'title: Cobalt\n');
    check(false, 'cobalt');
    expect(Object.keys(stored())).toEqual([draft()]);
  });
});

describe('what a check sees of a draft', () => {
  it('is its stamp only when it last changed more than two seconds before the check', () => {
    const file = join(dir, 'draft.md');
    writeFileSync(file, 'title: Copper\n');
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    expect(seeDraft(file, 1000, nowNs)).toEqual({});
    expect(seeDraft(file, 1000, nowNs + 2_100_000_000n)).toEqual({ stamp: expect.stringMatching(/^14 \d+ \d+ \d+$/) });
    expect(seeDraft(file, 13, nowNs)).toBeUndefined();
    expect(seeDraft(join(dir, 'missing.md'), 1000, nowNs)).toBeUndefined();
    expect(seeDraft(dir, 1000, nowNs)).toBeUndefined();
  });
});
