import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeQuotedPrintable } from '../src/render/quoted-printable.js';
import { SEED } from './helpers/arbitraries.js';

/**
 * The encoding rules written the plain way, one character at a time: the encoder
 * must give exactly these bytes (the .eml of every built issue is pinned by them).
 */
function referenceEncoding(text: string): string {
  return text
    .split(/\r?\n/)
    .flatMap((line) => {
      const lines: string[] = [];
      let encoded = '';
      for (let i = 0; i < line.length; ) {
        const code = line.codePointAt(i)!;
        const char = String.fromCodePoint(code);
        i += char.length;
        const last = i >= line.length;
        const plain = (code >= 33 && code <= 126 && code !== 61) || ((code === 32 || code === 9) && !last);
        const part = plain
          ? char
          : [...Buffer.from(char)].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
        if (encoded.length + part.length + (last ? 0 : 1) > 76) {
          lines.push(`${encoded}=`);
          encoded = '';
        }
        encoded += encoded === '' && part === '.' ? '=2E' : part;
      }
      lines.push(encoded);
      return lines;
    })
    .join('\r\n');
}

/** Undoes quoted-printable, for checking that the encoding loses nothing. */
function decode(encoded: string): string {
  const joined = encoded.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=') {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

// Pieces that trip encoders: escapes, blanks (which must not end a line as they are), dots
// (encoded at a line start), line ends of both kinds and stray CRs, wide and astral characters,
// lone surrogates, and long runs of plain ASCII that need soft breaks at exact columns.
const tricky = fc.constantFrom('=', '=41', ' ', '\t', '  ', '.', '..', '\n', '\r\n', '\r', '\r\r\n', 'ß', '稀土', '🪨', '\uD800', '\uDC00x', '\u0000', '\u007F');
const plainRun = fc.integer({ min: 1, max: 160 }).map((n) => 'abcdefghij'.repeat(16).slice(0, n));
const piece = fc.oneof(tricky, plainRun, fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 }));
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('encodeQuotedPrintable', () => {
  it('gives exactly the bytes of the character-at-a-time encoding', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(encodeQuotedPrintable(input)).toBe(referenceEncoding(input));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('writes ASCII lines of at most 76 characters that decode back to the text', () => {
    fc.assert(
      fc.property(text, (input) => {
        const encoded = encodeQuotedPrintable(input);
        expect(/[^\x20-\x7e\r\n\t]/.test(encoded)).toBe(false);
        expect(encoded.split('\r\n').filter((line) => line.length > 76)).toEqual([]);
        expect(encoded.split('\r\n').filter((line) => /[ \t]$/.test(line) || line.startsWith('.'))).toEqual([]);
        expect(decode(encoded)).toBe(Buffer.from(input.replace(/\r?\n/g, '\r\n')).toString('utf8'));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it.each([
    ['an empty text', '', ''],
    ['a line of exactly 76 characters', 'a'.repeat(76), 'a'.repeat(76)],
    ['a line of 77 characters', 'a'.repeat(77), `${'a'.repeat(75)}=\r\naa`],
    ['a blank at the end of a line', 'a \nb\t', 'a=20\r\nb=09'],
    ['a dot opening a line and a soft-broken line', `.a\n${'b'.repeat(75)}.c`, `=2Ea\r\n${'b'.repeat(75)}=\r\n=2Ec`],
    ['a character that must not be split', `${'a'.repeat(73)}ß`, `${'a'.repeat(73)}=\r\n=C3=9F`],
  ])('encodes %s', (_, input, expected) => {
    expect(encodeQuotedPrintable(input)).toBe(expected);
  });
});
