import type { Position } from 'unist';
import { normalizeTitle, normalizeUrl } from './url.js';

export type RunKey = 'url' | 'title';
export const RUN_KEYS = ['url', 'title'] as const;
export const NORMALIZE: Record<RunKey, (value: string) => string> = { url: normalizeUrl, title: normalizeTitle };
/** How messages name each key. */
export const LABEL: Record<RunKey, string> = { url: 'URL', title: 'title' };

/**
 * What the checks across issues need of one valid issue, as plain data: its date and, for
 * each entry of its four lists (in the order the issue publishes them), its URL and title as
 * compared (see `NORMALIZE`), and where they are written. Nothing of its text: this is kept
 * for every issue of an archive, and cached. The entries are stored as columns of strings
 * and numbers rather than as an object each, which V8 reads from JSON and keeps several
 * times more cheaply.
 */
export interface IssueEntries {
  file: string;
  date: string;
  /** Each entry's field path, such as `headlines.3`. */
  fields: string[];
  url: string[];
  title: string[];
  /**
   * Where things are written. Finding that needs the front matter's syntax tree, which costs
   * about as much as reading the draft, so an issue that is only compared with is read without
   * it, and placed only when a checked issue repeats one of its entries.
   */
  places?: IssuePlaces;
}

export interface IssuePlaces {
  date: Position;
  /** `PLACE_NUMBERS` numbers per entry: where its URL is written, then its title (see `placeOf`). */
  entries: number[];
}

/** A place as numbers: start line, column and offset, then end line, column and offset. */
const POINT_NUMBERS = 3;
const PLACE_NUMBERS = 4 * POINT_NUMBERS;

/** The numbers of a place, as `IssuePlaces` keeps them. */
export function placeNumbers({ start, end }: Position): number[] {
  return [start.line, start.column, start.offset ?? 0, end.line, end.column, end.offset ?? 0];
}

/** Where things are written in an issue; only asked of an issue read with its places. */
export function placesOf(issue: IssueEntries): IssuePlaces {
  if (!issue.places) throw new Error(`the places of ${issue.file} were not read`);
  return issue.places;
}

/** Where the URL or title of an issue's entry is written. */
export function placeOf(issue: IssueEntries, entry: number, key: RunKey): Position {
  const at = entry * PLACE_NUMBERS + (key === 'url' ? 0 : 2 * POINT_NUMBERS);
  const numbers = placesOf(issue).entries.slice(at, at + 2 * POINT_NUMBERS);
  const [line, column, offset, endLine, endColumn, endOffset] = numbers as [number, number, number, number, number, number];
  return { start: { line, column, offset }, end: { line: endLine, column: endColumn, offset: endOffset } };
}

/**
 * A number for each URL and title of an issue as compared: equal values have equal numbers, so an
 * issue none of whose numbers is among those of some values holds none of those values. The check
 * cache keeps them beside each issue's record, so that comparing an issue with its folder reads
 * the entries of only the few issues that share a number with it.
 */
export function runKeys(issue: IssueEntries): number[] {
  return RUN_KEYS.flatMap((key) => issue[key].map(runKeyOf));
}

/** 32-bit FNV-1a over the value's UTF-16 code units. */
function runKeyOf(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash;
}

/** Where an entry ran: the issue, and the entry's number in it. */
export interface Run {
  issue: IssueEntries;
  entry: number;
}

/** The last run of this URL or title (as compared) before the issue being checked, if any. */
export type LastRun = (key: RunKey, value: string) => Run | undefined;

/**
 * The runs of the URLs and titles of some issues (those being checked) in the issues of
 * their folder, indexed once per folder, so that each issue finds its repeats in time
 * proportional to its own entries, not to the archive.
 */
export class RunIndex {
  readonly #runs: Record<RunKey, Map<string, Run[]>> = { url: new Map(), title: new Map() };

  /** `issues` oldest first; only the values of `checked` are looked up, so only those are indexed. */
  constructor(issues: readonly IssueEntries[], checked: readonly IssueEntries[]) {
    for (const key of RUN_KEYS) {
      const runs = this.#runs[key];
      for (const issue of checked) for (const value of issue[key]) runs.set(value, []);
      for (const issue of issues) issue[key].forEach((value, entry) => runs.get(value)?.push({ issue, entry }));
    }
  }

  /** The lookup for one issue: the latest run dated before `date`. */
  before(date: string): LastRun {
    return (key, value) => {
      const runs = this.#runs[key].get(value) ?? [];
      for (let i = runs.length - 1; i >= 0; i--) if (runs[i]!.issue.date < date) return runs[i];
      return undefined;
    };
  }

  /** The issues that last ran one of the URLs or titles of `issue` before it: those a folder rule may name. */
  namedBy(issue: IssueEntries): IssueEntries[] {
    const lastRun = this.before(issue.date);
    return RUN_KEYS.flatMap((key) => issue[key].flatMap((value) => lastRun(key, value)?.issue ?? []));
  }
}
