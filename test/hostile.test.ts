import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDraft } from '../src/draft/read.js';
import { DEFAULT_LIMITS } from '../src/limits/limits.js';
import { renderIssue, type IssueFiles } from '../src/render/issue.js';
import { loadTemplates, type Templates } from '../src/render/templates.js';
import type { Config } from '../src/schema/config.js';
import { cmr, ROOT, scratchProject } from './helpers/cli.js';
import { dom, unsafeParts } from './helpers/dom-safety.js';
import { projectConfig } from './helpers/sample.js';

const REFUSED = 'fixtures/hostile/refused';
const RENDERED = 'fixtures/hostile/rendered';

type Expected = [line: number, column: number, rule: string, message: string, field?: string];

const nesting = (what: string, depth: number) => `${what} nested ${depth} levels deep; the limit is 16 (limits.nesting_depth)`;
const notYaml = (line: string) => `front matter must be YAML; "${line}" is not accepted`;

/** Each hostile draft that must be refused, with every diagnostic it must produce, exactly. */
const REFUSED_CASES: Record<string, Expected[]> = {
  'eval-js.md': [[1, 1, 'front-matter', notYaml('---js')]],
  'eval-javascript.md': [[1, 1, 'front-matter', notYaml('---javascript')]],
  'eval-coffee.md': [[1, 1, 'front-matter', notYaml('--- coffee')]],
  'js-function-tag.md': [[2, 8, 'yaml-syntax', 'YAML: Unresolved tag: tag:yaml.org,2002:js/function']],
  'include-tag.md': [[2, 8, 'yaml-syntax', 'YAML: Unresolved tag: !include']],
  'set-tag.md': [[4, 7, 'yaml-syntax', 'YAML: Unresolved tag: tag:yaml.org,2002:set']],
  'billion-aliases.md': [[5, 8, 'yaml-syntax', 'YAML: too many aliases: the document expands far beyond its written size']],
  // Placed where the nesting passes the limit, not where the parser's stack ran out, which differs between threads.
  'yaml-stack-overflow.md': [[4, 22, 'yaml-syntax', 'YAML: nested far too deeply to read; the limit is 16 levels (limits.nesting_depth)']],
  'yaml-too-deep.md': [[4, 22, 'limits', nesting('YAML: lists and mappings', 17)]],
  'merge-key.md': [
    [9, 5, 'schema', '"date" is required', 'headlines.1.date'],
    [9, 5, 'schema', '"url" is required', 'headlines.1.url'],
    [9, 5, 'schema', 'unknown key "<<"', 'headlines.1.<<'],
  ],
  'proto-key.md': [[4, 1, 'schema', 'unknown key "__proto__"', '__proto__']],
  'deep-blockquote.md': [[8, 17, 'limits', nesting('block quotes and lists', 17)]],
  'deep-list.md': [[6, 33, 'limits', nesting('block quotes and lists', 17)]],
  'too-many-entries.md': [[105, 5, 'limits', '"headlines" has 101 entries; the limit is 100 (limits.list_entries)', 'headlines.100']],
  'long-title.md': [[2, 8, 'limits', '"title" is 301 characters long; the limit is 300 (limits.title_chars)', 'title']],
  'title-header-injection.md': [
    [2, 8, 'limits', '"title" must fit on one line; it contains a line break (fold long text with >- instead of | or >)', 'title'],
  ],
  'title-bidi.md': [[2, 8, 'limits', '"title" contains the invisible control character U+202E; remove it', 'title']],
  'title-ansi.md': [[2, 8, 'limits', '"title" contains the invisible control character U+001B; remove it', 'title']],
  'ansi-key.md': [[4, 1, 'schema', 'unknown key "\\u001B[2Jhidden"', '\\u001B[2Jhidden']],
  'invalid-utf8.md': [[2, 12, 'encoding', 'the draft is not valid UTF-8 text; save it with UTF-8 encoding']],
  'binary.md': [[3, 1, 'encoding', 'this is a binary file, not a Markdown draft (it contains NUL bytes)']],
  'utf16.md': [[1, 1, 'encoding', 'the draft is saved as UTF-16; save it with UTF-8 encoding']],
};

const shape = (d: Awaited<ReturnType<typeof readDraft>>['diagnostics'][number]): Expected => {
  const row: Expected = [d.line!, d.column!, d.ruleId!, d.reason];
  if (d.field !== undefined) row.push(d.field);
  return row;
};

describe('hostile drafts that are refused', () => {
  it('the corpus holds exactly the cases listed here', async () => {
    expect((await readdir(REFUSED)).sort()).toEqual(Object.keys(REFUSED_CASES).sort());
  });

  for (const [name, expected] of Object.entries(REFUSED_CASES)) {
    it(`${name}: ${expected.map(([line, column]) => `${line}:${column}`).join(', ')}`, async () => {
      const file = `${REFUSED}/${name}`;
      const { valid, diagnostics } = await readDraft(file);
      expect(valid).toBeUndefined();
      expect(diagnostics.every((d) => d.file === file && d.fatal === true)).toBe(true);
      expect(diagnostics.map(shape)).toEqual(expected);
    });
  }

  it('a __proto__ key changes no prototype', async () => {
    await readDraft(`${REFUSED}/proto-key.md`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a draft over limits.draft_bytes is refused before it is read', async () => {
    const { diagnostics } = await readDraft('fixtures/valid/minimal.md', { ...DEFAULT_LIMITS, draft_bytes: 64 });
    expect(diagnostics.map(shape)).toEqual([[1, 1, 'draft-size', 'the draft is 100 bytes, over the limit of 64 bytes (limits.draft_bytes)']]);
  });

  it('cmr check reports them all, exits 1, runs nothing, prints no stack and no raw control character', async () => {
    const { dir, cleanup } = await scratchProject();
    try {
      await cp(join(ROOT, REFUSED), join(dir, 'hostile'), { recursive: true });
      const run = await cmr(['check', 'hostile'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      const lines = run.stdout.trim().split('\n');
      const count = Object.values(REFUSED_CASES).flat().length;
      expect(lines.at(-1)).toBe(`✖ ${count} errors and 0 warnings in ${Object.keys(REFUSED_CASES).length} drafts`);
      for (const [name, expected] of Object.entries(REFUSED_CASES)) {
        for (const [line, column, rule, message, field] of expected) {
          expect(lines).toContain(`hostile/${name}:${line}:${column}  error  ${message}${field ? `  (${field})` : ''}  ${rule}`);
        }
      }
      expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u202A-\u202E]/);
      expect(await readdir(dir)).not.toContain('hostile-pwned.txt');
    } finally {
      await cleanup();
    }
  });
});

describe('hostile drafts that render safely', () => {
  let config: Config;
  let templates: Templates;
  const rendered = new Map<string, IssueFiles>();

  beforeAll(async () => {
    [config, templates] = await Promise.all([projectConfig(), loadTemplates(join(ROOT, 'templates'))]);
    for (const name of await readdir(RENDERED)) rendered.set(name, await render(`${RENDERED}/${name}`));
  });

  async function render(file: string): Promise<IssueFiles> {
    const { valid, diagnostics } = await readDraft(file);
    if (!valid) throw new Error(diagnostics.map(String).join('\n'));
    return renderIssue({ valid, config, templates }).files;
  }

  const page = (name: string, output: 'index.html' | 'email.html' = 'index.html') => dom(rendered.get(name)![output]);
  const editorial = (name: string) => page(name).querySelector('section.editorial')!;

  it('every one of them builds pages with no script, frame, form, style, event handler or dangerous URL', () => {
    expect([...rendered.keys()].sort()).toEqual(
      ['attribute-breakout.md', 'bom-crlf.md', 'clobbering.md', 'dangerous-urls.md', 'html-in-fields.md', 'path-like-fields.md', 'raw-html.md', 'template-syntax.md', 'unicode-mix.md'],
    );
    for (const [name, files] of rendered) {
      for (const output of ['index.html', 'email.html'] as const) {
        expect(unsafeParts(dom(files[output]), `${name} ${output}`)).toEqual([]);
      }
    }
  });

  it('raw-html.md: raw HTML is dropped, the prose around it stays', () => {
    const section = editorial('raw-html.md');
    const text = section.textContent!.replace(/\s+/g, ' ').trim();
    // Inline tags are dropped one by one; what stood between them is harmless text.
    expect(text).toBe('Copper held its gains this week.alert(1) Lithium stayed flat, as the table below would have shown.');
    expect(section.querySelectorAll('img, details, input, a')).toHaveLength(0);
  });

  it('dangerous-urls.md: only the http(s) link keeps an href; images keep no src', () => {
    const section = editorial('dangerous-urls.md');
    const hrefs = [...section.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/nickel']);
    const images = [...section.querySelectorAll('img')];
    expect(images.map((img) => img.getAttribute('alt'))).toEqual(['svg image', 'js image']);
    expect(images.every((img) => !img.hasAttribute('src'))).toBe(true);
  });

  it('attribute-breakout.md: quotes stay inside their attributes', () => {
    for (const output of ['index.html', 'email.html'] as const) {
      const document = page('attribute-breakout.md', output);
      const entry = [...document.querySelectorAll('a')].find((a) => a.textContent === '"><script>alert(1)</script>');
      expect(entry?.getAttribute('href')).toBe('https://example.com/a"onmouseover="alert(1)');
      expect(document.body.textContent).toContain("'><img src=x onerror=alert(1)>");
    }
    const document = page('attribute-breakout.md');
    expect(document.querySelector('meta[name=description]')?.getAttribute('content')).toBe('" onmouseover="alert(1)" data-x="');
    const link = editorial('attribute-breakout.md').querySelector('a')!;
    expect(link.getAttribute('title')).toBe('x" onmouseover="alert(1)');
    expect(editorial('attribute-breakout.md').querySelector('img')?.getAttribute('alt')).toBe('alt" onerror="alert(1)');
  });

  it('template-syntax.md: {{…}} in a draft is printed, never run', () => {
    const files = rendered.get('template-syntax.md')!;
    const title = "{{constructor.constructor 'return process'}} and {{{bodyHtml}}}";
    for (const output of ['index.html', 'email.html'] as const) {
      const document = dom(files[output]);
      expect(document.querySelector('h1')?.textContent).toBe(title);
      expect(document.body.textContent).toContain('{{#with publication}}{{name}}{{/with}}');
    }
    expect(page('template-syntax.md').querySelector('.meta')?.textContent).toContain('{{> web/style}}');
    expect(editorial('template-syntax.md').textContent).toContain('{{issue.title}}, {{{disclaimerHtml}}} and {{!-- a comment --}} literally');
    expect(files['email.txt']).toContain('{{constructor.constructor');
    expect(JSON.parse(files['digest.json']).title).toBe(title);
  });

  it('html-in-fields.md: markup in fields prints as text', () => {
    const document = page('html-in-fields.md');
    expect(document.querySelector('title')?.textContent).toBe('</title><script>alert(1)</script> · Critical Minerals Report');
    expect(document.querySelector('h1')?.textContent).toBe('</title><script>alert(1)</script>');
    expect(document.querySelector('.meta')?.textContent).toContain('<b>Jane</b> & <i>John</i>');
    expect(document.querySelectorAll('b, i')).toHaveLength(0);
    const cells = [...document.querySelectorAll('td')].map((td) => td.textContent?.trim());
    // The name cell holds the name, then the note under it; both print as text.
    expect(cells).toContain('<script>alert(1)</script><iframe src=https://evil.example/>');
    expect(document.querySelectorAll('script, iframe')).toHaveLength(0);
    expect(cells).toContain('USD 12,000/</td><td>');
  });

  it('clobbering.md: every id and name from the editorial carries the user-content- prefix, once', () => {
    const named = [...editorial('clobbering.md').querySelectorAll('[id], [name]')];
    expect(named.length).toBeGreaterThan(0);
    for (const element of named) {
      for (const attribute of ['id', 'name']) {
        const value = element.getAttribute(attribute);
        // `footnote-label` is the renderer's own heading over the footnotes, never the draft's.
        if (value !== null && value !== 'footnote-label') expect(value).toMatch(/^user-content-(?!user-content-)/);
      }
    }
  });

  it('unicode-mix.md: scripts, emoji and combining marks pass through unchanged', () => {
    expect(page('unicode-mix.md').querySelector('h1')?.textContent).toBe('Redes de cobre — 銅 — نحاس — 🪨 — zero\u200Bwidth');
    expect(rendered.get('unicode-mix.md')!['email.txt']).toContain('נחושת');
  });

  it('bom-crlf.md: a byte order mark and CRLF line endings give the same output as plain LF', async () => {
    const bytes = await readFile(`${RENDERED}/bom-crlf.md`);
    const folder = join(tmpdir(), `cmr-lf-${process.pid}`);
    await mkdir(folder, { recursive: true });
    const lf = join(folder, 'bom-crlf.md');
    await writeFile(lf, bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
    expect(bytes[0]).toBe(0xef);
    expect(bytes.includes('\r\n')).toBe(true);
    expect(rendered.get('bom-crlf.md')).toEqual(await render(lf));
  });
});

describe('cmr build of the hostile drafts that render', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await scratchProject()));
  afterAll(() => cleanup());

  it('writes only inside dist/, one folder per issue date, whatever the fields contain', async () => {
    await cp(join(ROOT, RENDERED), join(dir, 'digests'), { recursive: true });
    const before = (await readdir(dir)).sort();
    // --no-cache: with the cache on, cmr also writes .cache/cmr/ (names made of hashes, never of fields).
    const run = await cmr(['build', '--no-cache'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([...before, 'dist'].sort());
    const issues = (await readdir(join(dir, 'dist'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(issues.sort()).toEqual(['2025-08-30', '2025-09-06', '2025-09-13', '2025-09-20', '2025-09-27', '2025-10-04', '2025-10-11', '2025-10-18', '2025-10-25', '2025-11-01']);
    const files = await readdir(join(dir, 'dist'), { recursive: true, withFileTypes: true });
    // Five files per issue (the sample config has a sender, so issue.eml too), the archive and two feeds.
    expect(files.filter((e) => e.isFile()).length).toBe(issues.length * 5 + 3);
    const archive = dom(await readFile(join(dir, 'dist/index.html'), 'utf8'));
    expect(unsafeParts(archive, 'the archive')).toEqual([]);
    expect([...archive.querySelectorAll('a')].map((a) => a.textContent)).toContain('</title><script>alert(1)</script>');
  });
});
