import { describe, expect, it } from 'vitest';
import { parseDraft } from '../src/draft/parse.js';
import { fieldLimits } from '../src/limits/fields.js';
import { DEFAULT_LIMITS } from '../src/limits/limits.js';

describe('fieldLimits', () => {
  it('names each problem after its field, with its full path and place, lists within lists included', () => {
    const limits = { ...DEFAULT_LIMITS, list_entries: 1, title_chars: 10 };
    const text = [
      '---',
      'title: "Copper \\u202Erecord"',
      'tags:',
      '  - ok',
      '  - - "x\\u0007"',
      'markets:',
      '  - name: Copper',
      '    note: "line\\nbreak"',
      'headlines:',
      '  - title: A title longer than ten',
      '---',
      'body',
      '',
    ].join('\n');
    const { draft } = parseDraft({ file: 'digests/d.md', text }, limits);
    expect(fieldLimits(draft!, limits).map((d) => [d.field, d.line, d.column, d.reason])).toEqual([
      ['headlines.0.title', 10, 12, '"title" is 23 characters long; the limit is 10 (limits.title_chars)'],
      ['markets.0.note', 8, 11, '"note" must fit on one line; it contains a line break (fold long text with >- instead of | or >)'],
      ['tags.1', 5, 5, '"tags" has 2 entries; the limit is 1 (limits.list_entries)'],
      ['tags.1.0', 5, 7, '"tags" contains the invisible control character U+0007; remove it'],
      ['title', 2, 8, '"title" contains the invisible control character U+202E; remove it'],
    ]);
  });

  it('counts a title in characters, not UTF-16 units, and only titles', () => {
    const limits = { ...DEFAULT_LIMITS, title_chars: 3 };
    const text = '---\ntitle: "🪨🪨🪨"\nsummary: "a summary longer than three"\n---\nbody\n';
    expect(fieldLimits(parseDraft({ file: 'digests/d.md', text }, limits).draft!, limits)).toEqual([]);
  });
});
