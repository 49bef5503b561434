import type { Root } from 'mdast';
import type { Position } from 'unist';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import type { LastRun } from './runs.js';

/** What a rule sees of one valid draft. Everything is already read: rules do no I/O. */
export interface RuleContext {
  valid: ValidDraft;
  config: Config;
  /** Where an entry's URL or title last ran in an earlier issue of the same folder. */
  lastRun: LastRun;
  /** The Markdown body, parsed once with positions relative to `valid.draft.body`. */
  body(): Root;
  /** The email HTML as `cmr build` writes it; only given to rules that need it. */
  email?: string;
  /** Creates a diagnostic of the rule being run, in this draft, at its configured severity. */
  report(reason: string, place: Position, field?: string): Diagnostic;
}

/** A named editorial check that editors configure under `rules:` in cmr.config.yaml. */
export interface Rule {
  id: string;
  /** One line, shown by `cmr rules` and in the README. */
  description: string;
  /** The severity when cmr.config.yaml does not set one. */
  severity: Severity;
  /** True when the rule reads the Markdown body, which costs a parse. */
  needsBody?: boolean;
  /** True when the rule measures the rendered email, which costs a render. */
  needsEmail?: boolean;
  check(context: RuleContext): Diagnostic[];
}
