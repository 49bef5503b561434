import { describe, expect, it } from 'vitest';
import { findUrl, insertEntry, normalizeUrl } from '../src/draft/edit.js';
import { parseDraft, type ParsedDraft } from '../src/draft/parse.js';
import type { Entry } from '../src/schema/digest.js';
import { isoDay, pageMeta } from '../src/fetch/meta.js';

function parsed(text: string): ParsedDraft {
  const result = parseDraft({ file: 'digests/2025-11-08.md', text });
  if (!result.draft) throw new Error(result.diagnostics.map(String).join('\n'));
  return result.draft;
}

/** The lines of `after` that are not in `before`, checking that nothing else changed. */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const now = after.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of now) {
    if (i < old.length && line === old[i]) i++;
    else added.push(line);
  }
  expect(i).toBe(old.length);
  return added;
}

const DRAFT = `---
title: "Week of copper"
date: 2025-11-08
# Picks of the week
headlines:
  - date: 2025-11-06
    title: 'Single-quoted stays'
    url: https://example.com/a
  # The next one is still unconfirmed
  - date: 2025-11-03
    title: "Older"
    url: https://example.com/b
releases:
- date: 2025-11-05
  company: Ucore Rare Metals Inc.
  title: "Release"
  url: https://example.com/r
media: []
---

Body.
`;

const entry = (date: string, extra: Partial<Entry> = {}): Entry => ({ date, title: `Piece of ${date}`, url: `https://example.com/${date}`, ...extra });

describe('insertEntry', () => {
  it('keeps the list newest first, above the comment of the older entry, adding only lines', () => {
    const after = insertEntry(parsed(DRAFT), 'headlines', entry('2025-11-04', { source: 'Reuters' }));
    expect(addedLines(DRAFT, after)).toEqual([
      '  - date: 2025-11-04',
      '    title: "Piece of 2025-11-04"',
      '    url: https://example.com/2025-11-04',
      '    source: Reuters',
    ]);
    expect(after.indexOf('2025-11-04')).toBeLessThan(after.indexOf('# The next one'));
    const dates = (parsed(after).data.headlines as Entry[]).map((e) => e.date);
    expect(dates).toEqual(['2025-11-06', '2025-11-04', '2025-11-03']);
  });

  it('puts the newest entry first and the oldest last', () => {
    const newest = insertEntry(parsed(DRAFT), 'headlines', entry('2025-11-07'));
    expect((parsed(newest).data.headlines as Entry[])[0]!.date).toBe('2025-11-07');
    const oldest = insertEntry(parsed(DRAFT), 'headlines', entry('2025-11-01'));
    expect((parsed(oldest).data.headlines as Entry[]).map((e) => e.date)).toEqual(['2025-11-06', '2025-11-03', '2025-11-01']);
    expect(addedLines(DRAFT, oldest)).toHaveLength(3);
  });

  it('after entries of the same date, in the key order and indentation of the list', () => {
    const after = insertEntry(parsed(DRAFT), 'releases', entry('2025-11-05', { company: 'Volta Metals Ltd.' }));
    expect(addedLines(DRAFT, after)).toEqual([
      '- date: 2025-11-05',
      '  company: Volta Metals Ltd.',
      '  title: "Piece of 2025-11-05"',
      '  url: https://example.com/2025-11-05',
    ]);
    expect((parsed(after).data.releases as Entry[]).map((e) => e.company)).toEqual(['Ucore Rare Metals Inc.', 'Volta Metals Ltd.']);
  });

  it('creates a missing list at the end of the front matter', () => {
    const after = insertEntry(parsed(DRAFT), 'interviews', entry('2025-11-02'));
    expect(addedLines(DRAFT, after)).toEqual([
      'interviews:',
      '  - date: 2025-11-02',
      '    title: "Piece of 2025-11-02"',
      '    url: https://example.com/2025-11-02',
    ]);
    expect(parsed(after).data.interviews).toEqual([entry('2025-11-02')]);
  });

  it('turns an empty [] into a block list', () => {
    const after = insertEntry(parsed(DRAFT), 'media', entry('2025-11-02'));
    expect(after).toContain('media:\n  - date: 2025-11-02\n');
    expect(parsed(after).data.media).toEqual([entry('2025-11-02')]);
  });

  it('quotes what YAML would misread, and keeps it on one line', () => {
    const tricky = entry('2025-11-02', { title: 'Copper: "up" #1\\ again', source: 'yes' });
    const after = insertEntry(parsed(DRAFT), 'headlines', tricky);
    expect((parsed(after).data.headlines as Entry[])[2]).toEqual(tricky);
  });

  it('refuses a list written in flow style with items', () => {
    const flow = DRAFT.replace('media: []', 'media: [{ date: 2025-11-01, title: x, url: "https://example.com/m" }]');
    expect(() => insertEntry(parsed(flow), 'media', entry('2025-11-02'))).toThrow('"media" is not written as a block list');
  });
});

describe('duplicate links', () => {
  it.each([
    ['https://example.com/b', 'https://example.com/b'],
    ['https://EXAMPLE.com/b/', 'http://example.com/b'],
    ['https://example.com/b?utm_source=x#top', 'https://example.com/b'],
    ['https://example.com/b?y=2&x=1', 'https://example.com/b?x=1&y=2'],
  ])('%s and %s are the same link', (a, b) => expect(normalizeUrl(a)).toBe(normalizeUrl(b)));

  it('finds a link in any list, and not a different one', () => {
    const draft = parsed(DRAFT);
    expect(findUrl(draft, ['headlines', 'releases'], 'https://example.com/r/')).toEqual({ section: 'releases', index: 0 });
    expect(findUrl(draft, ['headlines', 'releases'], 'https://example.com/b?id=2')).toBeUndefined();
  });
});

describe('pageMeta', () => {
  it('prefers og:title and article:published_time, decoding entities', () => {
    const html = `<html><head><title>Site | Copper</title>
      <meta property="og:title" content="Copper tops  $12,000 &amp; more">
      <meta property="article:published_time" content="2025-11-03T23:30:00-05:00"></head>
      <body><time datetime="2025-10-01">old</time></body></html>`;
    expect(pageMeta(html)).toEqual({ title: 'Copper tops $12,000 & more', date: '2025-11-03' });
  });

  it('falls back to <title> and the first <time datetime>', () => {
    const html = '<title>\n  Nickel &lt;slips&gt;\n</title><script>document.title = "no"</script><p><time datetime="2025-11-04T08:00Z">Nov 4</time>';
    expect(pageMeta(html)).toEqual({ title: 'Nickel <slips>', date: '2025-11-04' });
  });

  it('returns nothing it cannot find', () => {
    expect(pageMeta('<p>no metadata</p><time datetime="soon">')).toEqual({ title: undefined, date: undefined });
  });

  it.each([
    ['2025-11-03', '2025-11-03'],
    ['2025-02-30T10:00:00Z', undefined],
    ['Mon, 03 Nov 2025 10:00:00 GMT', '2025-11-03'],
    ['', undefined],
  ])('isoDay(%j) is %j', (value, day) => expect(isoDay(value)).toBe(day));
});
