import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * One problem in the `--format json` report. This shape is documented in the README
 * and kept stable: tools may rely on it.
 */
export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

export function toJsonProblem(d: Diagnostic): JsonProblem {
  const line = d.line ?? 1;
  const column = d.column ?? 1;
  const end = d.place && 'end' in d.place ? d.place.end : undefined;
  return {
    file: d.file ?? '',
    line,
    column,
    endLine: end?.line ?? line,
    endColumn: end?.column ?? column,
    severity: d.fatal ? 'error' : 'warning',
    rule: d.ruleId ?? '',
    message: d.reason,
  };
}

/** The whole report as one JSON array, for tools. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics.map(toJsonProblem), null, 2);
}
