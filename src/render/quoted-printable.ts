/** RFC 2045: encoded lines of at most 76 characters, counting the soft break's `=`. */
const QP_WIDTH = 76;

/** Runs of characters other than printable ASCII and blanks (a lone CR among them): written as `=XX` bytes. */
const ENCODED = /[^\t\n\x20-\x7e]+/g;
/** The hex digits that open a UTF-8 continuation byte: a soft break never goes before one. */
const CONTINUATION = /[89AB]/;

/**
 * Quoted-printable (RFC 2045 §6.7) with CRLF line ends; LF and CRLF both end a line. Lines are
 * broken softly before 76 characters, never inside a character; a line-initial `.` is encoded
 * for old relays, and a blank ending a line, which relays may strip. The text is encoded by a
 * few replacements, then each line is finished and cut: an email is tens of KB of mostly plain
 * ASCII, which this leaves to the engine's native string code.
 */
export function encodeQuotedPrintable(text: string): string {
  return text
    .replaceAll('\r\n', '\n')
    .replaceAll('=', '=3D')
    .replace(ENCODED, utf8Escapes)
    .split('\n')
    .map((line) => softBreaks(withEndsEncoded(line)))
    .join('\r\n');
}

/** `=XX` for each UTF-8 byte of `text`. */
function utf8Escapes(text: string): string {
  return [...Buffer.from(text)].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** A line with a dot that opens it and a blank that ends it encoded. */
function withEndsEncoded(line: string): string {
  const last = line.at(-1);
  const ended = last === ' ' || last === '\t' ? `${line.slice(0, -1)}${utf8Escapes(last)}` : line;
  return ended.startsWith('.') ? `=2E${ended.slice(1)}` : ended;
}

/**
 * Cuts an encoded line into lines of at most 76 characters: 75 and a soft break's `=`, or 76 for
 * the last. A cut never splits an `=XX` escape or a character's escapes, and a dot that opens a
 * line after a cut is encoded as one opening a line is.
 */
function softBreaks(line: string): string {
  if (line.length <= QP_WIDTH) return line;
  const lines: string[] = [];
  let rest = line;
  while (rest.length > QP_WIDTH) {
    let cut = QP_WIDTH - 1;
    if (rest[cut - 1] === '=') cut -= 1;
    else if (rest[cut - 2] === '=') cut -= 2;
    while (rest[cut] === '=' && CONTINUATION.test(rest[cut + 1]!)) cut -= 3;
    lines.push(`${rest.slice(0, cut)}=`);
    rest = rest.slice(cut);
    if (rest.startsWith('.')) rest = `=2E${rest.slice(1)}`;
  }
  lines.push(rest);
  return lines.join('\r\n');
}
