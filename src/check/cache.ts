import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import type { WireDiagnostic } from '../build/worker.js';
import type { Config } from '../schema/config.js';
import { VERSION } from '../version.js';
import type { DraftRecord } from './lint.js';

/** The folder of cmr's own modules: `lib/` when built, `src/` under the tests. */
const CODE_DIR = fileURLToPath(new URL('..', import.meta.url));

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

/**
 * What earlier checks found, one record per draft. A record is keyed by the draft's path and
 * bytes together with everything its verdict depends on (`base`): cmr's version and code, the
 * config's bytes and the templates' bytes (the `email-size` rule renders the email). Records of
 * one base share a folder; a draft is looked up by its path and used only if its key matches,
 * so a draft that changed, appeared or disappeared, or any change of the config, the templates
 * or cmr, is never answered from an old record.
 */
export interface CheckCache {
  /**
   * The key of the draft's bytes as they are now, or none when the file is larger than
   * `maxBytes` (it is not read; checking it reports its size) or is gone.
   */
  keyOf(file: string, maxBytes: number): string | undefined;
  /** The record of `file` if it was made from the bytes with this key. */
  lookup(file: string, key: string): DraftRecord | undefined;
  /** Records what checking `file`, read as `bytes`, found. */
  save(file: string, bytes: Uint8Array, record: DraftRecord): Promise<void>;
  config(): ConfigRecord | undefined;
  saveConfig(record: ConfigRecord): Promise<void>;
  /** Removes the records of other configs, templates or cmr versions. */
  prune(): Promise<void>;
}

/**
 * Opens the check cache of the project at `root`. Files are read synchronously here: a check
 * reads every draft of a folder to key it, and for files this small that is several times
 * faster than the promise API, with nothing else to do meanwhile.
 */
export function openCheckCache(root: string, config: { name: string; bytes: Uint8Array }, templatesDir: string): CheckCache {
  const hash = createHash('sha256').update(VERSION).update('\0').update(config.name).update('\0').update(config.bytes);
  for (const dir of [CODE_DIR, templatesDir]) hashFiles(hash, dir);
  const base = hash.digest('hex');
  const parent = join(root, CHECK_CACHE_DIR);
  const dir = join(parent, base);

  const keyOfBytes = (file: string, bytes: Uint8Array) =>
    createHash('sha256').update(base).update('\0').update(file).update('\0').update(bytes).digest('hex');

  return {
    keyOf(file, maxBytes) {
      try {
        if (statSync(file).size > maxBytes) return undefined;
        return keyOfBytes(file, readFileSync(file));
      } catch {
        return undefined;
      }
    },
    lookup(file, key) {
      const stored = readJson<DraftRecord & { key: string }>(recordFile(dir, file));
      return stored?.key === key ? stored : undefined;
    },
    save: (file, bytes, record) => writeAtomically(recordFile(dir, file), { key: keyOfBytes(file, bytes), ...record }),
    config: () => readJson<ConfigRecord>(join(dir, CONFIG_RECORD)),
    saveConfig: (record) => writeAtomically(join(dir, CONFIG_RECORD), record),
    async prune() {
      const names = await readdir(parent).catch(() => []);
      await Promise.all(names.filter((name) => name !== base).map((name) => rm(join(parent, name), { recursive: true, force: true })));
    },
  };
}

/** One record per draft path; the key inside tells which bytes it was made from. */
function recordFile(dir: string, file: string): string {
  return join(dir, `${createHash('sha256').update(file).digest('hex').slice(0, 32)}.json`);
}

function hashFiles(hash: Hash, dir: string): void {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update('\0').update(relative(dir, file)).update('\0').update(readFileSync(file));
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Writes a record whole or not at all: several checks, and the threads of one, may write at
 * once. A cache that cannot be written (read-only checkout, full disk) only makes the next
 * check slower, so failures are ignored.
 */
async function writeAtomically(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}-${threadId}`;
  try {
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(temporary, JSON.stringify(value));
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true });
  }
}
