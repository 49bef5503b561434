import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../draft/locate.js';
import type { DraftResult } from '../draft/read.js';

/** Two drafts with one date would both write `dist/<date>/`; report the later file. */
export function duplicateDates(results: readonly DraftResult[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const { valid } of results) {
    if (!valid) continue;
    const { date } = valid.digest;
    const first = seen.get(date);
    if (first === undefined) {
      seen.set(date, valid.draft.file);
      continue;
    }
    problems.push(
      diagnostic(`another draft, ${first}, already has the date ${date}; each issue needs its own date`, {
        file: valid.draft.file,
        rule: 'duplicate-date',
        field: 'date',
        place: locate(valid.draft, ['date']),
      }),
    );
  }
  return problems;
}
