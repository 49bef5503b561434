import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { readDraft } from '../draft/read.js';
import { PACKAGE_ROOT } from '../package-paths.js';
import { renderIssue } from '../render/issue.js';
import { BUILTIN_TEMPLATES, loadTemplates } from '../render/templates.js';
import { PREBUILT_DIR, storesIn } from './template-stores.js';

/**
 * Drafts that put each kind of Markdown element in an editorial, so that the email's inlining
 * plan knows where each goes: cmr's own, never the editors' drafts in `digests/`.
 */
const SPECIMENS = [join('fixtures', 'specimen')];

/**
 * Run by `npm run build` once the bundle is written: compiles cmr's own templates into
 * PREBUILT_DIR, with the inlining plan of their email, and renders the specimen drafts with them
 * so that the plan has learnt the places of a body's elements. A build or a check whose
 * templates are byte for byte these then compiles none and loads neither Handlebars' compiler
 * nor juice, even without a cache of its own.
 */
export async function prebuildTemplates(): Promise<void> {
  rmSync(PREBUILT_DIR, { recursive: true, force: true });
  const templates = await loadTemplates(BUILTIN_TEMPLATES, undefined, storesIn(PREBUILT_DIR, BUILTIN_TEMPLATES));
  const { config } = await loadConfig(PACKAGE_ROOT);
  if (!config) throw new Error(`cmr's own cmr.config.yaml is not valid`);
  for (const folder of SPECIMENS) {
    for (const name of readdirSync(join(PACKAGE_ROOT, folder)).filter((file) => file.endsWith('.md'))) {
      const { valid, diagnostics } = await readDraft(join(PACKAGE_ROOT, folder, name), config.limits);
      if (!valid) throw new Error(`${folder}/${name} is not valid: ${diagnostics.map((d) => d.reason).join('; ')}`);
      renderIssue({ valid, config, templates });
    }
  }
}
