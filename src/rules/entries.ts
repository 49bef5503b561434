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

/** What the checks across issues need of a valid issue: its date and its entries, as compared and placed. */
export function issueEntries(valid: ValidDraft): IssueEntries {
  const listed = listedEntries(valid.digest);
  return {
    file: valid.draft.file,
    date: valid.digest.date,
    datePlace: locate(valid.draft, ['date']),
    fields: listed.map(({ section, index }) => `${section}.${index}`),
    url: listed.map(({ entry }) => NORMALIZE.url(entry.url)),
    title: listed.map(({ entry }) => NORMALIZE.title(entry.title)),
    places: listed.flatMap((item) => [...placeNumbers(entryField(valid, item, 'url').place), ...placeNumbers(entryField(valid, item, 'title').place)]),
  };
}
