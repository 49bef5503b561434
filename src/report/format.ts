import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty, type PrettyOptions } from './pretty.js';

export const FORMATS = ['pretty', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`unknown report format "${value}": choose ${FORMATS.join(', ')}`);
}

/** The report of one `cmr check` run in the chosen format. */
export function formatReport(format: Format, diagnostics: readonly Diagnostic[], checkedFiles: number, options: PrettyOptions = {}): string {
  if (format === 'json') return formatJson(diagnostics);
  if (format === 'github') return formatGithub(diagnostics, checkedFiles);
  return formatPretty(diagnostics, checkedFiles, options);
}
