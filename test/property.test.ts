import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../src/draft/load.js';
import { checkSource } from '../src/draft/read.js';
import { renderIssue, type IssueFiles } from '../src/render/issue.js';
import { loadTemplates, type Templates } from '../src/render/templates.js';
import type { Config } from '../src/schema/config.js';
import type { ValidDraft } from '../src/validate/digest.js';
import { hostileBody, rawDraft, REFUSED_IN_FIELDS, SEED, structuredDraft } from './helpers/arbitraries.js';
import { ROOT } from './helpers/cli.js';
import { dom, foreignMarkup, markup, unsafeParts } from './helpers/dom-safety.js';
import { projectConfig, renderDraft } from './helpers/sample.js';

let config: Config;
let templates: Templates;
/** The elements and attributes the templates produce for the sample issue, per HTML output. */
const templateMarkup = new Map<string, Set<string>>();

beforeAll(async () => {
  [config, templates] = await Promise.all([projectConfig(), loadTemplates(join(ROOT, 'templates'))]);
  const { files } = await renderDraft();
  for (const output of ['index.html', 'email.html'] as const) templateMarkup.set(output, markup(dom(files[output])));
});

/** Runs the whole pure pipeline on a draft's bytes: decode, parse, validate, and render when valid. */
function pipeline(file: string, text: string): { valid?: ValidDraft; files?: IssueFiles; problems: number } {
  const decoded = decodeText(file, new TextEncoder().encode(text));
  if (!decoded.source) return { problems: decoded.diagnostics.length };
  const { valid, diagnostics } = checkSource(decoded.source);
  for (const d of diagnostics) {
    expect(d.file).toBe(file);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.reason).not.toBe('');
  }
  if (!valid) return { problems: diagnostics.length };
  return { valid, files: renderIssue({ valid, config, templates }).files, problems: 0 };
}

/** Built HTML holds only the templates' markup and what the sanitizer allows, and nothing active. */
function expectSafeHtml(files: IssueFiles): void {
  for (const output of ['index.html', 'email.html'] as const) {
    const document = dom(files[output]);
    expect(unsafeParts(document, output)).toEqual([]);
    expect(foreignMarkup(document, templateMarkup.get(output)!)).toEqual([]);
  }
}

describe('any draft text', () => {
  it('ends in diagnostics with a position, or in rendered output; never in a throw', () => {
    let rendered = 0;
    fc.assert(
      fc.property(rawDraft, (text) => {
        const result = pipeline('digests/draft.md', text);
        expect(result.problems > 0 || result.files !== undefined).toBe(true);
        if (result.files) rendered++;
      }),
      { seed: SEED, numRuns: 2000 },
    );
    // Both ends must be exercised: drafts refused and drafts rendered.
    expect(rendered).toBeGreaterThan(50);
    expect(rendered).toBeLessThan(1900);
  });
});

/** Would the contract accept this text as a field? (non-blank, one visible line) */
const oneLine = (value: string) => !new RegExp(REFUSED_IN_FIELDS.source).test(value);
const acceptable = (value: string) => value.trim() !== '' && oneLine(value);

describe('generated titles, fields and bodies', () => {
  it('render HTML with only template markup and sanitizer-allowed markup, fields printed verbatim', () => {
    let rendered = 0;
    fc.assert(
      fc.property(structuredDraft, ({ data, text }) => {
        const { valid, files } = pipeline('digests/draft.md', text);
        const fields = [data.title, data.author, ...data.tags, ...data.headlines.flatMap((h) => [h.title, h.source])];
        // A NUL byte anywhere makes the file binary.
        const acceptedByContract = fields.every(acceptable) && oneLine(data.summary) && !text.includes('\u0000');
        expect(valid !== undefined, text).toBe(acceptedByContract);
        if (!files) return;
        rendered++;
        expectSafeHtml(files);
        expect(dom(files['index.html']).querySelector('h1')?.textContent).toBe(data.title);
        expect(files['email.txt'].split('\n')).toContain(data.title.trim().replace(/\s+/g, ' '));
      }),
      { seed: SEED, numRuns: 600 },
    );
    expect(rendered).toBeGreaterThan(150);
  });

  it('a hostile Markdown body renders only sanitizer-allowed markup', () => {
    fc.assert(
      fc.property(hostileBody, (body) => {
        const { files } = pipeline('digests/draft.md', `---\ntitle: Body\ndate: 2025-11-08\n---\n\n${body}\n`);
        if (files) expectSafeHtml(files);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
