import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeText } from '../draft/load.js';
import { EditError, findUrl, insertEntry } from '../draft/edit.js';
import { locate } from '../draft/locate.js';
import { parseDraft, type ParsedDraft } from '../draft/parse.js';
import { UsageError } from '../errors.js';
import { FetchError, fetchPageMeta } from '../fetch/page.js';
import { formatPretty } from '../report/pretty.js';
import { SECTION_KEYS, type Entry, type SectionKey } from '../schema/digest.js';
import { isRealDate, isWebUrl } from '../schema/fields.js';
import { closest } from '../schema/suggest.js';
import { validateDraft } from '../validate/digest.js';
import { detail, note, type Io } from './io.js';
import { latestDraft } from './latest.js';

export interface AddOptions {
  root: string;
  title?: string;
  date?: string;
  source?: string;
  company?: string;
  /** The draft to add to; the latest one by default. */
  draft?: string;
  timeoutMs: number;
}

/**
 * `cmr add`: adds a link to a list of the latest draft, in place. Exit 1, writing
 * nothing, when the link is there already, its page cannot be read, or the draft
 * would be invalid; exit 2 for a wrong section, URL or date.
 */
export async function runAdd(section: string, url: string, options: AddOptions, io: Io): Promise<number> {
  const key = sectionKey(section);
  if (!isWebUrl(url)) throw new UsageError(`expected an absolute http(s) URL, got "${url}"`);
  if (options.date !== undefined && !isRealDate(options.date)) {
    throw new UsageError(`--date must be a date written YYYY-MM-DD, got "${options.date}"`);
  }
  const file = options.draft ?? (await latestDraft(options.root))?.file;
  if (!file) throw new UsageError('no draft named YYYY-MM-DD.md in digests/ to add to; start one with cmr new, or name one with --draft');
  const path = join(options.root, file);
  const bytes = await readFile(path).catch(() => {
    throw new UsageError(`no such draft: ${file}`);
  });
  const shown = relative(options.root, path);
  const opened = open(shown, bytes);
  if ('problems' in opened) return fail(io, opened.problems);
  const { draft } = opened;

  const existing = findUrl(draft, SECTION_KEYS, url);
  if (existing) {
    const line = locate(draft, [existing.section, existing.index, 'url']).start.line;
    io.err(`cmr: ${shown}:${line} already has this link, in ${existing.section}; nothing added`);
    return 1;
  }
  const entry = await completeEntry(url, options, io);
  if (typeof entry === 'string') {
    io.err(`cmr: ${entry}; nothing added`);
    return 1;
  }
  let text: string;
  try {
    text = insertEntry(draft, key, entry);
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    io.err(`cmr: ${shown}: ${error.message}; nothing added`);
    return 1;
  }
  const reopened = open(shown, new TextEncoder().encode(text));
  const problems = 'problems' in reopened ? reopened.problems : validateDraft(reopened.draft).diagnostics;
  if (problems.length > 0) {
    io.err(`the draft would not be valid with this entry; nothing added`);
    return fail(io, problems);
  }
  await writeAtomically(path, restoreStyle(text, bytes));
  note(io, `added to ${key} of ${shown}: ${entry.date}  ${entry.title}`);
  return 0;
}

function sectionKey(section: string): SectionKey {
  if ((SECTION_KEYS as readonly string[]).includes(section)) return section as SectionKey;
  const guess = closest(section, SECTION_KEYS);
  throw new UsageError(`unknown section "${section}"${guess ? ` (did you mean "${guess}"?)` : ''}; the sections are ${SECTION_KEYS.join(', ')}`);
}

function open(file: string, bytes: Uint8Array): { draft: ParsedDraft } | { problems: Diagnostic[] } {
  const loaded = decodeText(file, bytes);
  if (!loaded.source) return { problems: loaded.diagnostics };
  const parsed = parseDraft(loaded.source);
  return parsed.draft ? { draft: parsed.draft } : { problems: parsed.diagnostics };
}

function fail(io: Io, problems: Diagnostic[]): number {
  io.err(formatPretty(problems, 1));
  return 1;
}

/** The entry from the options, with the title and date the page gives when they are missing; or why not. */
async function completeEntry(url: string, options: AddOptions, io: Io): Promise<Entry | string> {
  let { title, date } = options;
  if (title === undefined || date === undefined) {
    detail(io, `fetching ${url} for its title and date`);
    try {
      const meta = await fetchPageMeta(url, { timeoutMs: options.timeoutMs });
      title ??= meta.title;
      date ??= meta.date;
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      return `could not read ${url}: ${error.message}. Give --title and --date to add it without fetching`;
    }
    if (title === undefined) return `the page ${url} has no title; give one with --title`;
    if (date === undefined) return `the page ${url} has no publication date; give one with --date YYYY-MM-DD`;
  }
  const entry: Entry = { date, title, url };
  if (options.source !== undefined) entry.source = options.source;
  if (options.company !== undefined) entry.company = options.company;
  return entry;
}

/** Writes back with the line endings and byte order mark the file had. */
function restoreStyle(text: string, original: Uint8Array): string {
  const head = new TextDecoder('utf-8', { ignoreBOM: true }).decode(original.subarray(0, 4096));
  const withNewlines = head.includes('\r\n') ? text.replace(/\n/g, '\r\n') : text;
  return head.startsWith('\uFEFF') ? `\uFEFF${withNewlines}` : withNewlines;
}

/** A reader of the draft never sees it half-written. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.cmr-${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
