import type { Severity } from '../diagnostics/diagnostic.js';
import type { Config } from '../schema/config.js';
import type { Rule } from './types.js';

/** The severity a rule runs at: the config's setting or the rule's default; `strict` makes warnings errors. */
export function severityOf(rule: Rule, config: Config, strict = false): Severity | 'off' {
  const setting = config.rules[rule.id] ?? rule.severity;
  return strict && setting === 'warn' ? 'error' : setting;
}

/** Those of `rules` that run with this config, each with its severity, in the order given. */
export function enabledOf<R extends Rule>(rules: readonly R[], config: Config, strict = false): { rule: R; severity: Severity }[] {
  return rules.flatMap((rule) => {
    const severity = severityOf(rule, config, strict);
    return severity === 'off' ? [] : [{ rule, severity }];
  });
}
