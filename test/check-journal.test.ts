import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_CACHE_DIR, openCheckCache } from '../src/check/cache.js';
import { contentOf, seeDraft } from '../src/draft/state.js';
import { openJournaled } from '../src/check/journal.js';
import type { DraftRecord } from '../src/check/lint.js';
import { runKeys } from '../src/rules/runs.js';
import { ROOT } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmr-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder of records kept as a base and its journal', () => {
  const base = () => join(dir, 'records');
  const journal = () => `${base()}.journal`;
  /** A record's line, as the files keep it. */
  const line = (key: string, head: unknown, body: unknown) => {
    const text = JSON.stringify(body);
    return `\n${JSON.stringify([key, head, Buffer.byteLength(text)])}\t${text}`;
  };
  /** A base large enough that a few small records put go to the journal. */
  const largeBase = Array.from({ length: 40 }, (_, i) => line(`old-${i}`, i, 'x'.repeat(100))).join('');
  /** A record larger than an eighth of `largeBase`: putting it folds the journal. */
  const LARGE = 'y'.repeat(2000);
  /** The head and body of each of `keys`, as a reader opening the files now finds them. */
  const reopened = (...keys: string[]) => {
    const records = openJournaled<unknown, unknown>(base());
    return keys.map((key) => {
      const stored = records.get(key);
      return stored && [stored.head, stored.body()];
    });
  };

  it('replays the journal over the base, the last line of a key winning', () => {
    writeFileSync(base(), line('a', 1, 'A') + line('b', 2, 'B'));
    writeFileSync(journal(), line('b', 3, 'B3') + line('c', 4, { c: ['é'] }) + line('b', 5, 'B5'));
    expect(reopened('a', 'b', 'c', 'd')).toEqual([[1, 'A'], [5, 'B5'], [4, { c: ['é'] }], undefined]);
  });

  it('skips a line cut short in its head or its body, and the next record appended starts a line of its own', () => {
    writeFileSync(base(), largeBase);
    const cut = line('b', 3, 'B') + line('c', 4, 'a body cut short').slice(0, -4) + line('d', 5, 'D').slice(0, 6);
    writeFileSync(journal(), cut);
    const records = openJournaled<unknown, unknown>(base());
    records.put('e', 6, 'E');
    records.save(() => true);
    expect(readFileSync(journal(), 'utf8')).toBe(cut + line('e', 6, 'E'));
    expect(reopened('b', 'c', 'd', 'e', 'old-1')).toEqual([[3, 'B'], undefined, undefined, [6, 'E'], [1, 'x'.repeat(100)]]);
  });

  it('appends only the records put while the journal is small, leaving the base as it was', () => {
    writeFileSync(base(), largeBase);
    const records = openJournaled<unknown, unknown>(base());
    records.save(() => true);
    expect(existsSync(journal())).toBe(false);
    // Without a body, the record keeps the one it had.
    records.put('old-3', 'new head');
    records.put('e', 7, 'E');
    records.save(() => true);
    expect(readFileSync(base(), 'utf8')).toBe(largeBase);
    expect(readFileSync(journal(), 'utf8')).toBe(line('old-3', 'new head', 'x'.repeat(100)) + line('e', 7, 'E'));
    expect(reopened('old-3', 'e', 'old-4')).toEqual([['new head', 'x'.repeat(100)], [7, 'E'], [4, 'x'.repeat(100)]]);
  });

  it('folds the journal into a new base once it would outgrow an eighth of the base, without the records `keep` drops', () => {
    writeFileSync(base(), line('a', 1, 'A') + line('gone', 2, 'G'));
    writeFileSync(journal(), line('a', 3, 'A3'));
    const records = openJournaled<unknown, unknown>(base());
    records.put('b', 4, 'B');
    records.save((key) => key !== 'gone');
    expect(existsSync(journal())).toBe(false);
    expect(readFileSync(base(), 'utf8')).toBe(line('a', 3, 'A3') + line('b', 4, 'B'));
  });

  it('keeps what two writers append at once', () => {
    writeFileSync(base(), largeBase);
    const [first, second] = [openJournaled<unknown, unknown>(base()), openJournaled<unknown, unknown>(base())];
    first.put('a', 1, 'A');
    second.put('b', 2, 'B');
    first.save(() => true);
    second.save(() => true);
    expect(readFileSync(journal(), 'utf8')).toBe(line('a', 1, 'A') + line('b', 2, 'B'));
  });

  it('loses at worst what one writer appended while another folded the journal', () => {
    writeFileSync(base(), largeBase);
    const [appending, folding] = [openJournaled<unknown, unknown>(base()), openJournaled<unknown, unknown>(base())];
    appending.put('a', 1, 'A');
    folding.put('b', 2, LARGE);
    appending.save(() => true);
    folding.save(() => true);
    expect(existsSync(journal())).toBe(false);
    expect(readFileSync(base(), 'utf8')).toBe(largeBase + line('b', 2, LARGE));
  });

  it('replays over the new base what one writer appends after another folded the journal', () => {
    writeFileSync(base(), largeBase);
    const [appending, folding] = [openJournaled<unknown, unknown>(base()), openJournaled<unknown, unknown>(base())];
    appending.put('a', 1, 'A');
    folding.put('b', 2, LARGE);
    folding.save(() => true);
    appending.save(() => true);
    expect(readFileSync(journal(), 'utf8')).toBe(line('a', 1, 'A'));
    expect(reopened('a', 'b')).toEqual([[1, 'A'], [2, LARGE]]);
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

  /** The record of the draft as the cache keeps it, with what tells whether it is current. */
  function stored(file = draft()): { head: unknown; body: unknown } | undefined {
    const [folder] = readdirSync(join(dir, CHECK_CACHE_DIR));
    const [records] = readdirSync(join(dir, CHECK_CACHE_DIR, folder!)).filter((name) => name.endsWith('.records'));
    const found = openJournaled<unknown, unknown>(join(dir, CHECK_CACHE_DIR, folder!, records!)).get(file);
    return found && { head: found.head, body: found.body() };
  }

  /** What the cache keeps of a record. */
  const keptOf = (record: DraftRecord, content: string, stamp?: string) => ({
    head: { content, stamp, date: record.issue!.date, keys: runKeys(record.issue!) },
    body: record,
  });

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
    expect(stored()).toEqual(keptOf(record, content, stampOf(draft())));
    expect(check(true, 'unused')).toEqual(record);

    // In a later tick of the file system's clock than the stamp: within the same tick, only
    // the two seconds a real check leaves tell the edit apart (the next test).
    await sleep(50);
    editKeepingSizeAndTime('Copper', 'Cobalt');
    expect(check(true, 'cobalt')).toEqual(recordOf(draft(), 'cobalt'));
    expect(stored()).toEqual(keptOf(recordOf(draft(), 'cobalt'), contentOf(readFileSync(draft())), stampOf(draft())));
  });

  it('reads a draft changed just before the check, so an edit that keeps the size and modification time is noticed', () => {
    const record = check(false, 'copper');
    const content = contentOf(readFileSync(draft()));
    expect(stored()).toEqual(keptOf(record, content));
    expect(check(false, 'unused')).toEqual(record);

    editKeepingSizeAndTime('Copper', 'Cobalt');
    expect(check(false, 'cobalt')).toEqual(recordOf(draft(), 'cobalt'));
  });

  it('stamps the record of a draft changed just before one check once a later check finds it unchanged', () => {
    const record = check(false, 'copper');
    const content = contentOf(readFileSync(draft()));
    const later = open(true);
    expect(later.lookup(draft(), MAX)).toEqual(record);
    later.save();
    expect(stored()).toEqual(keptOf(record, content, stampOf(draft())));
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
    expect(stored(other)).toBeUndefined();
    expect(stored()).toEqual(keptOf(recordOf(draft(), 'cobalt'), contentOf(readFileSync(draft()))));
  });

  it("tells the date and the keys of a current record's URLs and titles, none for a draft that is no issue, and nothing once the draft changed", () => {
    const record = check(false, 'copper');
    const other = join(dir, 'digests', 'notes.md');
    writeFileSync(other, 'not an issue\n');
    const cache = open(false);
    cache.put(other, contentOf(readFileSync(other)), { verdict: { strict: false, diagnostics: [], folderRulesAt: {} } });
    expect([cache.keysOf(draft(), MAX), cache.keysOf(other, MAX)]).toStrictEqual([
      { date: '2025-01-04', runs: runKeys(record.issue!) },
      { date: undefined, runs: [] },
    ]);
    writeFileSync(draft(), 'title: Cobalt\n');
    expect(open(false).keysOf(draft(), MAX)).toBeUndefined();
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
