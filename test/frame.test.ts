import { describe, expect, it } from 'vitest';
import { diagnostic } from '../src/diagnostics/diagnostic.js';
import { LineIndex } from '../src/diagnostics/lines.js';
import { codeFrame } from '../src/report/frame.js';

describe('codeFrame', () => {
  const text = 'title: "A"\ndate: 2025-02-30\nsummary: "B"';
  const lines = new LineIndex(text);

  it('shows the line before and after, with carets under the span', () => {
    const d = diagnostic('not a date', { file: 'x.md', rule: 'schema', place: lines.span(17, 27) });
    expect(codeFrame(text, d)).toEqual([
      { number: 1, text: 'title: "A"', focus: false },
      { number: 2, text: 'date: 2025-02-30', focus: true },
      { text: '      ^^^^^^^^^^', focus: true },
      { number: 3, text: 'summary: "B"', focus: false },
    ]);
  });

  it('underlines to the end of the line when the span runs past it', () => {
    const d = diagnostic('bad', { file: 'x.md', rule: 'schema', place: lines.span(0, 20) });
    expect(codeFrame(text, d, 0)).toEqual([
      { number: 1, text: 'title: "A"', focus: true },
      { text: '^'.repeat(10), focus: true },
    ]);
  });
});
