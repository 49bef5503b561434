import { readFile } from 'node:fs/promises';
import { checkProject } from '../check/project.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeText } from '../draft/load.js';
import { UsageError } from '../errors.js';
import { useColor } from '../report/color.js';
import { formatReport, parseFormat } from '../report/format.js';
import type { Io } from './io.js';

export interface CheckOptions {
  root: string;
  /** pretty (default), json or github. */
  format?: string;
  /** Fail when there are more warnings than this, as given on the command line. */
  maxWarnings?: string;
  /** Warnings count as errors. */
  strict?: boolean;
  /** Colour the pretty report; by default only on a terminal without NO_COLOR. */
  color?: boolean;
  /** Use and update the check cache in `.cache/cmr/`; true unless --no-cache. */
  cache?: boolean;
}

/**
 * `cmr check`: validates drafts and runs the editorial rules, writes nothing.
 * Exit 0 when there is no error (and no more warnings than allowed), 1 otherwise.
 */
export async function runCheck(paths: string[], options: CheckOptions, io: Io): Promise<number> {
  const format = parseFormat(options.format ?? 'pretty');
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  const { files, diagnostics: all } = await checkProject(options.root, paths, options);
  const sources = format === 'pretty' ? await readSources(all) : undefined;
  const color = options.color ?? useColor(process.stdout, process.env);
  io.out(formatReport(format, all, files.length, { sources, color }));
  const warnings = all.filter((d) => !d.fatal).length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.err(`cmr: ${warnings} warnings, more than --max-warnings ${maxWarnings} allows`);
    return 1;
  }
  return hasErrors(all) ? 1 : 0;
}

export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number such as 0 or 10, not "${value}"`);
  return Number(value);
}

/** The text of each file with a problem, for code frames; unreadable files get none. */
async function readSources(diagnostics: readonly Diagnostic[]): Promise<Map<string, string>> {
  const files = [...new Set(diagnostics.flatMap((d) => (d.file ? [d.file] : [])))];
  const sources = new Map<string, string>();
  await Promise.all(
    files.map(async (file) => {
      const decoded = decodeText(file, await readFile(file).catch(() => new Uint8Array()));
      if (decoded.source) sources.set(file, decoded.source.text);
    }),
  );
  return sources;
}
