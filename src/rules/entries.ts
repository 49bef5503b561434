import type { Position } from 'unist';
import { locate } from '../draft/locate.js';
import { SECTION_KEYS, type Digest, type Entry, type SectionKey } from '../schema/digest.js';
import type { ValidDraft } from '../validate/digest.js';
import { NORMALIZE, placeNumbers, type IssueEntries } from './runs.js';

/** One entry of one of the four dated lists, with its place in the front matter. */
export interface ListedEntry {
  section: SectionKey;
  index: number;
  entry: Entry;
}

/** Every entry of every list, in the order the issue publishes them. */
export function listedEntries(digest: Digest): ListedEntry[] {
  return SECTION_KEYS.flatMap((section) => (digest[section] ?? []).map((entry, index) => ({ section, index, entry })));
}

/** How the README and messages name an entry: `headlines[3]`. */
export function entryName({ section, index }: ListedEntry): string {
  return `${section}[${index}]`;
}

/** Where a field of an entry is written, and its dotted field path. */
export function entryField(valid: ValidDraft, listed: ListedEntry, key: keyof Entry): { place: Position; field: string } {
  const path = [listed.section, listed.index, key];
  return { place: locate(valid.draft, path), field: path.join('.') };
}

/** Days from `earlier` to `later`, both written YYYY-MM-DD. */
export function daysBetween(earlier: string, later: string): number {
  return Math.round((Date.parse(later) - Date.parse(earlier)) / 86_400_000);
}

/**
 * What the checks across issues need of a valid issue: its date and its entries as compared,
 * and with `placed`, where they are written.
 */
export function issueEntries(valid: ValidDraft, placed: boolean): IssueEntries {
  const listed = listedEntries(valid.digest);
  const issue: IssueEntries = {
    file: valid.draft.file,
    date: valid.digest.date,
    fields: listed.map(({ section, index }) => `${section}.${index}`),
    url: listed.map(({ entry }) => NORMALIZE.url(entry.url)),
    title: listed.map(({ entry }) => NORMALIZE.title(entry.title)),
  };
  if (!placed) return issue;
  const place = (item: ListedEntry, key: 'url' | 'title') => placeNumbers(entryField(valid, item, key).place);
  return { ...issue, places: { date: locate(valid.draft, ['date']), entries: listed.flatMap((item) => [...place(item, 'url'), ...place(item, 'title')]) } };
}
