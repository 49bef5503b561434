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

/** Characters that would move the cursor, recolour or reorder a terminal's text. */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Quotes of a draft in a message show its control characters as `\u001B`, never raw. */
function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

export function diagnostic(reason: string, init: DiagnosticInit): Diagnostic {
  const message = new Diagnostic(printable(reason), {
    place: init.place,
    ruleId: init.rule,
    source: 'cmr',
  });
  message.file = init.file;
  message.fatal = (init.severity ?? 'error') === 'error';
  if (init.field !== undefined) message.field = printable(init.field);
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
