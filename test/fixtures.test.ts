import { describe, expect, it } from 'vitest';
import { readDraft } from '../src/draft/read.js';
import { cmr } from './helpers/cli.js';

interface Expected {
  line: number;
  column: number;
  rule: string;
  message: string;
  field?: string;
}

/** Every invalid fixture, with the one diagnostic it must produce, exactly. */
const INVALID: Record<string, Expected> = {
  'missing-title.md': { line: 2, column: 1, rule: 'schema', field: 'title', message: '"title" is required' },
  'bad-date-format.md': { line: 3, column: 7, rule: 'schema', field: 'date', message: 'expected a date written YYYY-MM-DD, got "08/11/2025"' },
  'nonexistent-date.md': { line: 3, column: 7, rule: 'schema', field: 'date', message: '2025-02-30 is not a date that exists' },
  'non-url-link.md': {
    line: 8,
    column: 10,
    rule: 'schema',
    field: 'headlines.0.url',
    message: 'expected an absolute http(s) URL, got "example.com/copper-steadies"',
  },
  'javascript-url.md': {
    line: 8,
    column: 10,
    rule: 'schema',
    field: 'headlines.0.url',
    message: 'expected an absolute http(s) URL, got "javascript:alert(1)"',
  },
  'wrong-type-list.md': {
    line: 5,
    column: 12,
    rule: 'schema',
    field: 'headlines',
    message: '"headlines" must be a list, not text ("Copper steadies near its record")',
  },
  'wrong-type-price.md': {
    line: 7,
    column: 12,
    rule: 'schema',
    field: 'markets.0.price',
    message: '"price" must be a number, not text ("about twelve thousand")',
  },
  'unknown-key.md': { line: 5, column: 1, rule: 'schema', field: 'headline', message: 'unknown key "headline" (did you mean "headlines"?)' },
  'unknown-entry-key.md': {
    line: 9,
    column: 5,
    rule: 'schema',
    field: 'headlines.0.sorce',
    message: 'unknown key "sorce" (did you mean "source"?)',
  },
  'entry-missing-fields.md': { line: 6, column: 5, rule: 'schema', field: 'headlines.0.title', message: '"title" is required' },
  'bad-currency.md': {
    line: 8,
    column: 15,
    rule: 'schema',
    field: 'markets.0.currency',
    message: 'currency must be a three-letter ISO 4217 code such as USD',
  },
  'yaml-syntax.md': { line: 2, column: 32, rule: 'yaml-syntax', message: 'YAML: a quote, bracket or brace is not closed' },
  'duplicate-key.md': { line: 4, column: 1, rule: 'yaml-syntax', message: 'YAML: duplicate key: each key may appear only once in a mapping' },
  'tab-indent.md': { line: 9, column: 1, rule: 'yaml-syntax', message: 'YAML: tabs are not allowed for indentation in YAML; indent with spaces' },
  'no-front-matter.md': {
    line: 1,
    column: 1,
    rule: 'front-matter',
    message: 'no front matter: a draft starts with a line of three dashes (---), then YAML, then another ---',
  },
  'empty.md': {
    line: 1,
    column: 1,
    rule: 'front-matter',
    message: 'the draft is empty: it needs front matter between two lines of ---, then the editorial',
  },
  'unclosed-front-matter.md': {
    line: 1,
    column: 1,
    rule: 'front-matter',
    message: 'the front matter is never closed: add a line of three dashes (---) after it',
  },
  'not-a-mapping.md': {
    line: 2,
    column: 1,
    rule: 'front-matter',
    message: 'the front matter must be a mapping of keys to values (title: …, date: …)',
  },
  'javascript-front-matter.md': { line: 1, column: 1, rule: 'front-matter', message: 'front matter must be YAML; "---js" is not accepted' },
  '2025-11-15.md': {
    line: 3,
    column: 7,
    rule: 'file-name-date',
    field: 'date',
    message: 'the file is named 2025-11-15 but its date is 2025-11-08; rename the file or fix the date',
  },
};

describe('invalid fixtures', () => {
  for (const [name, expected] of Object.entries(INVALID)) {
    it(`${name}: one diagnostic at ${expected.line}:${expected.column}`, async () => {
      const file = `fixtures/invalid/${name}`;
      const { valid, diagnostics } = await readDraft(file);
      expect(valid).toBeUndefined();
      expect(
        diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, rule: d.ruleId, message: d.reason, field: d.field })),
      ).toEqual([{ file, field: undefined, ...expected }]);
    });
  }

  it('cmr check reports every problem of every file in one run, then exits 1', async () => {
    const run = await cmr(['check', 'fixtures/invalid']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    // Problem lines start at the margin; the code frames under them are indented.
    const problems = lines.slice(0, -1).filter((line) => line !== '' && !line.startsWith(' '));
    expect(problems).toHaveLength(Object.keys(INVALID).length);
    for (const [name, e] of Object.entries(INVALID)) {
      const field = e.field ? `  (${e.field})` : '';
      expect(problems).toContain(`fixtures/invalid/${name}:${e.line}:${e.column}  error  ${e.message}${field}  ${e.rule}`);
    }
    expect(lines.at(-1)).toBe(`✖ ${Object.keys(INVALID).length} errors and 0 warnings in ${Object.keys(INVALID).length} drafts`);
  });
});

describe('valid fixtures', () => {
  it('the sample digest passes even with warnings counted as errors', async () => {
    const run = await cmr(['check', '--strict', 'digests']);
    expect(run).toMatchObject({ code: 0, stdout: '✔ 1 draft checked, no problems\n' });
  });

  it('the minimal draft is valid: its one warning, for the missing summary, does not fail the run', async () => {
    const run = await cmr(['check', 'fixtures/valid']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'fixtures/valid/minimal.md:2:1  warning  no summary: the email preheader and the feed description will be empty  (summary)  summary-length',
    );
    expect(lines.at(-1)).toBe('✖ 0 errors and 1 warning in 1 draft');
  });
});
