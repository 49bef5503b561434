import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../diagnostics/lines.js';
import { DEFAULT_DRAFT_BYTES } from '../limits/draft-bytes.js';

/** A draft's text, decoded and normalized: no BOM, LF line endings. */
export interface Source {
  file: string;
  text: string;
}

export type Loaded = { source: Source; diagnostics: [] } | { source?: undefined; diagnostics: Diagnostic[] };

/** Reads a draft from disk; bad bytes become diagnostics, never exceptions. */
export async function loadDraft(file: string, maxBytes = DEFAULT_DRAFT_BYTES): Promise<Loaded> {
  const read = await readDraftBytes(file, maxBytes);
  return read.bytes ? decodeText(file, read.bytes) : read;
}

/**
 * A draft's bytes, as they are on disk; a draft over `maxBytes` is not read at all. Read
 * synchronously, through one open file: a build reads a thousand drafts, each faster this way
 * than through libuv's threads, and the thread reading one has nothing else to do meanwhile.
 */
export async function readDraftBytes(
  file: string,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; diagnostics: [] } | { bytes?: undefined; diagnostics: Diagnostic[] }> {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      const start = new LineIndex('').span(0, 0);
      return fail(file, `the draft is ${size} bytes, over the limit of ${maxBytes} bytes (limits.draft_bytes)`, 'draft-size', start);
    }
    return { bytes: readFileSync(fd), diagnostics: [] };
  } finally {
    closeSync(fd);
  }
}

/** Decodes a draft or config file as UTF-8 and normalizes BOM and line endings. */
export function decodeText(file: string, bytes: Uint8Array): Loaded {
  if (isUtf16(bytes)) return fail(file, 'the draft is saved as UTF-16; save it with UTF-8 encoding', 'encoding', offsetPlace(bytes, 0));
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return fail(file, 'this is a binary file, not a Markdown draft (it contains NUL bytes)', 'encoding', offsetPlace(bytes, nul));
  }
  const lossy = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  const bad = lossy.indexOf('\uFFFD');
  if (bad !== -1 && !isValidUtf8(bytes)) {
    const index = new LineIndex(lossy);
    return fail(file, 'the draft is not valid UTF-8 text; save it with UTF-8 encoding', 'encoding', index.span(bad, bad + 1));
  }
  return { source: { file, text: normalizeNewlines(lossy) }, diagnostics: [] };
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** A UTF-16 byte order mark: word processors save "Unicode text" this way. */
function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function offsetPlace(bytes: Uint8Array, offset: number) {
  const before = new TextDecoder().decode(bytes.subarray(0, offset));
  return new LineIndex(before).span(before.length, before.length + 1);
}

function fail(file: string, reason: string, rule: string, place?: ReturnType<LineIndex['span']>): { diagnostics: Diagnostic[] } {
  return { diagnostics: [diagnostic(reason, { file, rule, place })] };
}
