import { readConfigFile } from '../config/file.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { templatesDir } from '../render/templates-dir.js';
import { issueEntries } from '../rules/entries.js';
import { FOLDER_RULES } from '../rules/folder-rules.js';
import { inputsFor } from '../rules/inputs.js';
import { applyRules } from '../rules/run.js';
import { enabledOf } from '../rules/severity.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { openCheckCache } from './cache.js';
import { compareIssues, withFolderProblems } from './folders.js';

/**
 * Runs the editorial rules on drafts already read in this thread (the preview's), comparing
 * each with the other issues of its folder, which come from the check cache or are read.
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
  const cache = rules.length > 0 ? openCheckCache(root, await readConfigFile(root), templatesDir(root)) : undefined;
  // Shared dates are the build's and `cmr check`'s to report.
  const comparison = { runs: rules.length > 0, dates: false };
  const compared = await compareIssues(checked, comparison, { root, strict, cache, maxBytes: config.limits.draft_bytes });
  cache?.save();
  return withFolderProblems(compared.checked, rules, compared.indexOf);
}
