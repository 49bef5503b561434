import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConfigRecord, ConfigStore } from '../config/cached.js';
import type { DraftRecord } from './lint.js';
import { addCodeAndTemplates } from '../build/fingerprint.js';
import { readJson, writeJson } from '../build/json-files.js';
import { runKeys } from '../rules/runs.js';
import { currentContent, seeDraft, vouches, type Stamp } from '../draft/state.js';
import { openJournaled, type Journaled } from './journal.js';

/**
 * Where `cmr check` keeps what it found in each draft, under the project root, beside the
 * build cache and git-ignored with it. The version in the name changes when a record
 * changes shape, so old records are never misread.
 */
export const CHECK_CACHE_DIR = join('.cache', 'cmr', 'check-v3');
const CONFIG_RECORD = 'config.json';


/**
 * What tells whether a draft's record is current, and what a check comparing issues needs of
 * every record, read without the rest of it: the hash of the bytes the record was made from;
 * when the draft had been left alone long enough before it was read, its stamp (see `Stamp`);
 * and when the draft is an issue, its date and the keys of its URLs and titles (see `runKeys`).
 */
interface Head {
  content: string;
  stamp?: Stamp;
  date?: string;
  keys?: number[];
}

/** What comparing issues with the other drafts of their folder needs of a draft's record. */
export interface DraftKeys {
  /** The issue's date; none for a draft that is no issue. */
  date?: string;
  /** The keys of the issue's URLs and titles (see `runKeys`); none for a draft that is no issue. */
  runs: readonly number[];
}

/**
 * What earlier checks found, one record per draft. Records depend on the draft's bytes and on
 * what the config, the templates (the `email-size` rule renders the email) and cmr (its code,
 * and its package.json: its version and its dependencies' exact versions) are: the hash of
 * those names a folder of the cache, and in it the records of each folder of drafts are kept in
 * a file and its journal (see `openJournaled`), each with the hash of the bytes it was made from.
 * A record is used only when those bytes are still the draft's, so a draft that changed or
 * appeared, or any change of the config, the templates or cmr, is never answered from an old
 * record. A draft whose stamp is the record's is not read again to prove it. The records of
 * drafts that are gone are dropped when the journal is folded into its file.
 *
 * One file per folder rather than per draft: creating a file costs more than a draft's record,
 * and a check that compares one draft with its folder reads the heads of them all anyway.
 */
export interface CheckCache extends ConfigStore {
  /**
   * The record of `file` if it was made from the bytes the draft has now; none for a draft that
   * cannot be read or is larger than `maxBytes` (it is not read: checking it reports its size).
   */
  lookup(file: string, maxBytes: number): DraftRecord | undefined;
  /**
   * The date and the keys of the URLs and titles of `file`, from its record, if that was made
   * from the bytes the draft has now (as `lookup`). The rest of the record is not read.
   */
  keysOf(file: string, maxBytes: number): DraftKeys | undefined;
  /** Keeps the record of `file`, made from bytes with this hash (see `contentOf`) read after its `lookup`, until `save`. */
  put(file: string, content: string, record: DraftRecord): void;
  /** Writes the records of each folder of drafts where one was put. */
  save(): void;
  /** Removes the records of other configs, templates or cmr versions. */
  prune(): Promise<void>;
}

/**
 * Opens the check cache of the project at `root` for a check that started at `startedMs` (wall
 * clock), before it looked at any draft: a draft changed shortly before is read to prove it is
 * unchanged (see `seeDraft`). Its files are read and written synchronously: a check does nothing
 * else meanwhile, and for many small files that is several times faster than the promise API.
 */
export function openCheckCache(
  root: string,
  config: { name: string; bytes: Uint8Array },
  templatesDir: string,
  startedMs = Date.now(),
): CheckCache {
  const startedNs = BigInt(startedMs) * 1_000_000n;
  const hash = createHash('sha256').update(config.name).update('\0').update(config.bytes);
  const base = addCodeAndTemplates(hash, templatesDir).digest('hex');
  const parent = join(root, CHECK_CACHE_DIR);
  const dir = join(parent, base);
  const storeFile = (folder: string) => join(dir, `${createHash('sha256').update(folder).digest('hex').slice(0, 32)}.records`);
  const stores = new Map<string, Journaled<Head, DraftRecord>>();
  const storeOf = (file: string) => {
    const folder = dirname(file);
    let store = stores.get(folder);
    if (!store) stores.set(folder, (store = openJournaled<Head, DraftRecord>(storeFile(folder))));
    return store;
  };
  // The stamp of each draft looked up: taken before the draft is read to make its record.
  const stamps = new Map<string, Stamp | undefined>();

  /** The record of `file`, if it was made from the bytes the draft has now. */
  const current = (file: string, maxBytes: number) => {
    const seen = seeDraft(file, maxBytes, startedNs);
    stamps.set(file, seen?.stamp);
    if (!seen) return undefined;
    const store = storeOf(file);
    const stored = store.get(file);
    if (!stored) return undefined;
    const { head } = stored;
    if (vouches(seen, head)) return stored;
    if (currentContent(file) !== head.content) return undefined;
    // The same bytes, now left alone long enough: the stamp vouches for them from now on.
    if (seen.stamp !== undefined) store.put(file, { ...head, stamp: seen.stamp });
    return stored;
  };

  return {
    lookup: (file, maxBytes) => current(file, maxBytes)?.body(),
    keysOf: (file, maxBytes) => {
      const head = current(file, maxBytes)?.head;
      return head && { date: head.date, runs: head.keys ?? [] };
    },
    put(file, content, record) {
      const stored = storeOf(file).get(file);
      const old = stored?.head.content === content ? stored.body() : undefined;
      // Records of the same bytes only add to each other: a verdict, or where the entries are.
      const issue = record.issue?.places ? record.issue : (old?.issue ?? record.issue);
      const head = { content, stamp: stamps.get(file), date: issue?.date, keys: issue && runKeys(issue) };
      storeOf(file).put(file, head, { verdict: record.verdict ?? old?.verdict, issue });
    },
    save() {
      for (const store of stores.values()) saveQuietly(() => store.save(existsSync));
    },
    config: () => readJson<ConfigRecord>(join(dir, CONFIG_RECORD)),
    saveConfig: (record) => saveQuietly(() => writeJson(join(dir, CONFIG_RECORD), record)),
    async prune() {
      const names = await readdir(parent).catch(() => []);
      const stale = names.filter((name) => name !== base);
      // As with writing, a cache that cannot be cleaned up is only larger.
      await Promise.all(stale.map((name) => rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined)));
    },
  };
}

/**
 * Writes to the cache, ignoring failures: a cache that cannot be written (read-only checkout,
 * full disk, another check removing this config's folder) only makes the next check slower, it
 * never fails this one.
 */
function saveQuietly(write: () => void): void {
  try {
    write();
  } catch {
    // Left to the next check.
  }
}
