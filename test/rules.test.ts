import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonProblem } from '../src/report/json.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { GMAIL_CLIP_BYTES } from '../src/rules/email-size.js';
import { RULE_IDS } from '../src/rules/registry.js';
import { cmr, type Run } from './helpers/cli.js';
import { renderDraft } from './helpers/sample.js';

/** The drafts of every rule's fixture folder. */
const draftsUnder = (dir: string) => readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.md')).length;

type Expected = JsonProblem & { field?: string };

const at = (rule: string, name = 'triggers') => `fixtures/rules/${rule}/${name}.md`;

/** Every diagnostic the rule fixtures produce, exactly; `passes.md` of every rule produces none. */
const EXPECTED: Record<string, Omit<Expected, 'file' | 'rule'>[]> = {
  'entry-date-window': [
    {
      line: 6, column: 11, endLine: 6, endColumn: 21, severity: 'error', field: 'headlines.0.date',
      message: 'headlines[0] is dated 2025-06-09, after the issue date 2025-06-07',
    },
    {
      line: 14, column: 11, endLine: 14, endColumn: 21, severity: 'error', field: 'headlines.2.date',
      message: 'headlines[2] is dated 2025-05-29, 9 days before the issue date 2025-06-07 (window_days: 8)',
    },
  ],
  'entry-order': [
    {
      line: 14, column: 11, endLine: 14, endColumn: 21, severity: 'warning', field: 'headlines.2.date',
      message: 'headlines[2] (2025-06-19) is newer than the entry above it (2025-06-18); lists run newest first',
    },
  ],
  'duplicate-url': [
    {
      line: 13, column: 10, endLine: 13, endColumn: 91, severity: 'error', field: 'releases.0.url',
      message: 'the same URL as headlines[0] (line 8)',
    },
  ],
  'duplicate-title': [
    {
      line: 12, column: 12, endLine: 12, endColumn: 45, severity: 'error', field: 'media.0.title',
      message: 'the same title as headlines[0] (line 7)',
    },
  ],
  'repeat-from-earlier-issue': [
    {
      line: 8, column: 10, endLine: 8, endColumn: 71, severity: 'warning', field: 'headlines.0.url',
      message: 'this URL already ran in the issue of 2025-08-02, fixtures/rules/repeat-from-earlier-issue/earlier.md:8',
    },
  ],
  'ticker-format': [
    {
      line: 12, column: 34, endLine: 12, endColumn: 39, severity: 'warning',
      message: 'unknown exchange "NASDQ" in the ticker (NASDQ: EXLI | TSX: EXL) (did you mean "NASDAQ"?)',
    },
  ],
  'bare-url': [
    {
      line: 12, column: 18, endLine: 12, endColumn: 53, severity: 'warning',
      message: 'https://example.org/bu/t/filing.pdf is plain text, not a link; write <https://example.org/bu/t/filing.pdf> or [words](https://example.org/bu/t/filing.pdf)',
    },
    {
      line: 13, column: 17, endLine: 13, endColumn: 37, severity: 'warning',
      message: 'www.example.net/bu/t is plain text, not a link; write <https://www.example.net/bu/t> or [words](https://www.example.net/bu/t)',
    },
  ],
  'insecure-url': [
    {
      line: 8, column: 10, endLine: 8, endColumn: 47, severity: 'warning', field: 'headlines.0.url',
      message: 'headlines[0] links with http://; use https:// (http://example.com/iu/t/chromite-road)',
    },
    {
      line: 12, column: 42, endLine: 12, endColumn: 75, severity: 'warning',
      message: 'the body links with http://; use https:// (http://example.org/iu/t/study.pdf)',
    },
  ],
  'summary-length': [
    {
      line: 4, column: 10, endLine: 4, endColumn: 161, severity: 'warning', field: 'summary',
      message: 'the summary is 149 characters; inboxes show about 140 of a preheader',
    },
  ],
  'email-size': [], // filled in from the rendered email below
  'empty-section': [
    {
      line: 10, column: 8, endLine: 10, endColumn: 10, severity: 'warning', field: 'media',
      message: '"media" is an empty list; add entries or remove the key',
    },
  ],
  'title-whitespace': [
    {
      line: 7, column: 12, endLine: 7, endColumn: 50, severity: 'warning', field: 'headlines.0.title',
      message: 'the title of headlines[0] has double spaces',
    },
    {
      line: 11, column: 12, endLine: 11, endColumn: 40, severity: 'warning', field: 'headlines.1.title',
      message: 'the title of headlines[1] has leading spaces',
    },
  ],
};

function expectedOf(rule: string): Expected[] {
  return EXPECTED[rule]!.map((e) => ({ file: at(rule), rule, ...e }));
}

const runs: Record<'pretty' | 'json' | 'github', Run> = {} as never;

beforeAll(async () => {
  // The email-size fixture is measured here on the email as `cmr build` renders it.
  const { files } = await renderDraft(at('email-size'));
  const bytes = Buffer.byteLength(files['email.html']);
  expect(bytes).toBeGreaterThan(GMAIL_CLIP_BYTES);
  const kb = (bytes / 1024).toFixed(1);
  EXPECTED['email-size'] = [
    {
      line: 1, column: 1, endLine: 1, endColumn: 4, severity: 'error',
      message: `the email HTML of this issue is ${kb} KB; Gmail clips messages over 102 KB, so shorten the lists or the editorial`,
    },
  ];
  const [pretty, json, github] = await Promise.all(
    (['pretty', 'json', 'github'] as const).map((format) => cmr(['check', '--format', format, 'fixtures/rules'])),
  );
  Object.assign(runs, { pretty: pretty!, json: json!, github: github! });
});

describe('rule fixtures', () => {
  it('cover every rule of the registry', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...RULE_IDS].sort());
  });

  it('exit 1 in every format, since some rules default to error', () => {
    expect([runs.pretty.code, runs.json.code, runs.github.code]).toEqual([1, 1, 1]);
  });

  for (const rule of Object.keys(EXPECTED)) {
    describe(rule, () => {
      it('json: triggers.md gives exactly the expected problems, passes.md none', () => {
        const problems = JSON.parse(runs.json.stdout) as JsonProblem[];
        const inFolder = problems.filter((p) => p.file.startsWith(`fixtures/rules/${rule}/`));
        expect(inFolder).toEqual(expectedOf(rule).map(({ field: _field, ...problem }) => problem));
      });

      it('pretty: one line per problem, file:line:column first', () => {
        const lines = runs.pretty.stdout.split('\n').filter((line) => line.startsWith(`fixtures/rules/${rule}/`));
        const field = (e: Expected) => (e.field ? `  (${e.field})` : '');
        expect(lines).toEqual(
          expectedOf(rule).map((e) => `${e.file}:${e.line}:${e.column}  ${e.severity}  ${e.message}${field(e)}  ${rule}`),
        );
      });

      it('github: one workflow command per problem', () => {
        const lines = runs.github.stdout.split('\n').filter((line) => line.includes(`file=fixtures/rules/${rule}/`));
        expect(lines).toEqual(
          expectedOf(rule).map(
            (e) =>
              `::${e.severity} file=${e.file},line=${e.line},col=${e.column},endLine=${e.endLine},endColumn=${e.endColumn},` +
              `title=cmr ${rule}::${escapeData(e.message)}`,
          ),
        );
      });
    });
  }

  it('pretty: a code frame follows each problem, with a caret under it', () => {
    const lines = runs.pretty.stdout.split('\n');
    const head = lines.indexOf(
      'fixtures/rules/ticker-format/triggers.md:12:34  warning  unknown exchange "NASDQ" in the ticker (NASDQ: EXLI | TSX: EXL) (did you mean "NASDAQ"?)  ticker-format',
    );
    expect(lines.slice(head + 1, head + 5)).toEqual([
      '    11 |',
      '  > 12 | Shares of Example Lithium Corp. (NASDQ: EXLI | TSX: EXL) rose after the raise.',
      '       |                                  ^^^^^',
      '    13 |',
    ]);
  });

  it('the summary line counts errors and warnings of the whole run', () => {
    const all = Object.values(EXPECTED).flat();
    const errors = all.filter((e) => e.severity === 'error').length;
    const summary = `✖ ${errors} errors and ${all.length - errors} warnings in ${draftsUnder('fixtures/rules')} drafts`;
    expect(runs.pretty.stdout.trimEnd().split('\n').at(-1)).toBe(summary);
    expect(runs.github.stdout.trimEnd().split('\n').at(-1)).toBe(summary);
  });

  it('github: every other line is a well-formed workflow command', () => {
    const lines = runs.github.stdout.trimEnd().split('\n').slice(0, -1);
    expect(lines).toHaveLength(Object.values(EXPECTED).flat().length);
    const property = '[A-Za-z]+=[^,:\\r\\n]*';
    const command = new RegExp(`^::(error|warning) ${property}(,${property})*::[^\\r\\n]*$`);
    for (const line of lines) expect(line).toMatch(command);
  });
});

describe('github escaping', () => {
  it('escapes % and line breaks in messages, and also , and : in properties', () => {
    expect(escapeData('50% of\r\nit: a, b')).toBe('50%25 of%0D%0Ait: a, b');
    expect(escapeProperty('C:\\drafts\\a,b.md')).toBe('C%3A\\drafts\\a%2Cb.md');
  });
});
