import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECTION_KEYS } from '../src/schema/digest.js';
import { renderDraft } from './helpers/sample.js';

type Rendered = Awaited<ReturnType<typeof renderDraft>>;
let sample: Rendered;

beforeAll(async () => {
  sample = await renderDraft();
});

const dom = (html: string) => parseHTML(html).document;

describe.each(['index.html', 'email.html'] as const)('%s of the sample issue', (name) => {
  it('links every entry of the four lists, each with its date, in order', () => {
    const document = dom(sample.files[name]);
    const hrefs = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    const entries = SECTION_KEYS.flatMap((key) => sample.valid.digest[key] ?? []);
    expect(entries).toHaveLength(45);
    let from = 0;
    for (const entry of entries) {
      const at = hrefs.indexOf(entry.url, from);
      expect(at, entry.url).toBeGreaterThanOrEqual(from);
      from = at + 1;
      const link = [...document.querySelectorAll('a')][at]!;
      expect(link.textContent).toBe(entry.title);
    }
    const text = document.body.textContent ?? '';
    expect(text).toContain('October 31, 2025');
    expect(text).toContain('October 24, 2025');
  });

  it('carries the markets table, the editorial, the call-to-action and the disclaimer', () => {
    const document = dom(sample.files[name]);
    const text = (document.body.textContent ?? '').replace(/\s+/g, ' ');
    const cells = [...document.querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(cells).toContain('USD 12,000/t');
    expect(cells).toContain('CNY 122,000/t');
    expect(cells).toContain('+8%');
    expect(text).toContain('Ucore Rare Metals Inc. (TSXV: UCU | OTCQX: UURAF)');
    expect(document.querySelector('blockquote')).not.toBeNull();
    expect([...document.querySelectorAll('a')].some((a) => a.getAttribute('href') === sample.config.cta.url)).toBe(true);
    expect(text).toContain(sample.config.cta.label);
    expect(text).toContain('Nothing here is investment advice');
    expect(text).toContain('CMI Summit V');
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });
});

describe('index.html', () => {
  it('is one article with one h1 and a machine-readable date', () => {
    const document = dom(sample.files['index.html']);
    expect(document.querySelectorAll('article')).toHaveLength(1);
    const h1s = [...document.querySelectorAll('h1')];
    expect(h1s.map((h) => h.textContent)).toEqual([sample.valid.digest.title]);
    expect(document.querySelector('article time')?.getAttribute('datetime')).toBe('2025-11-01');
  });
});

describe('email.html', () => {
  it('has its CSS inlined and no external stylesheet', () => {
    const document = dom(sample.files['email.html']);
    expect(document.querySelectorAll('link[rel=stylesheet]')).toHaveLength(0);
    const h1 = document.querySelector('h1');
    expect(h1?.getAttribute('style')).toMatch(/font-size: ?26px/);
    // Layout tables are presentation; the market table is data, with column headers.
    const layout = [...document.querySelectorAll('table:not(.data)')];
    expect(layout.length).toBeGreaterThan(0);
    expect(layout.every((t) => t.getAttribute('role') === 'presentation')).toBe(true);
  });
});

describe('footnotes in a body', () => {
  it('link to their notes and back, with ids prefixed once', async () => {
    const { parseMarkdown, markdownToHtml } = await import('../src/render/markdown.js');
    const html = markdownToHtml(parseMarkdown('Prices rose.[^lme]\n\n[^lme]: Cash settlement on the LME.\n', 'https://example.com/'));
    const document = dom(`<body>${html}</body>`);
    const internal = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')!).filter((href) => href.startsWith('#'));
    expect(internal).toEqual(['#user-content-fn-lme', '#user-content-fnref-lme']);
    for (const href of internal) expect(document.getElementById(href.slice(1)), href).not.toBeNull();
  });
});
