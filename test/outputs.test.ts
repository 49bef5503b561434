import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HtmlValidate, type Report } from 'html-validate';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { cmr, ROOT, scratchProject } from './helpers/cli.js';
import { projectConfig, validDraft, SAMPLE } from './helpers/sample.js';
import { renderSiteFiles, twoIssueSite } from './helpers/site.js';

const dom = (html: string) => parseHTML(html).document;
const SAMPLE_DIR = '2025-11-01';
const NEXT_DIR = '2025-11-08';

let site: Map<string, string>;
beforeAll(async () => {
  site = await twoIssueSite();
});
const file = (path: string) => {
  const content = site.get(path);
  if (content === undefined) throw new Error(`no ${path} in the site`);
  return content;
};

/** Problems as `line:column rule message`, so a failure shows what to fix. */
function problems(report: Report): string[] {
  return report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

async function validator(configFile: string): Promise<HtmlValidate> {
  return new HtmlValidate(JSON.parse(await readFile(join(ROOT, configFile), 'utf8')));
}

describe('html-validate', () => {
  it.each([`${SAMPLE_DIR}/index.html`, `${NEXT_DIR}/index.html`, 'index.html'])('%s passes the web rule set', async (path) => {
    const report = await (await validator('.htmlvalidate.json')).validateString(file(path), path);
    expect(problems(report)).toEqual([]);
  });

  it.each([`${SAMPLE_DIR}/email.html`, `${NEXT_DIR}/email.html`])('%s passes the email rule set', async (path) => {
    const report = await (await validator('.htmlvalidate-email.json')).validateString(file(path), path);
    expect(problems(report)).toEqual([]);
  });

  it('the email rule set still rejects what no email should carry', async () => {
    const html = file(`${SAMPLE_DIR}/email.html`).replace('</td></tr>\n</table>\n</body>', '<font color="red">x</font></td></tr>\n</table>\n</body>');
    const report = await (await validator('.htmlvalidate-email.json')).validateString(html, 'email.html');
    expect(problems(report).some((p) => p.includes('deprecated'))).toBe(true);
  });
});

describe('email.html', () => {
  let html: string;
  let document: Document;
  beforeAll(() => {
    html = file(`${SAMPLE_DIR}/email.html`);
    document = dom(html);
  });

  it('stays well under the 102 KB at which Gmail clips a message', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(80_000);
  });

  it('declares its language, charset and colour schemes', () => {
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(document.querySelector('meta[name="color-scheme"]')?.getAttribute('content')).toBe('light dark');
  });

  it('opens with a hidden preheader carrying the summary', async () => {
    const { digest } = await validDraft(SAMPLE);
    const first = document.body.firstElementChild!;
    expect(first.textContent).toBe(digest.summary);
    expect(first.getAttribute('style')).toMatch(/display:\s*none/);
  });

  it('lays out in presentation tables at most 600 px wide', () => {
    const container = document.querySelector('table.container')!;
    expect(container.getAttribute('role')).toBe('presentation');
    expect(container.getAttribute('style')).toMatch(/max-width: 600px/);
    expect(container.getAttribute('width')).toBe('100%');
  });

  it('inlines its CSS, keeping only media queries in one <style> block', () => {
    const styles = [...document.querySelectorAll('style')];
    expect(styles).toHaveLength(1);
    const rules = styles[0]!.textContent!.replace(/\s+/g, ' ').trim();
    expect(rules).toMatch(/^@media only screen and \(max-width: 620px\) \{.*\} @media \(prefers-color-scheme: dark\) \{.*\}$/);
    expect(document.querySelector('td.entry')?.getAttribute('style')).toMatch(/border-bottom/);
  });

  it('carries no script, form, external stylesheet or image', () => {
    for (const selector of ['script', 'form', 'link', 'img', 'iframe', 'object', 'embed']) {
      expect(document.querySelectorAll(selector), selector).toHaveLength(0);
    }
  });

  it('links only to absolute https URLs', () => {
    const hrefs = [...document.querySelectorAll('[href]')].map((node) => node.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(45);
    expect(hrefs.filter((href) => !href.startsWith('https://') || !URL.canParse(href))).toEqual([]);
  });

  it('resolves relative links of the editorial against the site URL', async () => {
    const valid = await validDraft(SAMPLE);
    const relative = { ...valid, draft: { ...valid.draft, body: 'See [the archive](../) and [this issue](2025-11-01/).' } };
    const email = dom((await renderSiteFiles([relative])).get(`${SAMPLE_DIR}/email.html`)!);
    const hrefs = [...email.querySelectorAll('td.editorial a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.org/', 'https://example.org/critical-minerals-report/2025-11-01/']);
  });
});

describe('index.html of an issue', () => {
  let document: Document;
  beforeAll(() => {
    document = dom(file(`${SAMPLE_DIR}/index.html`));
  });

  it('orders its headings without skipping a level', () => {
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    for (const [i, level] of levels.entries()) if (i > 0) expect(level, `heading ${i}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
  });

  it('has canonical and Open Graph tags with the absolute permalink', async () => {
    const config = await projectConfig();
    const permalink = `${config.site_url}${SAMPLE_DIR}/`;
    expect(document.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(permalink);
    expect(document.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe(permalink);
    expect(document.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('article');
    expect(document.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe((await validDraft(SAMPLE)).digest.title);
    expect(document.querySelector('link[type="application/atom+xml"]')?.getAttribute('href')).toBe(`${config.site_url}feed.xml`);
    expect(document.querySelector('link[type="application/feed+json"]')?.getAttribute('href')).toBe(`${config.site_url}feed.json`);
  });

  it('links to the next issue and the archive; the newer one links back', () => {
    const nav = (path: string) =>
      [...dom(file(path)).querySelectorAll('nav.issues a')].map((a) => [a.getAttribute('rel'), a.getAttribute('href')]);
    expect(nav(`${SAMPLE_DIR}/index.html`)).toEqual([
      [null, '../'],
      ['next', `../${NEXT_DIR}/`],
    ]);
    expect(nav(`${NEXT_DIR}/index.html`)).toEqual([
      ['prev', `../${SAMPLE_DIR}/`],
      [null, '../'],
    ]);
  });
});

describe('the archive', () => {
  it('lists every issue newest first with its title, date and summary', async () => {
    const archive = dom(file('index.html'));
    const items = [...archive.querySelectorAll('ol.entries li')].map((li) => ({
      href: li.querySelector('a')?.getAttribute('href'),
      title: li.querySelector('a')?.textContent,
      date: li.querySelector('time')?.getAttribute('datetime'),
      summary: li.querySelector('.by')?.textContent ?? null,
    }));
    const sample = (await validDraft(SAMPLE)).digest;
    expect(items).toEqual([
      { href: `${NEXT_DIR}/`, title: 'The smallest valid issue', date: NEXT_DIR, summary: null },
      { href: `${SAMPLE_DIR}/`, title: sample.title, date: SAMPLE_DIR, summary: sample.summary },
    ]);
  });
});

describe('email.txt', () => {
  it('ends with the disclaimer, after a rule', async () => {
    const { disclaimer } = await projectConfig();
    const paragraphs = file(`${SAMPLE_DIR}/email.txt`).trimEnd().split('\n\n');
    const flat = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
    expect(paragraphs.at(-1)!.split('\n')[0]).toBe('----');
    expect(flat(paragraphs.at(-1)!.slice('----'.length))).toBe(flat(disclaimer));
  });
});

describe('parity of links', () => {
  const QUERY_URL = 'https://example.com/report?id=42&lang=en';
  let files: Map<string, string>;
  beforeAll(async () => {
    const valid = await validDraft(SAMPLE);
    const entry = { date: '2025-10-31', title: 'A link with a query string', url: QUERY_URL };
    const digest = { ...valid.digest, headlines: [...valid.digest.headlines!, entry] };
    const body = `${valid.draft.body}\nThe [full report](${QUERY_URL}) has the numbers.\n`;
    files = await renderSiteFiles([{ digest, draft: { ...valid.draft, body } }]);
  });

  const unique = (urls: readonly string[]) => [...new Set(urls)];
  const hrefs = (html: string, selector: string) =>
    [...dom(html).querySelectorAll(selector)].map((a) => a.getAttribute('href')!);

  it('gives the email and the web page every link of the issue in the same order', () => {
    const web = hrefs(files.get(`${SAMPLE_DIR}/index.html`)!, 'article a');
    const email = hrefs(files.get(`${SAMPLE_DIR}/email.html`)!, 'td.content a');
    expect(web.length).toBeGreaterThan(50);
    expect(email).toEqual(web);
    expect(web.filter((href) => href === QUERY_URL)).toHaveLength(2);
  });

  it('gives the plain text every link in the same order, each once', () => {
    const web = unique(hrefs(files.get(`${SAMPLE_DIR}/index.html`)!, 'article a'));
    const text = files.get(`${SAMPLE_DIR}/email.txt`)!;
    const inText = unique([...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]));
    const permalink = inText.shift();
    expect(permalink).toBe('https://example.org/critical-minerals-report/2025-11-01/');
    expect(inText).toEqual(web);
  });

  it('writes = in hrefs as it is, never as &#x3D;, and & always as &amp;', () => {
    for (const name of ['index.html', 'email.html']) {
      const html = files.get(`${SAMPLE_DIR}/${name}`)!;
      expect(html, name).not.toContain('&#x3D;');
      expect(html.match(/href="[^"]*&#[^"]*"/g), name).toBeNull();
      expect(html.match(/href="https:\/\/example\.com\/report\?id=42&amp;lang=en"/g), name).toHaveLength(2);
    }
  });
});

describe('determinism', () => {
  async function build(): Promise<{ dir: string; files: Map<string, Buffer>; cleanup: () => Promise<void> }> {
    const { dir, cleanup } = await scratchProject();
    const run = await cmr(['build'], { cwd: dir });
    expect(run.code).toBe(0);
    const out = join(dir, 'dist');
    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    const files = new Map<string, Buffer>();
    for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(out.length + 1), await readFile(path));
    }
    return { dir, files, cleanup };
  }

  it('two builds of the same drafts in different folders give identical bytes', async () => {
    const first = await build();
    const second = await build();
    try {
      expect(first.dir).not.toBe(second.dir);
      expect([...second.files.keys()].sort()).toEqual([...first.files.keys()].sort());
      expect(first.files.size).toBe(8);
      for (const [path, bytes] of first.files) expect(second.files.get(path)!.equals(bytes), path).toBe(true);
    } finally {
      await Promise.all([first.cleanup(), second.cleanup()]);
    }
  });
});
