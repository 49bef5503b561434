import { describe, expect, it } from 'vitest';
import { parseDraft } from '../src/draft/parse.js';
import { locate } from '../src/draft/locate.js';
import { isRealDate, isWebUrl } from '../src/schema/fields.js';
import { digestSchema } from '../src/schema/digest.js';
import { closest } from '../src/schema/suggest.js';
import { validateDraft } from '../src/validate/digest.js';

describe('field checks', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
  ])('isRealDate(%s) is %s', (value, expected) => expect(isRealDate(value)).toBe(expected));

  it.each([
    ['https://bit.ly/47DPWod', true],
    ['http://example.com/a', true],
    ['ftp://example.com/a', false],
    ['javascript:alert(1)', false],
    ['/relative/path', false],
    ['https://exa mple.com', false],
  ])('isWebUrl(%s) is %s', (value, expected) => expect(isWebUrl(value)).toBe(expected));

  it('suggests the closest known key for a typo, and nothing for a stranger', () => {
    const keys = Object.keys(digestSchema.shape);
    expect(closest('headline', keys)).toBe('headlines');
    expect(closest('titel', keys)).toBe('title');
    expect(closest('price_history', keys)).toBeUndefined();
  });
});

describe('position mapping', () => {
  const text = [
    '---',
    'title: "A title"',
    'date: 2025-11-01',
    'releases:',
    '  - date: 2025-10-31',
    '    title: "First"',
    '    url: https://example.com/a',
    '  - date: 2025-10-30',
    '    title: 42',
    '    url: https://example.com/b',
    '---',
    'Body',
  ].join('\n');
  const parsed = parseDraft({ file: 'x.md', text });

  it('points a field path at its value', () => {
    const place = locate(parsed.draft!, ['releases', 1, 'title']);
    expect(place.start).toMatchObject({ line: 9, column: 12 });
    expect(place.end).toMatchObject({ line: 9, column: 14 });
  });

  it('points a missing field at the entry that lacks it', () => {
    expect(locate(parsed.draft!, ['releases', 0, 'company']).start).toMatchObject({ line: 5, column: 5 });
  });

  it('gives zod issues those positions', () => {
    const { diagnostics } = validateDraft(parsed.draft!);
    expect(diagnostics.map((d) => [d.line, d.column, d.field, d.reason])).toEqual([
      [9, 12, 'releases.1.title', '"title" must be text, not the number 42'],
    ]);
  });

  it('accepts CRLF line endings and a BOM with the same result as LF', async () => {
    const { decodeText } = await import('../src/draft/load.js');
    const bytes = new TextEncoder().encode(`\uFEFF${text.replace(/\n/g, '\r\n')}`);
    const decoded = decodeText('x.md', bytes);
    expect(decoded.source?.text).toBe(text);
  });
});
