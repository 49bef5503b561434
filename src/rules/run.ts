import type { Root } from 'mdast';
import type { Position } from 'unist';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { RULES } from './registry.js';
import { enabledOf } from './severity.js';
import type { Rule } from './types.js';

/** The rules that run with this config, each with its severity, in the registry's order. */
export function enabledRules(config: Config, strict = false): { rule: Rule; severity: Severity }[] {
  return enabledOf(RULES, config, strict);
}

/** What the rules of one draft are given besides the draft: read and rendered beforehand. */
export interface DraftInputs {
  /** The Markdown body, parsed on first use; given only when an enabled rule reads it. */
  body?: () => Root;
  email?: string;
}

/**
 * The problems the draft rules find in one draft, in the registry's order of rules. The
 * folder rules need the folder's other issues, so they run later; `folderRulesAt` holds,
 * for each enabled folder rule, the index in `diagnostics` where its problems go, so that
 * a draft's problems are always listed in the same order.
 */
export interface DraftProblems {
  diagnostics: Diagnostic[];
  folderRulesAt: Record<string, number>;
}

/** Runs the enabled draft rules on one valid draft. */
export function applyRules(valid: ValidDraft, config: Config, inputs: DraftInputs, strict = false): DraftProblems {
  const body = () => {
    if (!inputs.body) throw new Error('a rule read the body without declaring needsBody');
    return inputs.body();
  };
  const problems: DraftProblems = { diagnostics: [], folderRulesAt: {} };
  for (const { rule, severity } of enabledRules(config, strict)) {
    if (rule.kind === 'folder') {
      problems.folderRulesAt[rule.id] = problems.diagnostics.length;
      continue;
    }
    const report = (reason: string, place: Position, field?: string) =>
      diagnostic(reason, { file: valid.draft.file, rule: rule.id, severity, place, field });
    problems.diagnostics.push(...rule.check({ valid, config, body, email: inputs.email, report }));
  }
  return problems;
}
