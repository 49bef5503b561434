import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { readDraft } from '../../src/draft/read.js';
import { renderIssue, type IssueFiles } from '../../src/render/issue.js';
import { loadTemplates } from '../../src/render/templates.js';
import type { Config } from '../../src/schema/config.js';
import type { ValidDraft } from '../../src/validate/digest.js';
import { ROOT } from './cli.js';

export const SAMPLE = 'digests/2025-11-01.md';

export async function projectConfig(): Promise<Config> {
  const file = join(ROOT, 'cmr.config.yaml');
  const loaded = parseConfig(file, await readFile(file));
  if (!loaded.config) throw new Error(loaded.diagnostics.map(String).join('\n'));
  return loaded.config;
}

export async function validDraft(file: string): Promise<ValidDraft> {
  const result = await readDraft(join(ROOT, file));
  if (!result.valid) throw new Error(result.diagnostics.map(String).join('\n'));
  return result.valid;
}

/** Renders one draft with the project's config and templates, in memory. */
export async function renderDraft(file = SAMPLE): Promise<{ files: IssueFiles; valid: ValidDraft; config: Config }> {
  const [valid, config, templates] = await Promise.all([validDraft(file), projectConfig(), loadTemplates(join(ROOT, 'templates'))]);
  return { files: renderIssue({ valid, config, templates }).files, valid, config };
}
