import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emailPlanStore } from '../src/build/email-plans.js';
import { templateStores } from '../src/build/template-stores.js';
import type { EmailPlan } from '../src/render/email-template.js';
import { cmr, ROOT, scratchProject } from './helpers/cli.js';
import { projectConfig, SAMPLE, validDraft } from './helpers/sample.js';
import { renderSiteFiles } from './helpers/site.js';

// `npm run build` compiles cmr's own templates into prebuilt/ (src/build/prebuild.ts); a project
// whose templates are byte for byte cmr's reads them from there when its own cache has nothing.

const cleanups: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

const plan = (template: string): EmailPlan => ({ template, partials: [], css: '', fields: [], scope: { classes: [], ids: [] }, known: {} });

describe('the stores of templates', () => {
  it("read the project's cache first, then what cmr ships, and write only the project's cache", async () => {
    const root = await mkdtemp(join(tmpdir(), 'cmr-stores-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const prebuilt = join(root, 'prebuilt');
    const templates = join(ROOT, 'templates');
    emailPlanStore(prebuilt, templates).write(plan('shipped'));

    const project = templateStores(root, templates, prebuilt);
    expect(project.emailPlans!.read()).toEqual(plan('shipped'));
    project.emailPlans!.write(plan('learnt'));
    expect(project.emailPlans!.read()).toEqual(plan('learnt'));
    expect(emailPlanStore(prebuilt, templates).read()).toEqual(plan('shipped'));

    // A run that keeps nothing (--no-cache) reads what cmr ships and writes nowhere.
    const nothingKept = templateStores(undefined, templates, prebuilt);
    expect(nothingKept.emailPlans!.read()).toEqual(plan('shipped'));
    nothingKept.emailPlans!.write(plan('forgotten'));
    nothingKept.precompiled!.write('text', 'identity', 'exports.templates = [];\n');
    expect(emailPlanStore(prebuilt, templates).read()).toEqual(plan('shipped'));
    expect(existsSync(join(prebuilt, 'templates-v1'))).toBe(false);
  });
});

describe('a build with templates byte for byte cmr’s own', () => {
  it('compiles none of them, and writes the files templates compiled afresh render', async () => {
    const { dir, cleanup } = await scratchProject();
    cleanups.push(cleanup);
    const run = await cmr(['build'], { cwd: dir });
    expect(run.code).toBe(0);
    // Nothing was compiled, so nothing was kept in the project's cache.
    expect(existsSync(join(dir, '.cache', 'cmr', 'templates-v1'))).toBe(false);
    expect(existsSync(join(dir, '.cache', 'cmr', 'email-v1'))).toBe(false);
    // Rendered here, from the sources, with the templates compiled as they are read.
    const expected = await renderSiteFiles([await validDraft(SAMPLE)], await projectConfig());
    for (const [path, content] of expected) expect(await readFile(join(dir, 'dist', path), 'utf8'), path).toBe(content);
  });

  it('compiles a project’s changed templates, keeps them in its cache and renders with them', async () => {
    const { dir, cleanup } = await scratchProject();
    cleanups.push(cleanup);
    await writeFile(join(dir, 'templates', 'partials', 'web', 'cta.hbs'), '<aside class="cta">A call to action of this project</aside>\n');
    const run = await cmr(['build'], { cwd: dir });
    expect(run.code).toBe(0);
    expect((await readdir(join(dir, '.cache', 'cmr', 'templates-v1'))).length).toBeGreaterThan(0);
    expect(await readFile(join(dir, 'dist', '2025-11-01', 'index.html'), 'utf8')).toContain('<aside class="cta">A call to action of this project</aside>');
  });
});
