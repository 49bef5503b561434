import fc from 'fast-check';
import { stringify } from 'yaml';

/** One seed for every property run, so a failure reproduces; fast-check prints it with the failing case. */
export const SEED = 20251101;

/** Characters that mean something to YAML, Markdown, HTML or Handlebars. */
const SIGNIFICANT = [
  ':', '#', '&', '*', '!', '|', '>', '<', '-', '?', '%', '@', '`', '"', "'", ',', '[', ']', '{', '}', '\\', '/', '=', ';',
  ' ', '  ', '\t', '\n', '\r\n', '\r', '---', '...', '{{', '}}', '{{{', '<!--', '-->', 'javascript:', '&#x09;', '&colon;',
];
/** Control, bidirectional, invisible and line-separator characters. */
const INVISIBLE = ['\u0000', '\u0001', '\u0007', '\u001B', '\u007F', '\u0085', '\u00A0', '\u200B', '\u200D', '\u2028', '\u2029', '\u202E', '\u2066', '\uFEFF'];

/** Text mixing random Unicode with YAML-, Markdown- and HTML-significant and invisible characters. */
export const hostileText = (maxLength = 40) =>
  fc.string({
    unit: fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) },
      { weight: 3, arbitrary: fc.constantFrom(...SIGNIFICANT) },
      { weight: 1, arbitrary: fc.constantFrom(...INVISIBLE) },
    ),
    maxLength,
  });

/** Fragments of Markdown and raw HTML that attackers and careless pastes bring. */
const FRAGMENTS = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<iframe src="https://evil.example/">',
  '<style>*{}</style>', '<a href="javascript:alert(1)">', '</a>', '<div style="x">', '<form action=x>', '<input type=checkbox>',
  '[link](javascript:alert(1))', '[link](https://example.com/a "title")', '![image](data:image/png;base64,AA==)', '![i](https://example.com/i.png)',
  '<javascript:alert(1)>', '<https://example.com>', 'www.example.com', '[^note]', '[^note]: text', '[ref]: https://example.com',
  '[ref]', '- [ ] task', '- [x] done', '| a | b |\n| - | - |\n| c | d |', '```\ncode\n```', '    indented code', '# heading',
  '> quote', '* item', '1. item', '***', '~~struck~~', '**bold**', '_em_', '`code`', '\\', '{{constructor}}', '{{> web/style}}',
  '&amp;', '&#0;', '&lt;script&gt;', '<!-- comment -->', '<![CDATA[x]]>', '<?php ?>', '\n', '\n\n', ' ',
];

/** A Markdown body: hostile fragments and hostile text, in any order. */
export const hostileBody = fc
  .array(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: hostileText(20) }), { maxLength: 25 })
  .map((parts) => parts.join(''));

/** Line breaks and the characters the contract refuses in one-line fields. */
export const REFUSED_IN_FIELDS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Field text: mostly cleaned of what the contract refuses (so drafts get rendered), sometimes not. */
export const fieldText = (maxLength: number) =>
  fc.oneof(
    { weight: 1, arbitrary: hostileText(maxLength) },
    { weight: 6, arbitrary: hostileText(maxLength).map((text) => text.replace(REFUSED_IN_FIELDS, ' ')) },
  );

/** A YAML value written as the draft's author might: bare, or quoted with escapes. */
const yamlValue = fc.oneof(hostileText(30), fieldText(30).map((text) => JSON.stringify(text)));

/** One line of front matter: a known or random key, then a random value. */
const frontMatterLine = fc
  .tuple(fc.constantFrom('summary', 'author', 'tags', 'headlines', 'markets', 'x', '', '"title"', '<<'), yamlValue)
  .map(([key, value]) => `${key}: ${value}`);

/** A whole draft as raw text: front matter that may be broken in any way, then a body. */
export const rawDraft = fc
  .record({
    open: fc.constantFrom('---\n', '---\n', '---\n', '---\r\n', '\uFEFF---\n', '---js\n', '', '--- \n'),
    title: yamlValue.map((value) => `title: ${value}`),
    date: fc.constantFrom('date: 2025-11-08', 'date: 2025-11-08', 'date: 2025-02-30', 'date: "2025-11-08"', 'date:', 'date: [2025]'),
    extra: fc.array(frontMatterLine, { maxLength: 3 }),
    close: fc.constantFrom('\n---\n', '\n---\n', '\n---\n', '\n', '\n--- \n', '\n----\n'),
    body: hostileBody,
  })
  .map(({ open, title, date, extra, close, body }) => `${open}${[title, date, ...extra].join('\n')}${close}${body}`);

/** A well-formed draft whose text fields are hostile strings, written as YAML by a YAML library. */
export const structuredDraft = fc
  .record({
    title: fieldText(60),
    summary: fieldText(60),
    author: fieldText(20),
    tags: fc.array(fieldText(15), { maxLength: 3 }),
    headlines: fc.array(fc.record({ title: fieldText(40), source: fieldText(15) }), { maxLength: 3 }),
    body: hostileBody,
  })
  .map(({ body, headlines, ...fields }) => {
    const data = {
      ...fields,
      date: '2025-11-08',
      headlines: headlines.map((entry, i) => ({ date: '2025-11-07', url: `https://example.com/${i}?a=1&b="x"`, ...entry })),
    };
    return { data, text: `---\n${stringify(data)}---\n\n${body}\n` };
  });

/** Pieces of Markdown that open, close and almost open every construct, GitHub's included. */
const piece = fc.constantFrom(
  ...['|', '||', ' | ', '|-|', '| --- |', ':-:', '-', '---', '~', '~~', '~~~', '[', ']', '[^', '^', ']:', '[ ]', '[x]', '[X]', '[\t]'],
  ...['*', '_', '**', '`', '```', '>', '> ', '#', '# ', '1.', '- ', '+ ', '\\', '!', '(', ')', '&amp;', '<', ':'],
  ...['\n', '\n\n', '    ', ' ', '\t', 'a', 'x', 'word', 'https://example.com/', '1'],
);

/** Whole constructs, so that the pieces around them meet them at every place. */
const construct = fc.constantFrom(
  '| Metal | Price |\n| :-- | --: |\n| Tin | 30 |\n',
  'Supply ~~fell~~ rose.',
  'Prices rose.[^lme]\n\n[^lme]: Cash settlement.\n',
  '- [ ] call the mine\n- [x] send the issue\n',
  '[a link](https://example.com/) and ![an image](/a.png)\n',
);

/** Markdown that meets every construct, GitHub's included, at every place. */
export const markdownText = fc.array(fc.oneof({ weight: 6, arbitrary: piece }, { weight: 1, arbitrary: construct }), { maxLength: 40 }).map((parts) => parts.join(''));
