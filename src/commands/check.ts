import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatPretty } from '../report/pretty.js';
import { scanDrafts } from '../build/scan.js';
import type { Io } from './io.js';

export interface CheckOptions {
  root: string;
}

/** `cmr check`: validates drafts, writes nothing. Exit 0 when valid, 1 when not. */
export async function runCheck(paths: string[], options: CheckOptions, io: Io): Promise<number> {
  const { files, diagnostics } = await scanDrafts(options.root, paths);
  io.out(formatPretty(diagnostics, files.length));
  return hasErrors(diagnostics) ? 1 : 0;
}
