import { join } from 'node:path';
import { renderSite } from '../../src/build/site.js';
import { loadTemplates } from '../../src/render/templates.js';
import type { Config } from '../../src/schema/config.js';
import type { ValidDraft } from '../../src/validate/digest.js';
import { ROOT } from './cli.js';
import { projectConfig, SAMPLE, validDraft } from './sample.js';

/** The sample issue and the minimal one a week later: enough for neighbours, archive and feeds. */
export const TWO_ISSUES = [SAMPLE, 'fixtures/valid/minimal.md'];

/** Renders drafts into a site in memory, every file by its path under the output folder. */
export async function renderSiteFiles(drafts: readonly ValidDraft[], config?: Config): Promise<Map<string, string>> {
  const [templates, settings] = await Promise.all([loadTemplates(join(ROOT, 'templates')), config ?? projectConfig()]);
  const files = new Map<string, string>();
  for (const file of renderSite(drafts, settings, templates)) files.set(file.path, file.content);
  return files;
}

/** The site of the sample issue and the minimal one, with the project's config and templates. */
export async function twoIssueSite(): Promise<Map<string, string>> {
  return renderSiteFiles(await Promise.all(TWO_ISSUES.map(validDraft)));
}
