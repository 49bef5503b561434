import { relative } from 'node:path';
import { readConfigFile } from '../config/file.js';
import { byPosition, type Diagnostic } from '../diagnostics/diagnostic.js';
import { templatesDir } from '../render/templates-dir.js';
import { issueEntries } from '../rules/entries.js';
import { FOLDER_RULES } from '../rules/folder-rules.js';
import { inputsFor } from '../rules/inputs.js';
import { applyRules } from '../rules/run.js';
import { enabledOf } from '../rules/severity.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { openCheckCache } from './cache.js';
import { compareIssues, sharedDateProblems, withFolderProblems } from './folders.js';

/**
 * Runs the editorial rules on drafts already read in this thread (the preview's), comparing
 * each with the other issues of its folder, which come from the check cache or are read: for
 * the folder rules, and for a date another draft has too.
 */
export async function lintDrafts(drafts: readonly ValidDraft[], config: Config, options: { root: string; strict?: boolean }): Promise<Diagnostic[]> {
  const { root } = options;
  const strict = options.strict ?? false;
  const inputs = await inputsFor(config, root);
  const checked = drafts.map((valid) => ({
    file: valid.draft.file,
    issue: issueEntries(valid, true),
    problems: applyRules(valid, config, inputs(valid), strict),
  }));
  const rules = enabledOf(FOLDER_RULES, config, strict);
  const cache = openCheckCache(root, await readConfigFile(root), templatesDir(root));
  const comparison = { runs: rules.length > 0, dates: true };
  const compared = await compareIssues(checked, comparison, { root, strict, cache, maxBytes: config.limits.draft_bytes });
  cache.save();
  const dates = sharedDateProblems(compared, (file) => relative(root, file));
  // As `cmr check` orders them: stable sorting keeps, at one place, the order of the rules.
  return [...dates, ...withFolderProblems(compared.checked, rules, compared.indexOf)].sort(byPosition);
}
