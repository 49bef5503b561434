import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastYamlData } from '../src/draft/fast-yaml.js';
import { LineIndex } from '../src/diagnostics/lines.js';
import { parseYaml } from '../src/draft/yaml.js';
import { ROOT } from './helpers/cli.js';

/** What the `yaml` package, as cmr configures it, makes of a text: its data, or a refusal. */
function slowPath(yaml: string): { ok: true; value: unknown } | { ok: false } {
  const result = parseYaml(yaml, 'draft.md', new LineIndex(yaml), 0);
  return result.diagnostics.length > 0 ? { ok: false } : { ok: true, value: result.data };
}

/** The fast path may decline (undefined); when it answers, the `yaml` package must agree. */
function agrees(yaml: string): void {
  const fast = fastYamlData(yaml);
  if (fast === undefined) return;
  const slow = slowPath(yaml);
  expect(slow, `the yaml package refuses what js-yaml accepted:\n${yaml}`).toEqual({ ok: true, value: fast.value });
}

// Pieces of front matter chosen where YAML parsers are known to differ: scalar resolution,
// quoting, flow collections, comments, indentation, anchors, tags, keys.
const scalar = fc.constantFrom(
  'plain text', 'yes', 'no', 'on', 'Off', 'true', 'True', 'FALSE', 'null', 'Null', '~', '', '12000', '+1', '-0', '-00', '-0e1', '-0.0', '-0.7', '-.5', '+.5', '+0.5', '1_000', '0o17',
  '0x1F', '0b11', '012', '1e3', '.5', '1.', '.inf', '-.Inf', '.NaN', '2025-11-01', '2025-11-01T10:00:00Z', '"quoted"', "'single'",
  '"with \\"escape\\""', '"bad \\q escape"', "'it''s'", '"unclosed', '"a"#glued', 'x # comment', '[1, 2]', '{a: 1}', '[1,', '{a: 1',
  '&anchor value', '*anchor', '!tag value', '& x', '* x', '! x', 'Rare & Co', 'a * b', 'Hi!', '!!str 5', '!!binary aGk=', '<<', 'a: b', ': x', '- item', '|', '>', '"S&P 500"',
  'China’s quota', "Lynas' plant", '@handle', '`tick`', '%percent', 'https://example.com/a?b=c#d', '"multi\n  line"', "'multi\n  line'",
);
const key = fc.constantFrom('title', 'date', 'title', 'tags', 'a b', '"quoted key"', '1', '"1"', '? complex', 'url');
const indent = fc.constantFrom('', '  ', '   ', '\t', ' ');
const line = fc.oneof(
  fc.tuple(indent, key, scalar).map(([i, k, v]) => `${i}${k}: ${v}`),
  fc.tuple(indent, scalar).map(([i, v]) => `${i}- ${v}`),
  fc.tuple(indent, key).map(([i, k]) => `${i}${k}:`),
  fc.tuple(indent, scalar).map(([i, v]) => `${i}${v}`),
  fc.constantFrom('# comment', '', '---', '...', '%YAML 1.1', '  |', '    block text'),
);
const document = fc.array(line, { minLength: 1, maxLength: 8 }).map((lines) => lines.join('\n'));

describe('the fast front matter path (js-yaml) agrees with the yaml package', () => {
  it('on generated front matter, valid and invalid', () => {
    fc.assert(fc.property(document, (yaml) => agrees(yaml)), { numRuns: 4000, seed: 7 });
  });

  it('on the front matter of every fixture and sample draft', async () => {
    const folders = ['digests', 'fixtures/valid', 'fixtures/invalid'];
    for (const folder of folders) {
      for (const name of await readdir(join(ROOT, folder))) {
        const text = await readFile(join(ROOT, folder, name), 'utf8');
        agrees(text.split(/^---[ \t]*$/m)[1] ?? text);
      }
    }
  });

  it('reads ordinary front matter itself, with the same data', () => {
    const yaml = 'title: "Copper: a record"\ndate: 2025-11-01\ntags: [copper, lithium]\nmarkets:\n  - name: Copper\n    price: 12000\n';
    expect(fastYamlData(yaml)).toEqual({ value: parseDocument(yaml).toJS() });
  });

  it('reads escaped quotes, flow lists, comments and blank lines itself', () => {
    const yaml = 'title: "say \\"hi"\n# a comment\ntags: [a, b] # and another\nlinks:\n  - a\n\n  - b\n';
    expect(fastYamlData(yaml)).toEqual({ value: parseDocument(yaml).toJS() });
  });

  it('reads a price change below one itself', () => {
    expect(fastYamlData('markets:\n  - change_pct: -0.7\n  - change_pct: -0.0\n')).toEqual({ value: { markets: [{ change_pct: -0.7 }, { change_pct: -0 }] } });
  });

  it.each([
    ['a duplicate key', 'title: a\ntitle: b'],
    ['tab indentation', 'tags:\n\t- a'],
    ['an unknown tag', 'title: !foo x'],
    ['an alias', 'a: &x 1\nb: *x'],
    ['a quoted value over two lines', 'title: "a\nb: c'],
    ['a YAML 1.1 binary number', 'price: 0b11'],
    ['a flow list over two lines', 'tags: [a,\n  b]'],
    ['an escaped quote that leaves a quote open', 'title: "a \\" b'],
    ['a quoted value continued after a backslash', 'title: "a \\\n b"'],
    ['a first line away from the margin', ' title: x\n'],
    ['a line over 1,000 characters', `title: ${'x'.repeat(1000)}`],
    ['a negative zero without a point', 'change_pct: -0'],
    ['a sign before a point', 'change_pct: +.5'],
  ])('leaves %s to the yaml package', (_, yaml) => {
    expect(fastYamlData(yaml)).toBeUndefined();
  });
});

/**
 * The fast path's checks written the plain way, one pattern and one line at a time: the
 * faster checks must send exactly the same texts to the yaml package.
 */
function plainNeedsFullParser(yaml: string): boolean {
  const pattern = /(?:^|[\s[{,])(?:[&*!](?=\S)|\?(?:\s|$))|^%|^(?:---|\.\.\.)|\t|<<|["'\]}]#|(?:^|[\s[{,:])(?:[-+]?0[box]|[-+]\.|-0(?!\.))|(?:^|\s)[|>][-+\d]*[ ]*(?:#.*)?$/im;
  if (pattern.test(yaml)) return true;
  const lines = yaml.split('\n');
  return !indentsNest(lines) || lines.some((line) => {
    if (line.length > 1000) return true;
    const plain = line.replace(/\\./g, '');
    const count = (found: RegExp) => plain.match(found)?.length ?? 0;
    return count(/"/g) % 2 === 1 || count(/'/g) % 2 === 1 || count(/[[{]/g) !== count(/[\]}]/g);
  });
}

function indentsNest(lines: readonly string[]): boolean {
  const levels: number[] = [];
  for (const line of lines) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    if (levels.length === 0) {
      if (indent !== 0) return false;
      levels.push(0);
    }
    while (indent < levels.at(-1)!) levels.pop();
    if (levels.length === 0) return false;
    if (indent > levels.at(-1)!) levels.push(indent);
    if (levels.at(-1) !== indent) return false;
  }
  return true;
}

describe('the checks in front of the fast path', () => {
  // Characters that matter to the checks, in runs that make tokens, numbers, indentation and long lines.
  const mark = fc.constantFrom(
    '&', '*', '!', '?', '%', '-', '+', '.', '0', 'b', 'O', 'x', '1', '\t', '<', '#', '"', "'", '\\', '[', ']', '{', '}', ',', ':',
    '|', '>', ' ', '  ', '\n', '\n', '\n  ', '\n    ', '\r', '\u00A0', '\u2028', 'a', 'key: ', '- ', 'x'.repeat(500),
  );
  const text = fc.array(mark, { maxLength: 24 }).map((marks) => marks.join(''));

  it('send exactly the texts the plain checks send to the yaml package', () => {
    fc.assert(
      fc.property(text, (yaml) => {
        let plain: unknown;
        try {
          plain = plainNeedsFullParser(yaml) ? undefined : { value: jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA }) ?? null };
        } catch {
          plain = undefined;
        }
        expect(fastYamlData(yaml)).toEqual(plain);
      }),
      { numRuns: 20000, seed: 7 },
    );
  });
});
