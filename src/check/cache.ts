import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WireDiagnostic } from '../build/checked.js';
import type { Config } from '../schema/config.js';
import type { DraftRecord } from './lint.js';
import { addCodeAndTemplates } from '../build/fingerprint.js';
import { readJson, writeJson } from '../build/json-files.js';


/**
 * Where `cmr check` keeps what it found in each draft, under the project root, beside the
 * build cache and git-ignored with it. The version in the name changes when a record
 * changes shape, so old records are never misread.
 */
export const CHECK_CACHE_DIR = join('.cache', 'cmr', 'check-v1');
const CONFIG_RECORD = 'config.json';

/** The validated config as plain data, so that a check that finds every draft cached loads no schema. */
export interface ConfigRecord {
  config?: Config;
  diagnostics: WireDiagnostic[];
}

/** A draft's record, with the hash of the bytes it was made from. */
type Stored = DraftRecord & { content: string };

/**
 * What earlier checks found, one record per draft. Records depend on the draft's bytes and on
 * what the config, the templates (the `email-size` rule renders the email) and cmr (its code,
 * and its package.json: its version and its dependencies' exact versions) are: the hash of
 * those names a folder of the cache, and in it one file per
 * folder of drafts holds the record of each of its drafts with the hash of the bytes it was
 * made from. A record is used only when those bytes are still the draft's, so a draft that
 * changed or appeared, or any change of the config, the templates or cmr, is never answered
 * from an old record; the records of drafts that are gone are dropped.
 *
 * One file per folder rather than per draft: creating a file costs more than a draft's record,
 * and a check that compares one draft with its folder reads them all anyway.
 */
export interface CheckCache {
  /** The record of `file` if it was made from bytes with this hash (see `contentOf`). */
  lookup(file: string, content: string): DraftRecord | undefined;
  /** Keeps the record of `file` made from bytes with this hash, until `save`. */
  put(file: string, content: string, record: DraftRecord): void;
  /** Writes the records of each folder of drafts where one was put. */
  save(): void;
  config(): ConfigRecord | undefined;
  saveConfig(record: ConfigRecord): void;
  /** Removes the records of other configs, templates or cmr versions. */
  prune(): Promise<void>;
}

/**
 * Opens the check cache of the project at `root`. Its files are read and written
 * synchronously: a check does nothing else meanwhile, and for many small files that is
 * several times faster than the promise API.
 */
export function openCheckCache(root: string, config: { name: string; bytes: Uint8Array }, templatesDir: string): CheckCache {
  const hash = createHash('sha256').update(config.name).update('\0').update(config.bytes);
  const base = addCodeAndTemplates(hash, templatesDir).digest('hex');
  const parent = join(root, CHECK_CACHE_DIR);
  const dir = join(parent, base);
  const storeFile = (folder: string) => join(dir, `${createHash('sha256').update(folder).digest('hex').slice(0, 32)}.json`);
  const stores = new Map<string, { records: Map<string, Stored>; changed: boolean }>();
  const storeOf = (file: string) => {
    const folder = dirname(file);
    let store = stores.get(folder);
    if (!store) {
      const stored = readJson<Record<string, Stored>>(storeFile(folder)) ?? {};
      stores.set(folder, (store = { records: new Map(Object.entries(stored)), changed: false }));
    }
    return store;
  };

  const lookup = (file: string, content: string) => {
    const stored = storeOf(file).records.get(file);
    return stored?.content === content ? stored : undefined;
  };

  return {
    lookup,
    put(file, content, record) {
      const store = storeOf(file);
      const old = lookup(file, content);
      // Records of the same bytes only add to each other: a verdict, or where the entries are.
      const issue = record.issue?.places ? record.issue : (old?.issue ?? record.issue);
      store.records.set(file, { content, verdict: record.verdict ?? old?.verdict, issue });
      store.changed = true;
    },
    save() {
      for (const [folder, { records, changed }] of stores) {
        if (!changed) continue;
        const kept = [...records].filter(([file]) => existsSync(file));
        saveQuietly(storeFile(folder), Object.fromEntries(kept));
      }
    },
    config: () => readJson<ConfigRecord>(join(dir, CONFIG_RECORD)),
    saveConfig: (record) => saveQuietly(join(dir, CONFIG_RECORD), record),
    async prune() {
      const names = await readdir(parent).catch(() => []);
      const stale = names.filter((name) => name !== base);
      // As with writing, a cache that cannot be cleaned up is only larger.
      await Promise.all(stale.map((name) => rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined)));
    },
  };
}

/** The hash that tells whether a draft's bytes are those a record was made from. */
export function contentOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/**
 * The hash of a draft's bytes as they are now, or none when the file is larger than
 * `maxBytes` (it is not read: checking it reports its size) or cannot be read.
 */
export function currentContent(file: string, maxBytes: number): string | undefined {
  try {
    return statSync(file).size > maxBytes ? undefined : contentOf(readFileSync(file));
  } catch {
    return undefined;
  }
}


/**
 * Writes a file whole or not at all: several checks may write at once. A cache that cannot
 * be written (read-only checkout, full disk, another check removing this config's folder)
 * only makes the next check slower, so failures are ignored.
 */
/** A cache that cannot be written only makes the next check slower: it never fails this one. */
function saveQuietly(file: string, value: unknown): void {
  try {
    writeJson(file, value);
  } catch {
    // Left to the next check.
  }
}
