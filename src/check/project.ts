import { collectDrafts, DEFAULT_DRAFTS } from '../build/collect.js';
import { fromWire } from '../build/checked.js';
import { cachedConfig } from '../config/cached.js';
import { readConfigFile } from '../config/file.js';
import { byPosition, type Diagnostic } from '../diagnostics/diagnostic.js';
import { DEFAULT_DRAFT_BYTES } from '../limits/draft-bytes.js';
import { templatesDir } from '../render/templates-dir.js';
import { FOLDER_RULES } from '../rules/folder-rules.js';
import { enabledOf } from '../rules/severity.js';
import { openCheckCache, type CheckCache } from './cache.js';
import { compareIssues, gatherRecords, sharedDateProblems, withFolderProblems, type CheckedDraft } from './folders.js';

export interface CheckProjectOptions {
  /** Warnings count as errors. */
  strict?: boolean;
  /** Use and update the check cache in `.cache/cmr/` (the default). */
  cache?: boolean;
}

export interface CheckedProject {
  files: string[];
  /** Every problem of the config and of the drafts, in report order. */
  diagnostics: Diagnostic[];
}

/**
 * `cmr check` without the report: the config, then every draft under `paths` (load → parse →
 * validate → draft rules, on every core, or from the cache), then what needs several drafts:
 * dates shared by two drafts, and the folder rules. Both compare each issue with the other
 * issues of its folder, read from disk (or the cache) even when only one draft is named.
 * This thread keeps only each draft's problems and entries.
 */
export async function checkProject(root: string, paths: readonly string[], options: CheckProjectOptions = {}): Promise<CheckedProject> {
  const strict = options.strict ?? false;
  const configFile = await readConfigFile(root);
  const cache = options.cache === false ? undefined : openCheckCache(root, configFile, templatesDir(root));
  const { config, diagnostics: configProblems } = await cachedConfig(configFile, cache);
  const files = await collectDrafts(paths.length > 0 ? paths : [DEFAULT_DRAFTS]);
  const gather = { root, strict, cache, maxBytes: config?.limits.draft_bytes ?? DEFAULT_DRAFT_BYTES };
  const records = await gatherRecords(files, 'verdict', gather);
  const checked: CheckedDraft[] = files.map((file) => {
    const { issue, verdict } = records.get(file)!;
    return { file, issue, problems: { diagnostics: verdict!.diagnostics.map(fromWire), folderRulesAt: verdict!.folderRulesAt } };
  });
  const rules = config ? enabledOf(FOLDER_RULES, config, strict) : [];
  const compared = await compareIssues(checked, { runs: rules.length > 0, dates: true }, gather);
  cache?.save();
  await cache?.prune();
  const dates = sharedDateProblems(compared);
  const problems = withFolderProblems(compared.checked, rules, compared.indexOf);
  // Stable sorting keeps, among problems at one place, the order of the rules.
  return { files, diagnostics: [...configProblems, ...dates, ...problems].sort(byPosition) };
}
