import type { Root } from 'mdast';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { RULES } from './registry.js';
import type { LastRun } from './runs.js';
import type { Rule } from './types.js';

/** The severity a rule runs at: the config's setting or the rule's default; `strict` makes warnings errors. */
export function severityOf(rule: Rule, config: Config, strict = false): Severity | 'off' {
  const setting = config.rules[rule.id] ?? rule.severity;
  return strict && setting === 'warn' ? 'error' : setting;
}

/** The rules that run with this config, each with its severity. */
export function enabledRules(config: Config, strict = false): { rule: Rule; severity: Severity }[] {
  return RULES.flatMap((rule) => {
    const severity = severityOf(rule, config, strict);
    return severity === 'off' ? [] : [{ rule, severity }];
  });
}

/** What the rules of one draft are given besides the draft: read and rendered beforehand. */
export interface DraftInputs {
  lastRun: LastRun;
  /** The Markdown body, parsed on first use; given only when an enabled rule reads it. */
  body?: () => Root;
  email?: string;
}

/** Runs the enabled rules on one valid draft. */
export function applyRules(valid: ValidDraft, config: Config, inputs: DraftInputs, strict = false): Diagnostic[] {
  const body = () => {
    if (!inputs.body) throw new Error('a rule read the body without declaring needsBody');
    return inputs.body();
  };
  return enabledRules(config, strict).flatMap(({ rule, severity }) =>
    rule.check({
      valid,
      config,
      lastRun: inputs.lastRun,
      body,
      email: inputs.email,
      report: (reason, place, field) => diagnostic(reason, { file: valid.draft.file, rule: rule.id, severity, place, field }),
    }),
  );
}
