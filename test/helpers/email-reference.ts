import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import juice from 'juice';
import { withCmrHelpers } from '../../src/render/handlebars.js';
import { parseMarkdown } from '../../src/render/markdown.js';
import { readPartials, type Template } from '../../src/render/templates.js';
import { issueView, siteUrl, type IssueView } from '../../src/render/view.js';
import type { Config } from '../../src/schema/config.js';
import type { ValidDraft } from '../../src/validate/digest.js';

/** The sources of an email template: `email.hbs` and every partial, as a project's templates/ holds them. */
export interface EmailSources {
  source: string;
  partials: Map<string, string>;
}

export async function emailSources(dir: string): Promise<EmailSources> {
  return { source: await readFile(join(dir, 'email.hbs'), 'utf8'), partials: readPartials(dir) };
}

/**
 * The email as cmr made it before its CSS was inlined into the template: the template rendered
 * with its partials, then juice over the whole email, with the options cmr has always used.
 */
export function referenceEmail({ source, partials }: EmailSources): Template {
  const env = withCmrHelpers(Handlebars.create());
  for (const [name, partial] of partials) env.registerPartial(name, partial);
  const template = env.compile(source);
  return (view) => juice(template(view), { preserveMediaQueries: true, removeStyleTags: true, applyWidthAttributes: true });
}

/** The view an issue's email is rendered from, as renderIssue prepares it. */
export function emailView(valid: ValidDraft, config: Config): IssueView {
  const parse = (markdown: string) => parseMarkdown(markdown, siteUrl(config));
  return issueView({ digest: valid.digest, body: parse(valid.draft.body), disclaimer: parse(config.disclaimer), config });
}
