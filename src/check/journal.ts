import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { writeJson } from '../build/json-files.js';

/**
 * The journal is folded into the base once it is larger than this share of it: reading a
 * longer journal at every check would cost more than rewriting the base now and then.
 */
const COMPACT_SHARE = 1 / 8;

/** Records by key, read from a base file and its journal, written back as a journal. */
export interface Journaled<T> {
  /** The records of the base, with those of the journal over them, and those put since. */
  readonly records: ReadonlyMap<string, T>;
  /** Keeps `value` as the record of `key`, until `save`. */
  put(key: string, value: T): void;
  /**
   * Appends the records put to the journal; or, once the journal would grow past its share of
   * the base, writes every record that `keep` keeps into a new base and removes the journal.
   * Throws when the files cannot be written.
   */
  save(keep: (key: string) => boolean): void;
}

/**
 * Opens the records kept in `base`, a JSON object by key written whole, and in its journal,
 * `<base>.journal`, where each record put since is a line of its own, the JSON array
 * `[key, record]`. Saving appends only what was put: a changed record costs its own size rather
 * than the whole base's.
 *
 * Several processes may save at once. Each appends its lines at once, at the journal's end
 * whatever others appended, each line starting with a line break, so that a line cut short by a process dying as it wrote never parses (JSON
 * ends with its closing bracket) and the next process's lines start afresh; a line that does not
 * parse is skipped. A process that folds the journal into the base may drop lines another one
 * appended meanwhile, and lines read before may be replayed over a newer base. So these files
 * suit records that vouch for themselves, as the check cache's do with the hash of their draft:
 * a lost or outdated record only makes the next reader do the work again.
 */
export function openJournaled<T>(base: string): Journaled<T> {
  const journal = `${base}.journal`;
  const baseText = readText(base);
  const journalText = readText(journal);
  const records = new Map(Object.entries(parseObject<T>(baseText)));
  for (const line of journalText.split('\n')) {
    const entry = parseLine<T>(line);
    if (entry) records.set(entry[0], entry[1]);
  }
  // Lengths in characters rather than bytes: they only say when to compact.
  const baseLength = baseText.length;
  let journalLength = journalText.length;
  const changed = new Set<string>();

  return {
    records,
    put(key, value) {
      records.set(key, value);
      changed.add(key);
    },
    save(keep) {
      if (changed.size === 0) return;
      const lines = [...changed].map((key) => `\n${JSON.stringify([key, records.get(key)])}`).join('');
      changed.clear();
      if (journalLength + lines.length <= baseLength * COMPACT_SHARE) {
        appendFileSync(journal, lines);
        journalLength += lines.length;
        return;
      }
      writeJson(base, Object.fromEntries([...records].filter(([key]) => keep(key))));
      rmSync(journal, { force: true });
      journalLength = 0;
    },
  };
}

/** A file's text; none when it is missing or cannot be read. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The base's records; none when it is not a JSON object (it is only ever replaced whole, but may have been damaged). */
function parseObject<T>(text: string): Record<string, T> {
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, T>) : {};
  } catch {
    return {};
  }
}

/** A journal line's key and record; none for an empty line, or one cut short. */
function parseLine<T>(line: string): [string, T] | undefined {
  if (line === '') return undefined;
  try {
    const entry: unknown = JSON.parse(line);
    return Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' ? (entry as [string, T]) : undefined;
  } catch {
    return undefined;
  }
}
