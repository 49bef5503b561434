import type { ValidDraft } from '../validate/digest.js';
import { listedEntries, type ListedEntry } from './entries.js';
import { normalizeTitle, normalizeUrl } from './url.js';

export type RunKey = 'url' | 'title';

/** Where an entry ran: the issue and the entry. */
export interface Run {
  valid: ValidDraft;
  listed: ListedEntry;
}

/** The last run of this entry's URL or title before the issue being checked, if any. */
export type LastRun = (key: RunKey, listed: ListedEntry) => Run | undefined;

export const NORMALIZE: Record<RunKey, (value: string) => string> = { url: normalizeUrl, title: normalizeTitle };

/**
 * Every URL and title a folder's issues ran, indexed once per folder, so that each
 * draft finds its repeats in time proportional to its own entries, not to the archive.
 */
export class RunIndex {
  readonly #runs = new Map<string, Run[]>();

  /** `issues` oldest first. */
  constructor(issues: readonly ValidDraft[]) {
    for (const valid of issues) {
      for (const listed of listedEntries(valid.digest)) {
        for (const key of ['url', 'title'] as const) {
          const id = `${key} ${NORMALIZE[key](listed.entry[key])}`;
          const runs = this.#runs.get(id);
          if (runs) runs.push({ valid, listed });
          else this.#runs.set(id, [{ valid, listed }]);
        }
      }
    }
  }

  /** The lookup for one issue: the latest run dated before `date`. */
  before(date: string): LastRun {
    return (key, listed) => {
      const runs = this.#runs.get(`${key} ${NORMALIZE[key](listed.entry[key])}`) ?? [];
      for (let i = runs.length - 1; i >= 0; i--) if (runs[i]!.valid.digest.date < date) return runs[i];
      return undefined;
    };
  }
}
