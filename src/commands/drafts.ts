import { loadConfig } from '../config/load.js';
import { byPosition, type Diagnostic } from '../diagnostics/diagnostic.js';
import { collectDrafts, DEFAULT_DRAFTS } from '../build/collect.js';
import { readDraft } from '../draft/read.js';
import { duplicateDates } from '../validate/dates.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';


export interface Checked {
  config?: Config;
  files: string[];
  drafts: ValidDraft[];
  diagnostics: Diagnostic[];
}

/**
 * Reads the config and every draft under `paths` in this thread, collecting all problems of
 * all files, and keeps the parsed drafts: the editorial rules of `cmr check` and the preview
 * need them. `cmr build`, which needs only each draft's verdict and summary, validates on every
 * core with its cache instead (`src/build/scan.ts`).
 */
export async function checkProject(root: string, paths: readonly string[]): Promise<Checked> {
  const loaded = await loadConfig(root);
  const files = await collectDrafts(paths.length > 0 ? paths : [DEFAULT_DRAFTS]);
  const results = await Promise.all(files.map((file) => readDraft(file, loaded.config?.limits)));
  const diagnostics = [...loaded.diagnostics, ...results.flatMap((r) => r.diagnostics), ...duplicateDates(results)];
  return {
    config: loaded.config,
    files,
    drafts: results.flatMap((r) => (r.valid ? [r.valid] : [])),
    diagnostics: diagnostics.sort(byPosition),
  };
}
