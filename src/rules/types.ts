import type { Root } from 'mdast';
import type { Position } from 'unist';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import type { IssueEntries, LastRun } from './runs.js';

/** What a rule sees of one valid draft. Everything is already read: rules do no I/O. */
export interface RuleContext {
  valid: ValidDraft;
  config: Config;
  /** The Markdown body, parsed once with positions relative to `valid.draft.body`. */
  body(): Root;
  /** The issue's email HTML as `cmr build` writes it; only given to rules that need it. */
  email?: string;
  /** Creates a diagnostic of the rule being run, in this draft, at its configured severity. */
  report(reason: string, place: Position, field?: string): Diagnostic;
}

/** What an editorial rule is, as `cmr rules`, the README and `rules:` in cmr.config.yaml know it. */
interface RuleInfo {
  id: string;
  /** One line, shown by `cmr rules` and in the README. */
  description: string;
  /** The severity when cmr.config.yaml does not set one. */
  severity: Severity;
}

/** A named editorial check of one draft. */
export interface DraftRule extends RuleInfo {
  kind?: undefined;
  /** True when the rule reads the Markdown body, which costs a parse. */
  needsBody?: boolean;
  /** True when the rule measures the rendered email, which costs a render. */
  needsEmail?: boolean;
  check(context: RuleContext): Diagnostic[];
}

/** What a folder rule sees of one issue: its entries, and where they ran before it in its folder. */
export interface FolderContext {
  issue: IssueEntries;
  lastRun: LastRun;
  report(reason: string, place: Position, field?: string): Diagnostic;
}

/**
 * A named editorial check that compares an issue with the other issues of its folder. It
 * sees only their entries (`IssueEntries`), so the drafts themselves are never kept for it
 * and an unchanged issue's entries can come from the check cache.
 */
export interface FolderRule extends RuleInfo {
  kind: 'folder';
  check(context: FolderContext): Diagnostic[];
}

export type Rule = DraftRule | FolderRule;
