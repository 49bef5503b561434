import { join } from 'node:path';
import { siteFiles } from '../../src/build/archive.js';
import { renderIssue } from '../../src/render/issue.js';
import { summarize } from '../../src/render/summary.js';
import { loadTemplates, type Templates } from '../../src/render/templates.js';
import type { Config } from '../../src/schema/config.js';
import type { WebView } from '../../src/render/web-page.js';
import type { ValidDraft } from '../../src/validate/digest.js';
import { ROOT } from './cli.js';
import { projectConfig, SAMPLE, validDraft } from './sample.js';

/** The sample issue and the minimal one a week later: enough for neighbours, archive and feeds. */
export const TWO_ISSUES = [SAMPLE, 'fixtures/valid/minimal.md'];

/**
 * Renders drafts into a site in memory, every file by its path under the output folder:
 * each issue with its neighbours, oldest first, then the archive and the feeds, from the
 * same functions `cmr build` runs in its threads; by default with the project's templates, compiled.
 */
export async function renderSiteFiles(drafts: readonly ValidDraft[], config?: Config, given?: Templates): Promise<Map<string, string>> {
  const [templates, settings] = await Promise.all([given ?? loadTemplates(join(ROOT, 'templates')), config ?? projectConfig()]);
  const ordered = [...drafts].sort((a, b) => a.digest.date.localeCompare(b.digest.date));
  const summaries = ordered.map((valid) => summarize(valid.digest, settings));
  const files = new Map<string, string>();
  const views: WebView[] = [];
  for (const [i, valid] of ordered.entries()) {
    const { files: issueFiles, view } = renderIssue({ valid, config: settings, templates, previous: summaries[i - 1], next: summaries[i + 1] });
    views.push(view);
    for (const [name, content] of Object.entries(issueFiles)) files.set(`${summaries[i]!.slug}/${name}`, content!);
  }
  for (const file of siteFiles([...summaries].reverse(), views, settings, templates)) files.set(file.path, file.content);
  return files;
}

/** The site of the sample issue and the minimal one, with the project's config and templates. */
export async function twoIssueSite(): Promise<Map<string, string>> {
  return renderSiteFiles(await Promise.all(TWO_ISSUES.map(validDraft)));
}
