import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailPlanStore } from '../src/build/email-plans.js';
import type { EmailPlan } from '../src/render/email-template.js';
import { ROOT } from './helpers/cli.js';

let root: string;
const plan = (template: string): EmailPlan => ({ template, partials: [], css: 'p { margin: 0; }', fields: [], scope: { classes: [], ids: [] }, known: {} });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cmr-plans-'));
  await cp(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the remembered email plan', () => {
  it('is read back as it was written, for the same templates', () => {
    emailPlanStore(join(root, '.cache', 'cmr'), join(root, 'templates')).write(plan('first'));
    expect(emailPlanStore(join(root, '.cache', 'cmr'), join(root, 'templates')).read()).toEqual(plan('first'));
  });

  it('is never read for changed templates, and only the current plan is kept', async () => {
    await writeFile(join(root, 'templates', 'partials', 'email', 'cta.hbs'), '<tr><td class="box">Changed</td></tr>\n');
    const changed = emailPlanStore(join(root, '.cache', 'cmr'), join(root, 'templates'));
    expect(changed.read()).toBeUndefined();
    changed.write(plan('second'));
    expect(changed.read()).toEqual(plan('second'));
    expect(await readdir(join(root, '.cache', 'cmr', 'email-v1'))).toHaveLength(1);
  });
});
