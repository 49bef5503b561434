import { VFileMessage } from 'vfile-message';
import type { Position } from 'unist';

export type Severity = 'error' | 'warn';

/**
 * One problem found in one file. It is a vfile message (so it carries file, place,
 * rule id and source the way remark's messages do) plus the front matter field it
 * concerns, when there is one.
 */
export class Diagnostic extends VFileMessage {
  /** Dotted path of the front matter field, e.g. `headlines.3.url`. */
  field?: string;

  get severity(): Severity {
    return this.fatal ? 'error' : 'warn';
  }
}

export interface DiagnosticInit {
  file: string;
  rule: string;
  severity?: Severity;
  place?: Position;
  field?: string;
}

export function diagnostic(reason: string, init: DiagnosticInit): Diagnostic {
  const message = new Diagnostic(reason, {
    place: init.place,
    ruleId: init.rule,
    source: 'cmr',
  });
  message.file = init.file;
  message.fatal = (init.severity ?? 'error') === 'error';
  if (init.field !== undefined) message.field = init.field;
  return message;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.fatal === true);
}

/** Order by file, then line, then column, so reports read top to bottom. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0)
  );
}
