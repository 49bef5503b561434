import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-paths.js';
import type { EmailPlanStore } from '../render/email-template.js';
import type { PrecompiledStore } from '../render/template-set.js';
import type { TemplateStores } from '../render/templates.js';
import { CACHE_DIR } from './cache.js';
import { emailPlanStore } from './email-plans.js';
import { precompiledStore } from './precompiled-templates.js';

/**
 * cmr's own templates compiled, with the inlining plan of their email, as `npm run build` makes
 * them (src/build/prebuild.ts): beside lib/, outside the code they are keyed by.
 */
export const PREBUILT_DIR = join(PACKAGE_ROOT, 'prebuilt');

/** Both stores of templates kept in `cacheDir`. */
export function storesIn(cacheDir: string, templatesDir: string): Required<TemplateStores> {
  return { emailPlans: emailPlanStore(cacheDir, templatesDir), precompiled: precompiledStore(cacheDir) };
}

/**
 * Where the templates of `templatesDir` are remembered: the project's `.cache/cmr/` (none for a
 * run that keeps nothing, `root` undefined), then, for templates byte for byte cmr's own, what
 * `npm run build` compiled into `prebuiltDir`. Only the project's cache is ever written.
 */
export function templateStores(root: string | undefined, templatesDir: string, prebuiltDir = PREBUILT_DIR): TemplateStores {
  const prebuilt = storesIn(prebuiltDir, templatesDir);
  const project = root === undefined ? undefined : storesIn(join(root, CACHE_DIR), templatesDir);
  const emailPlans: EmailPlanStore = {
    read: () => project?.emailPlans.read() ?? prebuilt.emailPlans.read(),
    write: (plan) => project?.emailPlans.write(plan),
  };
  const precompiled: PrecompiledStore = {
    read: (name, identity) => project?.precompiled.read(name, identity) ?? prebuilt.precompiled.read(name, identity),
    write: (name, identity, code) => project?.precompiled.write(name, identity, code),
  };
  return { emailPlans, precompiled };
}
