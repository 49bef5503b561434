import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftText } from '../scripts/generate-archive.mjs';
import { emailPlanStore } from '../src/build/email-plans.js';
import { precompiledStore } from '../src/build/precompiled-templates.js';
import type { PrecompiledStore } from '../src/render/template-set.js';
import { loadTemplates, type Templates } from '../src/render/templates.js';
import type { Config } from '../src/schema/config.js';
import type { ValidDraft } from '../src/validate/digest.js';
import { cmr, ROOT, scratchProject } from './helpers/cli.js';
import { projectConfig, SAMPLE, validDraft } from './helpers/sample.js';
import { renderSiteFiles } from './helpers/site.js';

const CACHE = join('.cache', 'cmr');
const MODULES = join(CACHE, 'templates-v1');
/** The sets of templates compiled together, each remembered as one module. */
const SETS = ['email', 'html', 'plain-email', 'text'];

let config: Config;
let drafts: ValidDraft[];
/** The site of every draft that renders, from templates compiled as they are read. */
let compiled: Map<string, string>;
const projects: string[] = [];

beforeAll(async () => {
  const hostile = (await readdir(join(ROOT, 'fixtures/hostile/rendered'))).map((name) => `fixtures/hostile/rendered/${name}`);
  [config, drafts] = await Promise.all([projectConfig(), Promise.all([SAMPLE, 'fixtures/valid/minimal.md', ...hostile].map(validDraft))]);
  compiled = await renderSiteFiles(drafts, config);
});
afterAll(() => Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A project of its own with cmr's templates: its modules are files no other test has loaded. */
async function project(): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'cmr-precompiled-'));
  projects.push(root);
  await cp(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  return { root, dir: join(root, 'templates') };
}

/** The precompiled store of `root`, noting by set whether it read a module, found none or wrote one. */
function logged(root: string): { store: PrecompiledStore; events: Record<string, string[]> } {
  const store = precompiledStore(join(root, CACHE));
  const events: Record<string, string[]> = {};
  const note = (name: string, event: string) => (events[name] ??= []).push(event);
  return {
    events,
    store: {
      read(name, identity) {
        const set = store.read(name, identity);
        note(name, set ? 'read' : 'none');
        return set;
      },
      write(name, identity, code) {
        note(name, 'written');
        store.write(name, identity, code);
      },
    },
  };
}

/** What the store notes of each set in `sets`. */
const each = (sets: readonly string[], events: string[]) => Object.fromEntries(sets.map((set) => [set, events]));
/** A set precompiled, written and read back; a set read as it was written by an earlier run. */
const COMPILED = ['none', 'written', 'read'];
const READ = ['read'];

/** Every template, as a build's thread loads them. */
function load(root: string, store: PrecompiledStore): Promise<Templates> {
  const dir = join(root, 'templates');
  return loadTemplates(dir, undefined, { emailPlans: emailPlanStore(join(root, CACHE), dir), precompiled: store });
}

const modules = async (root: string) => (await readdir(join(root, MODULES))).sort();

describe('templates precompiled into .cache/cmr/templates-v1/', () => {
  it('render every draft that renders byte for byte as compiled templates do, when written and when read back', async () => {
    const { root } = await project();
    const first = logged(root);
    expect(await renderSiteFiles(drafts, config, await load(root, first.store))).toEqual(compiled);
    expect(first.events).toEqual(each(SETS, COMPILED));
    expect((await modules(root)).map((name) => name.replace(/-[0-9a-f]{64}\.cjs$/, ''))).toEqual(SETS);

    const later = logged(root);
    const templates = await load(root, later.store);
    expect(later.events).toEqual(each(SETS, READ));
    expect(await renderSiteFiles(drafts, config, templates)).toEqual(compiled);
    // An email whose fields write `{{` goes through juice whole, rendered by the plain email's module.
    expect([...compiled].some(([path, html]) => path.endsWith('/email.html') && html.includes('{{constructor'))).toBe(true);
  });

  it('compile a changed template or partial again, never taking the old module, and keep only the new one', async () => {
    const { root, dir } = await project();
    await load(root, precompiledStore(join(root, CACHE)));
    const before = await modules(root);
    await writeFile(join(dir, 'partials/web/cta.hbs'), '<aside class="cta">A changed call to action</aside>\n');
    await writeFile(join(dir, 'partials/email/cta.hbs'), '<tr><td class="content">A changed call to action</td></tr>\n');

    const changed = logged(root);
    const templates = await load(root, changed.store);
    // Every set includes every partial.
    expect(changed.events).toEqual(each(SETS, COMPILED));
    const after = await modules(root);
    expect(after).toHaveLength(SETS.length);
    expect(after.filter((name) => before.includes(name))).toEqual([]);
    const site = await renderSiteFiles(drafts, config, templates);
    expect(site.get('2025-11-01/index.html')).toContain('<aside class="cta">A changed call to action</aside>');
    expect(site.get('2025-11-01/email.html')).toContain('A changed call to action</td>');
    expect(site).toEqual(await renderSiteFiles(drafts, config, await loadTemplates(dir)));

    await appendFile(join(dir, 'text.hbs'), '\nA changed plain text\n');
    const text = logged(root);
    const withText = await load(root, text.store);
    expect(text.events).toEqual({ ...each(SETS, READ), text: COMPILED });
    expect((await renderSiteFiles(drafts, config, withText)).get('2025-11-01/email.txt')).toMatch(/A changed plain text\n$/);
  });

  const damages: Record<string, (code: string, another: string) => string> = {
    'that is not JavaScript': () => 'exports.templates = [{{> web/style}}',
    'cut short': (code) => code.slice(0, Math.floor(code.length / 2)),
    'cut short at the end of a line, before its key': (code) => code.slice(0, code.lastIndexOf('exports.key')),
    'written for other templates': (_, another) => another,
  };
  for (const [damage, damaged] of Object.entries(damages)) {
    it(`ignore a module ${damage}, and write it again`, async () => {
      // The modules of an earlier run, damaged, in a project this process has not loaded any from.
      const earlier = await project();
      await load(earlier.root, precompiledStore(join(earlier.root, CACHE)));
      const names = await modules(earlier.root);
      const good = await Promise.all(names.map((name) => readFile(join(earlier.root, MODULES, name), 'utf8')));
      const { root } = await project();
      await mkdir(join(root, MODULES), { recursive: true });
      await Promise.all(names.map((name, i) => writeFile(join(root, MODULES, name), damaged(good[i]!, good[(i + 1) % names.length]!))));

      const again = logged(root);
      expect(await renderSiteFiles(drafts, config, await load(root, again.store))).toEqual(compiled);
      expect(again.events).toEqual(each(SETS, COMPILED));
      expect(await modules(root)).toEqual(names);
      expect(await Promise.all(names.map((name) => readFile(join(root, MODULES, name), 'utf8')))).toEqual(good);

      const later = logged(root);
      expect(await renderSiteFiles(drafts, config, await load(root, later.store))).toEqual(compiled);
      expect(later.events).toEqual(each(SETS, READ));
    });
  }
});

describe('cmr build and its precompiled templates', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await scratchProject());
    // Enough drafts for the build to render in worker threads.
    for (let i = 0; i < 20; i++) await writeFile(join(dir, 'digests', draftText(i).name), draftText(i).text);
    // Templates of its own, if only by a comment: cmr's own come compiled (test/prebuilt-templates.test.ts).
    await appendFile(join(dir, 'templates', 'partials', 'email', 'cta.hbs'), "{{!-- this project's --}}\n");
  });
  afterAll(() => cleanup());

  /** Every file under `.cache/cmr/`, with its bytes. */
  async function cacheFiles(): Promise<Map<string, string>> {
    const folder = join(dir, '.cache', 'cmr');
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    return new Map(await Promise.all(files.map(async (file) => [file, await readFile(file, 'base64')] as const)));
  }

  it('with --no-cache, reads and writes nothing in .cache/cmr/; with it, renders in its threads from the modules', async () => {
    const clean = await cmr(['build', '--no-cache', '--out', 'clean'], { cwd: dir });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(await readdir(dir)).not.toContain('.cache');

    expect((await cmr(['build'], { cwd: dir })).code).toBe(0);
    const names = await readdir(join(dir, MODULES));
    expect(names.map((name) => name.replace(/-[0-9a-f]{64}\.cjs$/, '')).sort()).toEqual(SETS);
    // A mark in the web page's template, where only a build that reads the module finds it.
    const html = join(dir, MODULES, names.find((name) => name.startsWith('html-'))!);
    const code = await readFile(html, 'utf8');
    expect(code.indexOf('<!DOCTYPE html>')).toBeLessThan(code.indexOf('"archive"'));
    await writeFile(html, code.replace('<!DOCTYPE html>', '<!DOCTYPE html><!-- from the module -->'));
    const cache = await cacheFiles();

    // An edited config renders every issue again.
    await appendFile(join(dir, 'cmr.config.yaml'), '\n# edited\n');
    await rm(join(dir, 'clean'), { recursive: true });
    expect((await cmr(['build', '--no-cache', '--out', 'clean'], { cwd: dir })).code).toBe(0);
    expect(await cacheFiles()).toEqual(cache);
    const page = (out: string) => readFile(join(dir, out, draftText(7).name.slice(0, 10), 'index.html'), 'utf8');
    expect(await page('clean')).not.toContain('<!-- from the module -->');

    expect((await cmr(['build'], { cwd: dir })).code).toBe(0);
    expect(await page('dist')).toBe((await page('clean')).replace('<!DOCTYPE html>', '<!DOCTYPE html><!-- from the module -->'));
  });
});
