import { describe, expect, it } from 'vitest';
import { diagnostic } from '../src/diagnostics/diagnostic.js';
import { LineIndex } from '../src/diagnostics/lines.js';
import { useColor } from '../src/report/color.js';
import { formatGithub } from '../src/report/github.js';
import { formatJson } from '../src/report/json.js';
import { formatPretty } from '../src/report/pretty.js';

const text = '---\ntitle: "Copper"\ndate: 2025-11-01\n---\n';
const lines = new LineIndex(text);
const problem = diagnostic('a problem: 100%, really', {
  file: 'digests/a,b.md',
  rule: 'entry-order',
  severity: 'warn',
  place: lines.span(26, 36),
  field: 'date',
});
const ESC = String.fromCharCode(27);

describe('pretty report', () => {
  it('puts file:line:column first, then the frame, then the summary', () => {
    const report = formatPretty([problem], 1, { sources: new Map([['digests/a,b.md', text]]) });
    expect(report.split('\n')).toEqual([
      'digests/a,b.md:3:7  warning  a problem: 100%, really  (date)  entry-order',
      '    2 | title: "Copper"',
      '  > 3 | date: 2025-11-01',
      '      |       ^^^^^^^^^^',
      '    4 | ---',
      '',
      '✖ 0 errors and 1 warning in 1 draft',
    ]);
  });

  it('colours only when asked, and then keeps the same text', () => {
    const plain = formatPretty([problem], 1, { sources: new Map([['digests/a,b.md', text]]) });
    const coloured = formatPretty([problem], 1, { sources: new Map([['digests/a,b.md', text]]), color: true });
    expect(plain).not.toContain(ESC);
    expect(coloured).toContain(`${ESC}[33mwarning${ESC}[39m`);
    expect(coloured.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(plain);
  });

  it('colour is for terminals without NO_COLOR', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, {})).toBe(false);
  });
});

describe('json report', () => {
  it('is an array of the documented fields only', () => {
    expect(JSON.parse(formatJson([problem]))).toEqual([
      {
        file: 'digests/a,b.md',
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 17,
        severity: 'warning',
        rule: 'entry-order',
        message: 'a problem: 100%, really',
      },
    ]);
    expect(JSON.parse(formatJson([]))).toEqual([]);
  });
});

describe('github report', () => {
  it('escapes the file name and the message so the command stays well formed', () => {
    const multiline = diagnostic('placeholder', { file: 'x.md', rule: 'schema', place: lines.span(0, 3) });
    // diagnostic() escapes control characters itself; the reporter must stay safe without that.
    multiline.reason = 'first line\nsecond line';
    expect(formatGithub([problem, multiline], 2).split('\n')).toEqual([
      '::warning file=digests/a%2Cb.md,line=3,col=7,endLine=3,endColumn=17,title=cmr entry-order::a problem: 100%25, really',
      '::error file=x.md,line=1,col=1,endLine=1,endColumn=4,title=cmr schema::first line%0Asecond line',
      '✖ 1 error and 1 warning in 2 drafts',
    ]);
  });
});
