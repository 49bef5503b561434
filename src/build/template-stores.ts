import type { TemplateStores } from '../render/templates.js';
import { emailPlanStore } from './email-plans.js';
import { precompiledStore } from './precompiled-templates.js';

/** Where the templates of `templatesDir` are remembered in the project's `.cache/cmr/`: the email's inlining and every set compiled. */
export function templateStores(root: string, templatesDir: string): TemplateStores {
  return { emailPlans: emailPlanStore(root, templatesDir), precompiled: precompiledStore(root) };
}
