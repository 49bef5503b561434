import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECTION_KEYS } from '../src/schema/digest.js';
import { alignColumns, hang, wrap } from '../src/render/wrap.js';
import { SEED } from './helpers/arbitraries.js';
import { renderDraft } from './helpers/sample.js';

/** Wrapping written the plain way: words, then tickers joined, then lines filled. */
function referenceWrap(text: string, width: number, first: string, rest: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    if (next !== undefined && /^\(?[A-Z][A-Za-z]{1,6}:$/.test(words[i]!)) {
      kept.push(`${words[i]} ${next}`);
      i++;
    } else kept.push(words[i]!);
  }
  const lines: string[] = [];
  let line = first;
  kept.forEach((word, i) => {
    if (i > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else line += (i > 0 ? ' ' : '') + word;
  });
  if (kept.length > 0 || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

describe('wrap', () => {
  it('wraps at the width without splitting words', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
  it('keeps a URL longer than the line whole, on its own line', () => {
    const url = `https://example.com/${'a'.repeat(90)}`;
    expect(wrap(`see ${url} now`, 78)).toEqual(['see', url, 'now']);
  });
  it('never breaks a ticker between exchange and symbol', () => {
    expect(wrap('shares of Larvotto (ASX: LRV) rose', 22)).toEqual(['shares of Larvotto', '(ASX: LRV) rose']);
  });
  it('hangs continuation lines under the text', () => {
    expect(hang('Oct 1 – ', 'alpha beta gamma delta', 10, 24)).toEqual(['Oct 1 –   alpha beta', '          gamma delta']);
  });
  it('gives the lines of the plain word-by-word wrapping on any text', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', '  ', '\n', '\t', '\u00A0', '\u2028', '(ASX:', 'ASX:', 'TSXV:', 'A:', 'Lynas', 'LRV)', 'x'.repeat(90), 'word'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(' '));
    const prefix = fc.constantFrom('', '  ', 'Oct 1 –   ');
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 90 }), prefix, prefix, (input, width, first, rest) => {
        expect(wrap(input, width, first, rest)).toEqual(referenceWrap(input, width, first, rest));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('aligns columns, numbers to the right', () => {
    expect(alignColumns([['Name', 'Price'], ['Copper', '12,000'], ['Tin', '9']])).toEqual([
      'Name     Price',
      'Copper  12,000',
      'Tin          9',
    ]);
  });
});

describe('email.txt of the sample issue', () => {
  let text: string;
  let lines: string[];
  let sample: Awaited<ReturnType<typeof renderDraft>>;
  beforeAll(async () => {
    sample = await renderDraft();
    text = sample.files['email.txt'];
    lines = text.split('\n');
  });

  it('has no line over 78 columns', () => {
    expect(lines.filter((line) => [...line].length > 78)).toEqual([]);
  });

  it('lists every entry as "date – title [n]" and resolves each [n] to the entry URL', () => {
    const references = new Map(
      [...text.matchAll(/^\[(\d+)\] (\S+)$/gm)].map((m) => [Number(m[1]), m[2]] as const),
    );
    const entries = SECTION_KEYS.flatMap((key) => sample.valid.digest[key] ?? []);
    const flowing = text.replace(/\n +/g, ' ');
    for (const entry of entries) {
      const match = new RegExp(`^(\\w+ \\d+, \\d{4}) – (.+?) \\[(\\d+)\\]$`, 'm');
      const line = flowing.split('\n').find((l) => l.includes(entry.title));
      expect(line, entry.title).toBeDefined();
      const [, date, , n] = match.exec(line!)!;
      expect(date).toBe(new Date(`${entry.date}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', dateStyle: 'long' }));
      expect(references.get(Number(n))).toBe(entry.url);
    }
  });

  it('leaves no Markdown syntax, HTML tags or entities behind', () => {
    expect(text).not.toMatch(/\*\*|__|^#+ |\]\(|<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/im);
  });

  it('sets the title and section headings off with underlines', () => {
    const title = lines.indexOf(sample.valid.digest.title);
    expect(lines[title + 1]).toBe('='.repeat(sample.valid.digest.title.length));
    const section = lines.indexOf(sample.config.sections.releases);
    expect(lines[section + 1]).toBe('-'.repeat(sample.config.sections.releases.length));
  });

  it('prints the market table as aligned columns', () => {
    const header = lines.findIndex((line) => line.startsWith('Market '));
    const rows = lines.slice(header, header + 4);
    expect(rows[1]).toMatch(/^Copper\s+LME\s+USD 12,000\/t$/);
    expect(rows[3]).toMatch(/^Lithium carbonate\s+China spot\s+CNY 122,000\/t\s+\+8%$/);
    const venueColumn = rows.map((row) => row.search(/LME|China spot|Venue/));
    expect(new Set(venueColumn).size).toBe(1);
  });

  it('keeps tickers and prices of the editorial untouched', () => {
    expect(text.replace(/\n/g, ' ')).toContain('Ucore Rare Metals Inc. (TSXV: UCU | OTCQX: UURAF)');
    expect(text).toContain('122,000 yuan');
  });
});
