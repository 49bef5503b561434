import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** One line of a code frame: a numbered source line, or the marker line under it. */
export interface FrameLine {
  /** The 1-based line number, absent on the marker line. */
  number?: number;
  text: string;
  /** True for the line the problem is on. */
  focus: boolean;
}

/**
 * The lines around a problem, with a caret line under the offending span, as
 * structured data so that each reporter (terminal, preview page) can style it.
 */
export function codeFrame(text: string, diagnostic: Pick<Diagnostic, 'line' | 'column' | 'place'>, context = 1): FrameLine[] {
  const line = diagnostic.line ?? 1;
  const column = diagnostic.column ?? 1;
  const source = text.split('\n');
  const end = endColumn(diagnostic, line, column, source[line - 1] ?? '');
  const frame: FrameLine[] = [];
  for (let n = Math.max(1, line - context); n <= Math.min(source.length, line + context); n++) {
    frame.push({ number: n, text: source[n - 1] ?? '', focus: n === line });
    if (n === line) frame.push({ text: `${' '.repeat(column - 1)}${'^'.repeat(Math.max(1, end - column))}`, focus: true });
  }
  return frame;
}

function endColumn(diagnostic: Pick<Diagnostic, 'place'>, line: number, column: number, lineText: string): number {
  const place = diagnostic.place;
  const end = place && 'end' in place ? place.end : undefined;
  if (!end || end.line !== line) return Math.max(column + 1, lineText.trimEnd().length + 1);
  return Math.max(column + 1, end.column);
}
