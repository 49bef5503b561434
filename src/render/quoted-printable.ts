/** RFC 2045: encoded lines of at most 76 characters, counting the soft break's `=`. */
const QP_WIDTH = 76;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DOT = 0x2e;
const EQUALS = 0x3d;
const HEX_DIGITS = Buffer.from('0123456789ABCDEF', 'latin1');

/** Printable ASCII but `=`: written as it is anywhere on a line. */
const PRINTABLE = 1;
/** Space and tab: written as they are, unless they end a line (relays may strip them there). */
const BLANK = 2;
const BYTE_CLASS = new Uint8Array(256);
BYTE_CLASS.fill(PRINTABLE, 0x21, 0x7f);
BYTE_CLASS[EQUALS] = 0;
BYTE_CLASS[SPACE] = BLANK;
BYTE_CLASS[TAB] = BLANK;

/**
 * Quoted-printable (RFC 2045 §6.7) with CRLF line ends; LF and CRLF both end a line. Lines are
 * broken softly before 76 characters, never inside a character; a line-initial `.` is encoded
 * for old relays. The text is walked once as UTF-8 bytes written straight into a buffer, with
 * runs of printable ASCII copied in a tight loop: an email is tens of KB, and building it a
 * character at a time as strings cost milliseconds per issue.
 */
export function encodeQuotedPrintable(text: string): string {
  const input = Buffer.from(text, 'utf8');
  const end = input.length;
  // A byte becomes at most three, and a soft break (three bytes) follows at least 64.
  const output = Buffer.allocUnsafe(end * 4 + 3);
  let at = 0;
  let lineStart = 0;
  for (let i = 0; i < end; ) {
    // Fast path, for all but a dot opening a line: printable ASCII, and blanks with more of the
    // line after them, up to the last column that still leaves room for a soft break.
    if (at > lineStart || input[i] !== DOT) {
      const room = lineStart + QP_WIDTH - 1;
      for (; at < room && i < end; i++) {
        const kind = BYTE_CLASS[input[i]!];
        if (kind !== PRINTABLE && !(kind === BLANK && !endsLine(input, i + 1))) break;
        output[at++] = input[i]!;
      }
      if (i === end) break;
    }
    const byte = input[i]!;
    if (byte === LF || (byte === CR && input[i + 1] === LF)) {
      output[at++] = CR;
      output[at++] = LF;
      lineStart = at;
      i += byte === LF ? 1 : 2;
      continue;
    }
    // One character at a time: anything to encode, a line-initial dot, the last column.
    const next = i + utf8Length(byte);
    const last = endsLine(input, next);
    const kind = BYTE_CLASS[byte];
    const plain = kind === PRINTABLE || (kind === BLANK && !last);
    const width = plain ? 1 : 3 * (next - i);
    if (at - lineStart + width + (last ? 0 : 1) > QP_WIDTH) {
      output[at++] = EQUALS;
      output[at++] = CR;
      output[at++] = LF;
      lineStart = at;
    }
    if (plain && !(byte === DOT && at === lineStart)) {
      output[at++] = byte;
      i = next;
      continue;
    }
    for (; i < next; i++) {
      output[at++] = EQUALS;
      output[at++] = HEX_DIGITS[input[i]! >> 4]!;
      output[at++] = HEX_DIGITS[input[i]! & 0x0f]!;
    }
  }
  return output.toString('latin1', 0, at);
}

/** Whether a line ends just before `input[i]`: at a line break or at the end of the text. */
function endsLine(input: Uint8Array, i: number): boolean {
  return i >= input.length || input[i] === LF || (input[i] === CR && input[i + 1] === LF);
}

/**
 * Bytes of the UTF-8 sequence that `lead` starts. Buffer.from writes well-formed UTF-8
 * (a lone surrogate becomes U+FFFD), so every sequence is whole.
 */
function utf8Length(lead: number): number {
  return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}
