import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE, loadConfig } from '../config/load.js';
import { byPosition, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { IssueSummary } from '../render/summary.js';
import type { Limits } from '../limits/limits.js';
import type { Config } from '../schema/config.js';
import type { BuildCache } from './cache.js';
import { collectDrafts, DEFAULT_DRAFTS } from './collect.js';
import { openPool } from './pool.js';
import { fromWire, type Checked } from './worker.js';

/** A valid draft, known by its summary; its cache key when a cache is in use. */
export interface ScannedIssue {
  file: string;
  key?: string;
  summary: IssueSummary;
}

export interface Scan {
  config?: Config;
  files: string[];
  issues: ScannedIssue[];
  diagnostics: Diagnostic[];
}

export interface ScanOptions {
  /** Opens the build cache once the config's bytes are known; none for `cmr check`. */
  cache?: (configBytes: Uint8Array) => Promise<BuildCache>;
  /**
   * Asked with every draft's cache key before anything else is read: true ends the scan
   * there, for a build that finds nothing changed since the last one.
   */
  unchanged?: (cache: BuildCache, draftKeys: readonly string[]) => Promise<boolean>;
}

/**
 * Validates the config and every draft under `paths` on all cores, collecting every problem
 * of every file. Cached results are reused.
 */
export async function scanDrafts(
  root: string,
  paths: readonly string[],
  options: ScanOptions = {},
): Promise<Scan & { cache?: BuildCache; unchanged?: boolean }> {
  const loaded = await loadConfig(root);
  const files = await collectDrafts(paths.length > 0 ? paths : [DEFAULT_DRAFTS]);
  const cache = loaded.config && options.cache ? await options.cache(await readFile(join(root, CONFIG_FILE))) : undefined;
  const keys = await Promise.all(files.map(async (file) => cache?.draftKey(file, await readFile(file))));
  if (cache && options.unchanged && (await options.unchanged(cache, keys as string[]))) {
    return { config: loaded.config, files, issues: [], diagnostics: [], cache, unchanged: true };
  }
  const known = await Promise.all(
    files.map(async (file, i) => {
      const key = keys[i];
      return { file, key, result: key === undefined ? undefined : await cache!.checked(key) };
    }),
  );
  // Threads start only when enough drafts are left to validate.
  const pool = openPool({ root }, known.filter((k) => !k.result).length);
  const checked = await Promise.all(
    known.map(async ({ file, key, result }) => {
      if (!result) {
        result = loaded.config ? await pool.run({ kind: 'check', file }) : await checkWithoutConfig(file);
        if (key !== undefined) await cache!.saveChecked(key, result);
      }
      return { ...result, key };
    }),
  ).finally(() => pool.close());
  const issues = checked.flatMap(({ file, key, summary }) => (summary ? [{ file, key, summary }] : []));
  const diagnostics = [...loaded.diagnostics, ...checked.flatMap((c) => c.diagnostics.map(fromWire)), ...(await repeatedDates(issues, loaded.config?.limits))];
  return { config: loaded.config, files, issues, diagnostics: diagnostics.sort(byPosition), cache };
}

/** Without a valid config, drafts are still validated, so every problem shows at once. */
async function checkWithoutConfig(file: string): Promise<Checked> {
  const [{ toWire }, { readDraft }] = await Promise.all([import('./worker.js'), import('../draft/read.js')]);
  const result = await readDraft(file);
  return { file, diagnostics: result.diagnostics.map(toWire) };
}

/** Each issue needs its own date; the drafts that share one are read again to point at it. */
async function repeatedDates(issues: readonly ScannedIssue[], limits?: Limits): Promise<Diagnostic[]> {
  const count = new Map<string, number>();
  for (const { summary } of issues) count.set(summary.date, (count.get(summary.date) ?? 0) + 1);
  const sharing = issues.filter(({ summary }) => count.get(summary.date)! > 1);
  if (sharing.length === 0) return [];
  const [{ duplicateDates }, { readDraft }] = await Promise.all([import('../validate/dates.js'), import('../draft/read.js')]);
  return duplicateDates(await Promise.all(sharing.map(({ file }) => readDraft(file, limits))));
}
