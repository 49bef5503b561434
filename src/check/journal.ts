import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { writeWhole } from '../build/json-files.js';

/**
 * The journal is folded into the base once it is larger than this share of it: reading a
 * longer journal at every check would cost more than rewriting the base now and then.
 */
const COMPACT_SHARE = 1 / 8;
const NEWLINE = 0x0a;
const TAB = 0x09;

/** A record as read: its head, and its body, parsed only when asked for. */
export interface Stored<H, B> {
  head: H;
  /** None when the body does not parse (its line was damaged). */
  body(): B | undefined;
}

/** Records by key, read from a base file and its journal, written back as a journal. */
export interface Journaled<H, B> {
  get(key: string): Stored<H, B> | undefined;
  /** Keeps a record for `key`, until `save`; without `body`, with the body it has (it must have one). */
  put(key: string, head: H, body?: B): void;
  /**
   * Appends the records put to the journal; or, once the journal would grow past its share of
   * the base, writes every record that `keep` keeps into a new base and removes the journal.
   * Throws when the files cannot be written.
   */
  save(keep: (key: string) => boolean): void;
}

/** A record's head, parsed, and the JSON text of its body, as bytes. */
interface Entry<H> {
  head: H;
  body: Buffer;
}

/**
 * Opens the records kept in `base` and in its journal, `<base>.journal`. Each record is a line
 * of its own in either: a line break, the JSON array `[key, head, length of the body in bytes]`,
 * a tab, and the body as JSON (JSON never holds a raw line break or tab). Reading parses only the
 * heads, so what is needed of every record (such as what tells whether it is still current) is
 * best kept there; a body is parsed when it is asked for. Saving appends the records put to the
 * journal: a changed record costs its own size rather than the whole base's. The base is
 * rewritten whole, aside and renamed into place, only when the journal is folded into it.
 *
 * Several processes may save at once. Each appends its lines at once, at the journal's end
 * whatever others appended, each line starting with a line break, so that a line cut short by a
 * process dying as it wrote is skipped (its head does not parse, or its body is shorter than its
 * head says) and the next process's lines start afresh. A process that folds the journal into
 * the base may drop lines another one appended meanwhile, and lines read before may be replayed
 * over a newer base. So these files suit records that vouch for themselves, as the check cache's
 * do with the hash of their draft: a lost or outdated record only makes the next reader do the
 * work again.
 */
export function openJournaled<H, B>(base: string): Journaled<H, B> {
  const journal = `${base}.journal`;
  const baseBytes = readBytes(base);
  const journalBytes = readBytes(journal);
  const entries = new Map<string, Entry<H>>();
  for (const bytes of [baseBytes, journalBytes]) for (const [key, entry] of parseLines<H>(bytes)) entries.set(key, entry);
  let journalLength = journalBytes.length;
  const changed = new Set<string>();

  return {
    get(key) {
      const entry = entries.get(key);
      return entry && { head: entry.head, body: () => parseBody<B>(entry.body) };
    },
    put(key, head, body) {
      const bytes = body === undefined ? entries.get(key)!.body : Buffer.from(JSON.stringify(body));
      entries.set(key, { head, body: bytes });
      changed.add(key);
    },
    save(keep) {
      if (changed.size === 0) return;
      const lines = Buffer.concat([...changed].map((key) => lineOf(key, entries.get(key)!)));
      changed.clear();
      if (journalLength + lines.length <= baseBytes.length * COMPACT_SHARE) {
        appendFileSync(journal, lines);
        journalLength += lines.length;
        return;
      }
      const kept = [...entries].filter(([key]) => keep(key));
      writeWhole(base, Buffer.concat(kept.map(([key, entry]) => lineOf(key, entry))));
      rmSync(journal, { force: true });
      journalLength = 0;
    },
  };
}

function lineOf<H>(key: string, { head, body }: Entry<H>): Buffer {
  return Buffer.concat([Buffer.from(`\n${JSON.stringify([key, head, body.length])}\t`), body]);
}

/** The records of a file's lines, in order; lines cut short or damaged are skipped. */
function parseLines<H>(bytes: Buffer): [string, Entry<H>][] {
  const entries: [string, Entry<H>][] = [];
  for (let start = bytes.indexOf(NEWLINE); start !== -1; ) {
    const next = bytes.indexOf(NEWLINE, start + 1);
    const entry = parseLine<H>(bytes.subarray(start + 1, next === -1 ? bytes.length : next));
    if (entry) entries.push(entry);
    start = next;
  }
  return entries;
}

function parseLine<H>(line: Buffer): [string, Entry<H>] | undefined {
  const tab = line.indexOf(TAB);
  if (tab === -1) return undefined;
  try {
    const prefix: unknown = JSON.parse(line.toString('utf8', 0, tab));
    const body = line.subarray(tab + 1);
    if (!Array.isArray(prefix) || prefix.length !== 3 || typeof prefix[0] !== 'string' || prefix[2] !== body.length) return undefined;
    return [prefix[0], { head: prefix[1] as H, body }];
  } catch {
    return undefined;
  }
}

function parseBody<B>(bytes: Buffer): B | undefined {
  try {
    return JSON.parse(bytes.toString('utf8')) as B;
  } catch {
    return undefined;
  }
}

/** A file's bytes; none when it is missing or cannot be read. */
function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}
