import { SENDER } from '../schema/config.js';
import { encodeQuotedPrintable } from './quoted-printable.js';

/** What a ready-to-send message of one issue is made of. */
export interface EmlInput {
  /** A sender that passed the config schema: `Name <address>` or a bare address. */
  from: string;
  subject: string;
  /** The issue date, YYYY-MM-DD: the message is dated at midnight UTC of that day. */
  date: string;
  /** The permalink, from which a stable Message-ID is derived. */
  url: string;
  language: string;
  text: string;
  html: string;
}

const CRLF = '\r\n';
/** RFC 5322 asks for header lines of 78 characters or fewer. */
const HEADER_WIDTH = 78;
/** UTF-8 bytes per RFC 2047 encoded word, so that `=?UTF-8?B?…?=` stays well inside a line. */
const WORD_BYTES = 39;

/**
 * A MIME `multipart/alternative` message, text part first, then HTML, both UTF-8 and
 * quoted-printable. Every header is derived from the issue, so builds are reproducible.
 */
export function renderEml(input: EmlInput): string {
  // `=_` never occurs in quoted-printable text, so this boundary cannot collide with a body.
  const boundary = `=_cmr_${input.date}`;
  const headers = [
    header('From', sender(input.from)),
    header('Date', rfc5322Date(input.date)),
    header('Subject', encodePhrase(input.subject)),
    header('Message-ID', messageId(input.url)),
    header('MIME-Version', '1.0'),
    header('Content-Language', input.language),
    header('Content-Type', `multipart/alternative; boundary="${boundary}"`),
    // Outlook opens a message marked unsent as a draft that can be sent as it is.
    header('X-Unsent', '1'),
  ];
  return [
    ...headers,
    '',
    'This is a message in MIME format: the same issue as plain text and as HTML.',
    `--${boundary}`,
    ...part('text/plain', input.text),
    `--${boundary}`,
    ...part('text/html', input.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

function part(type: string, body: string): string[] {
  return [
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encodeQuotedPrintable(body),
  ];
}

/** `Name: value`, folded at spaces into lines of 78 characters where it can be. */
function header(name: string, value: string): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(' ')) {
    if (line.length + 1 + word.length > HEADER_WIDTH && line.includes(' ')) {
      lines.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/**
 * Header text as one line: white space (line breaks included) collapses to single spaces,
 * so a title can never start a header of its own. Non-ASCII text becomes RFC 2047 words.
 */
function encodePhrase(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (/^[\x20-\x7e]*$/.test(flat) && !flat.includes('=?')) return flat;
  return encodedWords(flat).join(' ');
}

/** RFC 2047 `B` encoded words, each holding whole characters. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`);
}

/** The sender with its display name written as RFC 5322 and RFC 2047 ask. */
function sender(from: string): string {
  const groups = SENDER.exec(from)?.groups;
  if (!groups) throw new Error(`sender was not validated: ${from}`);
  return groups.bare ?? `${displayName(groups.name!)} <${groups.address}>`;
}

/** Plain words stay as they are, punctuation needs quotes, anything beyond ASCII is encoded. */
function displayName(name: string): string {
  if (/^[\w!#$%&'*+/?^`{|}~ -]+$/.test(name)) return name;
  if (/^[\x20-\x7e]+$/.test(name) && !name.includes('=?')) return `"${name}"`;
  return encodePhrase(name);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2025-11-01 → "Sat, 01 Nov 2025 00:00:00 +0000". */
function rfc5322Date(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  const dd = String(day.getUTCDate()).padStart(2, '0');
  return `${DAYS[day.getUTCDay()]}, ${dd} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()} 00:00:00 +0000`;
}

/** https://example.org/report/2025-11-01/ → <2025-11-01.report@example.org>: one id per issue and site. */
function messageId(url: string): string {
  const { hostname, pathname } = new URL(url);
  const left = pathname
    .split('/')
    .map((segment) => segment.replace(/[^\w!#$%&'*+/=?^`{|}~-]/g, '-'))
    .filter((segment) => segment !== '')
    .reverse()
    .join('.');
  return `<${left || 'issue'}@${hostname}>`;
}
