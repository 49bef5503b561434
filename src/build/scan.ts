import { cachedConfig } from '../config/cached.js';
import { readConfigFile } from '../config/file.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IssueSummary } from '../render/summary.js';
import type { Limits } from '../limits/limits.js';
import type { Config } from '../schema/config.js';
import type { BuildCache } from './cache.js';
import type { Checked } from './checked.js';
import { collectDrafts, DEFAULT_DRAFTS } from './collect.js';
import type { KnownDraft } from './plan.js';

export interface Scan {
  config?: Config;
  files: string[];
  /** Every draft with its cache key and, when the cache has it, its verdict. */
  drafts: KnownDraft[];
  /** The config's problems. */
  diagnostics: Diagnostic[];
  cache?: BuildCache;
  /** True when nothing changed since the last build into the output, which is still as it left it. */
  unchanged?: boolean;
}

export interface ScanOptions {
  /** Opens the build cache once the config's bytes are known. */
  cache?: (configBytes: Uint8Array) => Promise<BuildCache>;
  /**
   * What the last build knew, asked with every draft's cache key before anything else is
   * read: when nothing changed since, the scan ends there; otherwise the drafts that build
   * found valid, by key, need no verdict from the cache.
   */
  lastBuild?: (cache: BuildCache, draftKeys: readonly string[]) => Promise<LastBuild | undefined>;
}

export type LastBuild = { unchanged: true } | { unchanged: false; valid: ReadonlyMap<string, IssueSummary> };

/** Reads the config and finds the drafts under `paths`, with what the cache knows of each. */
export async function scanDrafts(root: string, paths: readonly string[], options: ScanOptions = {}): Promise<Scan> {
  const file = await readConfigFile(root);
  const opened = options.cache ? await options.cache(file.bytes) : undefined;
  const loaded = await cachedConfig(file, opened);
  const files = await collectDrafts(paths.length > 0 ? paths : [DEFAULT_DRAFTS]);
  const base = { config: loaded.config, files, diagnostics: loaded.diagnostics };
  // A build whose config is invalid uses no cache.
  const cache = loaded.config ? opened : undefined;
  const keys = cache ? cache.draftKeys(files) : files.map(() => undefined);
  const last = cache && (await options.lastBuild?.(cache, keys as string[]));
  if (last?.unchanged) return { ...base, drafts: [], cache, unchanged: true };
  const drafts = await Promise.all(files.map(async (file, i) => ({ file, key: keys[i], checked: keys[i] === undefined ? undefined : await verdict(cache!, file, keys[i]!, last) })));
  return { ...base, drafts, cache };
}

/** A draft's verdict: valid if the last build built it as it is, else whatever the cache holds. */
async function verdict(cache: BuildCache, file: string, key: string, last?: LastBuild): Promise<Checked | undefined> {
  const summary = last && !last.unchanged ? last.valid.get(key) : undefined;
  if (!summary) return cache.checked(key);
  cache.use({ checked: key });
  return { file, diagnostics: [], summary };
}

/** Each issue needs its own date; the drafts that share one are read again to point at it. */
export async function repeatedDates(issues: readonly { file: string; summary: IssueSummary }[], limits?: Limits): Promise<Diagnostic[]> {
  const count = new Map<string, number>();
  for (const { summary } of issues) count.set(summary.date, (count.get(summary.date) ?? 0) + 1);
  const sharing = issues.filter(({ summary }) => count.get(summary.date)! > 1);
  if (sharing.length === 0) return [];
  const [{ duplicateDates }, { readDraft }] = await Promise.all([import('../validate/dates.js'), import('../draft/read.js')]);
  return duplicateDates(await Promise.all(sharing.map(({ file }) => readDraft(file, limits))));
}
