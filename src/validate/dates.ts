import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../draft/locate.js';
import type { DraftResult } from '../draft/read.js';
import { duplicateDatesOf } from './issue-dates.js';

/** Two drafts with one date would both write `dist/<date>/`; report the later file. */
export function duplicateDates(results: readonly DraftResult[]): Diagnostic[] {
  return duplicateDatesOf(
    results.flatMap(({ valid }) => (valid ? [{ file: valid.draft.file, date: valid.digest.date, datePlace: () => locate(valid.draft, ['date']) }] : [])),
  );
}
