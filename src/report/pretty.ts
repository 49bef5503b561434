import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** One line per problem, `file:line:column` first so terminals and editors can jump to it. */
export function formatPretty(diagnostics: readonly Diagnostic[], checkedFiles: number): string {
  const lines = diagnostics.map((d) => {
    const where = `${d.file}:${d.line ?? 1}:${d.column ?? 1}`;
    const field = d.field ? `  (${d.field})` : '';
    return `${where}  ${d.severity === 'error' ? 'error' : 'warning'}  ${d.reason}${field}  ${d.ruleId ?? ''}`.trimEnd();
  });
  return [...lines, summaryLine(diagnostics, checkedFiles)].join('\n');
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
