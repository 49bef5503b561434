import type { Position } from 'unist';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/** The rule id of a date two drafts share. */
export const DUPLICATE_DATE = 'duplicate-date';

/** An issue as the date check sees it: its file, its date and where the date is written (asked only of an issue reported). */
export interface DatedIssue {
  file: string;
  date: string;
  datePlace(): Position;
  /** A draft of the issue's folder, not among those compared here, that has its date too. */
  sharedWith?: string;
}

/**
 * Two drafts with one date would both write `dist/<date>/`; report the later file, and an issue
 * whose date a draft not compared here has (`sharedWith`), since only this one is being checked.
 */
export function duplicateDatesOf(issues: readonly DatedIssue[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const { file, date, datePlace, sharedWith } of issues) {
    const first = seen.get(date) ?? sharedWith;
    if (!seen.has(date)) seen.set(date, file);
    if (first === undefined) continue;
    problems.push(
      diagnostic(`another draft, ${first}, already has the date ${date}; each issue needs its own date`, {
        file,
        rule: DUPLICATE_DATE,
        field: 'date',
        place: datePlace(),
      }),
    );
  }
  return problems;
}
