import { isMap, isScalar, isSeq, stringify, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Entry, SectionKey } from '../schema/digest.js';
import type { ParsedDraft } from './parse.js';

/** An edit the draft's YAML does not allow, explained for the editor. */
export class EditError extends Error {}

/** The order of an entry's keys when the list has no entry to copy it from. */
const ENTRY_KEYS = ['date', 'title', 'url', 'source', 'company'] as const satisfies readonly (keyof Entry)[];
const DEFAULT_ITEM_PREFIX = '  - ';

/**
 * The draft's text with `entry` added to the list `section`, where it keeps the list
 * newest first. Only whole new lines are inserted; every other byte stays as written,
 * so comments, quoting and order survive and a diff shows only the added lines. A
 * missing list is created at the end of the front matter; an empty `[]` becomes a block list.
 */
export function insertEntry(draft: ParsedDraft, section: SectionKey, entry: Entry): string {
  const root = rootMap(draft.doc);
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === section) as Pair<Node, Node | null> | undefined;
  const value = pair?.value ?? null;
  if (!pair) {
    const at = frontMatterEnd(draft);
    return splice(draft.text, at, at, [`${section}:`, ...entryLines(entry, itemPrefix(draft, root), ENTRY_KEYS)]);
  }
  if (isSeq(value) && !value.flow) {
    const at = insertionPoint(draft, value, entry.date);
    return splice(draft.text, at, at, entryLines(entry, itemPrefix(draft, root, value), keyOrder(value)));
  }
  const empty = value === null || (isScalar(value) && value.value === null) || (isSeq(value) && value.items.length === 0);
  if (!empty) throw new EditError(`"${section}" is not written as a block list (one "- " item per entry); cmr add cannot add to it`);
  // `headlines:` or `headlines: []`: the entry goes on the lines after the key.
  const keyEnd = draft.yamlStart + pair.key!.range![1];
  const valueEnd = value?.range ? draft.yamlStart + value.range[1] : keyEnd;
  const lineEnd = nextLineStart(draft.text, valueEnd);
  const keyLine = `${draft.text.slice(lineStart(draft.text, keyEnd), keyEnd)}:`;
  return splice(draft.text, lineStart(draft.text, keyEnd), lineEnd, [keyLine, ...entryLines(entry, itemPrefix(draft, root), ENTRY_KEYS)]);
}

/** A URL as compared for duplicates: no fragment, no tracking parameters, no trailing slash, either scheme. */
export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) if (/^utm_/i.test(name)) parsed.searchParams.delete(name);
  parsed.searchParams.sort();
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.host}${path}${parsed.search}`;
}

/** Where the draft's lists already hold `url`, if they do. */
export function findUrl(draft: ParsedDraft, sections: readonly SectionKey[], url: string): { section: SectionKey; index: number } | undefined {
  const wanted = normalizeUrl(url);
  for (const section of sections) {
    const list = draft.data[section];
    if (!Array.isArray(list)) continue;
    const index = list.findIndex((item) => {
      const found = (item as { url?: unknown } | null)?.url;
      return typeof found === 'string' && URL.canParse(found) && normalizeUrl(found) === wanted;
    });
    if (index !== -1) return { section, index };
  }
  return undefined;
}

function rootMap(doc: Document | undefined): YAMLMap {
  const contents = doc?.contents;
  if (!isMap(contents)) throw new EditError('the front matter is not a mapping of keys to values');
  return contents;
}

/** Before the first entry older than `date`, and before the comment lines directly above it. */
function insertionPoint(draft: ParsedDraft, list: YAMLSeq, date: string): number {
  const older = list.items.find((item) => {
    const itemDate = isMap(item) ? item.get('date') : undefined;
    return typeof itemDate === 'string' && itemDate < date;
  }) as Node | undefined;
  if (!older) return nextLineStart(draft.text, draft.yamlStart + (list.items.at(-1) as Node).range![1] - 1);
  let at = lineStart(draft.text, draft.yamlStart + older.range![0]);
  const indent = /^ */.exec(draft.text.slice(at))![0];
  while (at > 0) {
    const above = lineStart(draft.text, at - 1);
    if (!draft.text.slice(above, at - 1).startsWith(`${indent}#`)) break;
    at = above;
  }
  return at;
}

/** `  - ` as the list's first item (or else any block list of the front matter) writes it. */
function itemPrefix(draft: ParsedDraft, root: YAMLMap, list?: YAMLSeq): string {
  const lists = [list, ...root.items.map((p) => p.value)].filter((v): v is YAMLSeq => isSeq(v) && !v.flow && v.items.length > 0);
  const first = lists[0]?.items[0] as Node | undefined;
  if (!first?.range) return DEFAULT_ITEM_PREFIX;
  const start = draft.yamlStart + first.range[0];
  const prefix = draft.text.slice(lineStart(draft.text, start), start);
  return /^ *- +$/.test(prefix) ? prefix : DEFAULT_ITEM_PREFIX;
}

/** The key order of the list's first entry, so a new entry reads like its neighbours. */
function keyOrder(list: YAMLSeq): readonly string[] {
  const first = list.items[0];
  const written = isMap(first) ? first.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : [];
  return [...written.filter((key) => (ENTRY_KEYS as readonly string[]).includes(key)), ...ENTRY_KEYS.filter((key) => !written.includes(key))];
}

function entryLines(entry: Entry, prefix: string, order: readonly string[]): string[] {
  const indent = ' '.repeat(prefix.length);
  const fields = order.flatMap((key) => {
    const value = entry[key as keyof Entry];
    return value === undefined ? [] : [`${key}: ${scalar(key, value)}`];
  });
  return fields.map((field, i) => (i === 0 ? prefix : indent) + field);
}

/** One-line YAML for a value; titles are double-quoted like the rest of the drafts'. */
function scalar(key: string, value: string): string {
  const options = { lineWidth: 0, defaultStringType: key === 'title' ? 'QUOTE_DOUBLE' : 'PLAIN' } as const;
  return stringify(value, options).trimEnd();
}

/** The start of the closing `---` line of the front matter. */
function frontMatterEnd(draft: ParsedDraft): number {
  const end = draft.text[draft.bodyStart - 1] === '\n' ? draft.bodyStart - 1 : draft.bodyStart;
  return lineStart(draft.text, end);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** Replaces text[from, to) with whole lines. */
function splice(text: string, from: number, to: number, lines: string[]): string {
  return `${text.slice(0, from)}${lines.join('\n')}\n${text.slice(to)}`;
}
