import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { simpleParser, type ParsedMail } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { renderEml, type EmlInput } from '../src/render/eml.js';
import { ROOT } from './helpers/cli.js';
import { renderSiteFiles } from './helpers/site.js';
import { projectConfig, renderDraft, SAMPLE, validDraft } from './helpers/sample.js';

const parse = (eml: string) => simpleParser(eml, { skipTextToHtml: true, skipTextLinks: true });
/** MIME text travels with CRLF line ends; the built files use LF. */
const lf = (text: string | false | undefined) => String(text).replace(/\r\n/g, '\n');

describe('issue.eml of the sample issue', () => {
  let eml: string;
  let mail: ParsedMail;
  let built: Awaited<ReturnType<typeof renderDraft>>['files'];
  beforeAll(async () => {
    ({ files: built } = await renderDraft());
    eml = built['issue.eml']!;
    mail = await parse(eml);
  });

  it('decodes to exactly the built plain text and HTML', () => {
    expect(lf(mail.text)).toBe(built['email.txt']);
    expect(lf(mail.html)).toBe(built['email.html']);
  });

  it('is multipart/alternative with the text part first, both UTF-8 quoted-printable', () => {
    const boundary = /boundary="([^"]+)"/.exec(eml)![1]!;
    const parts = eml.split(`\r\n--${boundary}`).slice(1, -1);
    const headersOf = (part: string) => part.slice(0, part.indexOf('\r\n\r\n')).trim().split('\r\n');
    expect(parts.map(headersOf)).toEqual([
      ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
      ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
    ]);
    expect(eml.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  });

  it('has headers derived from the issue and the config', async () => {
    const config = await projectConfig();
    expect(mail.from?.value).toEqual([{ name: 'Critical Minerals Report', address: 'newsletter@example.org' }]);
    expect(config.email?.from).toBe('Critical Minerals Report <newsletter@example.org>');
    expect(mail.subject).toBe((await validDraft(SAMPLE)).digest.title);
    expect(mail.date?.toISOString()).toBe('2025-11-01T00:00:00.000Z');
    expect(mail.messageId).toBe('<2025-11-01.critical-minerals-report@example.org>');
    expect(mail.headers.get('mime-version')).toBe('1.0');
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });

  it('is 7-bit ASCII with CRLF line ends and short lines', () => {
    expect(/[^\x00-\x7f]/.test(eml)).toBe(false);
    expect(/[^\r]\n/.test(eml)).toBe(false);
    const lines = eml.split('\r\n');
    expect(lines.filter((line) => line.length > 78)).toEqual([]);
  });
});

describe('headers from untrusted titles', () => {
  async function emlWithTitle(title: string): Promise<ParsedMail> {
    const valid = await validDraft(SAMPLE);
    const files = await renderSiteFiles([{ ...valid, digest: { ...valid.digest, title } }]);
    return parse(files.get('2025-11-01/issue.eml')!);
  }

  it('a title with line breaks and header-like text stays one Subject', async () => {
    const mail = await emlWithTitle('Rare earths\nBcc: everyone@example.com\r\nX-Injected: yes\n\nbody text');
    expect(mail.subject).toBe('Rare earths Bcc: everyone@example.com X-Injected: yes body text');
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(lf(mail.text)).toMatch(/^Critical Minerals Report\n/);
  });

  it('a title beyond ASCII is encoded and decodes back whole', async () => {
    const title = 'Lítio, 稀土 and “cobalt” — a long headline that needs more than one encoded word to fit';
    expect((await emlWithTitle(title)).subject).toBe(title);
  });
});

describe('renderEml', () => {
  const base: EmlInput = {
    from: 'news@example.org',
    subject: 'Subject',
    date: '2024-02-29',
    url: 'https://example.org/2024-02-29/',
    language: 'en',
    text: 'text',
    html: '<p>html</p>',
  };

  it.each([
    ['news@example.org', [{ name: '', address: 'news@example.org' }]],
    ['Minerals Report, Weekly <news@example.org>', [{ name: 'Minerals Report, Weekly', address: 'news@example.org' }]],
    ['Rapport des minéraux <news@example.org>', [{ name: 'Rapport des minéraux', address: 'news@example.org' }]],
  ])('writes the sender %s so it parses back', async (from, expected) => {
    expect((await parse(renderEml({ ...base, from }))).from?.value).toEqual(expected);
  });

  it('dates the message on the issue day, with its weekday', () => {
    expect(renderEml(base)).toContain('\r\nDate: Thu, 29 Feb 2024 00:00:00 +0000\r\n');
  });

  it('round-trips any text and HTML through quoted-printable', async () => {
    // Pieces that trip naive encoders: literal escapes, trailing blanks, dots, wide characters.
    const tricky = fc.constantFrom('=', '=41', '=\t', ' ', '\t', '.', 'ß', '稀土', '🪨');
    const piece = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 20 }));
    const line = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('').replace(/[\r\n]/g, ''));
    const body = fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n'));
    await fc.assert(
      fc.asyncProperty(body, body, async (text, html) => {
        const mail = await parse(renderEml({ ...base, text: `${text}\nend`, html: `<p>${html}</p>` }));
        expect(lf(mail.text)).toBe(`${text}\nend`);
        expect(lf(mail.html)).toBe(`<p>${html}</p>`);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the sender in cmr.config.yaml', () => {
  it('is checked, with its line and column', async () => {
    const file = join(ROOT, 'cmr.config.yaml');
    const yaml = (await readFile(file, 'utf8')).replace('"Critical Minerals Report <newsletter@example.org>"', '"News\\nBcc: x@example.org"');
    const loaded = parseConfig('cmr.config.yaml', Buffer.from(yaml));
    const line = yaml.split('\n').findIndex((l) => l.includes('Bcc')) + 1;
    expect(loaded.diagnostics.map((d) => [d.line, d.column, d.reason])).toEqual([
      // Control characters in messages are shown escaped, so they cannot drive a terminal.
      [line, 9, 'expected a sender such as "Name <news@example.org>", got "News\\u000ABcc: x@example.org"'],
    ]);
  });

  it('is optional: without it no issue.eml is written', async () => {
    const config = { ...(await projectConfig()), email: undefined };
    const files = await renderSiteFiles([await validDraft(SAMPLE)], config);
    expect([...files.keys()].filter((path) => path.startsWith('2025-11-01/')).sort()).toEqual([
      '2025-11-01/digest.json',
      '2025-11-01/email.html',
      '2025-11-01/email.txt',
      '2025-11-01/index.html',
    ]);
  });
});
