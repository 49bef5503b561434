import { styleText } from 'node:util';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { codeFrame, type FrameLine } from './frame.js';

export interface PrettyOptions {
  /** The text of each file, by the name diagnostics carry, to show code frames. */
  sources?: ReadonlyMap<string, string>;
  color?: boolean;
}

type Style = Parameters<typeof styleText>[0];

/**
 * One line per problem, `file:line:column` first so terminals and editors can jump
 * to it, then the offending lines with a caret under the problem when the source is known.
 */
export function formatPretty(diagnostics: readonly Diagnostic[], checkedFiles: number, options: PrettyOptions = {}): string {
  // The caller decides about colour (TTY, NO_COLOR); styleText is told not to decide again.
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const blocks = diagnostics.map((d) => {
    const where = `${d.file}:${d.line ?? 1}:${d.column ?? 1}`;
    const severity = d.fatal ? paint('red', 'error') : paint('yellow', 'warning');
    const field = d.field ? `  (${d.field})` : '';
    const head = `${paint('bold', where)}  ${severity}  ${d.reason}${field}  ${paint('dim', d.ruleId ?? '')}`.trimEnd();
    const source = d.file === undefined ? undefined : options.sources?.get(d.file);
    if (source === undefined) return head;
    return [head, ...frameLines(codeFrame(source, d), paint), ''].join('\n');
  });
  return [...blocks, summaryLine(diagnostics, checkedFiles)].join('\n');
}

/** Frame lines are indented, so only problem lines start at the left margin. */
function frameLines(frame: FrameLine[], paint: (style: Style, text: string) => string): string[] {
  const width = String(Math.max(...frame.map((line) => line.number ?? 0))).length;
  return frame.map((line) => {
    if (line.number === undefined) return `    ${' '.repeat(width)} | ${paint('red', line.text)}`;
    const gutter = `${line.focus ? '>' : ' '} ${String(line.number).padStart(width)} |`;
    return `  ${paint(line.focus ? 'bold' : 'dim', gutter)} ${line.text}`.trimEnd();
  });
}

export function summaryLine(diagnostics: readonly Diagnostic[], checkedFiles: number): string {
  const errors = diagnostics.filter((d) => d.fatal).length;
  const warnings = diagnostics.length - errors;
  const files = `${checkedFiles} ${checkedFiles === 1 ? 'draft' : 'drafts'}`;
  if (diagnostics.length === 0) return `✔ ${files} checked, no problems`;
  return `✖ ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${files}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
