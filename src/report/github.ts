import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { toJsonProblem } from './json.js';
import { summaryLine } from './pretty.js';

/** Escapes the message of a workflow command, as the GitHub Actions runner decodes it. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value, where `:` and `,` would end the value early. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), one per
 * problem, so each shows inline on the pull request; then the summary line for the log.
 */
export function formatGithub(diagnostics: readonly Diagnostic[], checkedFiles: number): string {
  const commands = diagnostics.map((d) => {
    const p = toJsonProblem(d);
    const properties = {
      file: p.file,
      line: p.line,
      col: p.column,
      endLine: p.endLine,
      endColumn: p.endColumn,
      title: `cmr ${p.rule}`,
    };
    const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
    return `::${p.severity} ${list.join(',')}::${escapeData(p.message)}`;
  });
  return [...commands, summaryLine(diagnostics, checkedFiles)].join('\n');
}
