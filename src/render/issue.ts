import type { Root } from 'mdast';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { renderEml } from './eml.js';
import { parseMarkdown } from './markdown.js';
import type { Templates } from './templates.js';
import { textView } from './text.js';
import { issueView, siteUrl, type IssueSummary } from './view.js';
import { renderWebPage, type WebView } from './web-page.js';

/** The files of one issue, by name inside its folder; `issue.eml` when the config names a sender. */
export type IssueFiles = Record<'index.html' | 'email.html' | 'email.txt' | 'digest.json', string> & { 'issue.eml'?: string };

/** The files of one issue, and what its web page shows. */
export interface RenderedIssue {
  files: IssueFiles;
  /**
   * The view of the issue without its neighbours, from which its web page is made again when
   * they change (see `renderWebPage`), and its feed entry when the feeds carry it (see `feedEntry`).
   */
  view: WebView;
}

export interface RenderInput {
  valid: ValidDraft;
  config: Config;
  templates: Templates;
  previous?: IssueSummary;
  next?: IssueSummary;
}

/** Renders every output of one issue from a single parse of its body. */
export function renderIssue(input: RenderInput): RenderedIssue {
  const { valid, config, templates } = input;
  const { view, body, disclaimer } = prepare(input);
  const html = templates.email(view);
  const text = tidyText(templates.text(textView(view, body, disclaimer)));
  const { previous, next, ...webView } = view;
  const files: IssueFiles = {
    'index.html': renderWebPage(templates, webView, { previous, next }),
    'email.html': html,
    'email.txt': text,
    'digest.json': `${JSON.stringify({ ...valid.digest, body: valid.draft.body }, null, 2)}\n`,
  };
  if (config.email) {
    const { title: subject, date, url } = view.issue;
    files['issue.eml'] = renderEml({ from: config.email.from, subject, date, url, language: config.language, text, html });
  }
  return { files, view: webView };
}


/**
 * Only the email HTML of an issue, exactly as `renderIssue` writes it: what the email-size
 * rule measures, from the body the rules already parsed when they did.
 */
export function renderEmail(input: Omit<RenderInput, 'templates'> & { templates: Pick<Templates, 'email'> }, body?: Root): string {
  return input.templates.email(prepare(input, body).view);
}

/** The body parsed once, and the view model every template of the issue renders. */
function prepare({ valid, config, previous, next }: Omit<RenderInput, 'templates'>, parsed?: Root) {
  const body = parsed ?? parseMarkdown(valid.draft.body, siteUrl(config));
  const disclaimer = disclaimerOf(config);
  return { body, disclaimer, view: issueView({ digest: valid.digest, body, disclaimer, config, previous, next }) };
}

/** The disclaimer is the same in every issue of a config: parsed once. */
function disclaimerOf(config: Config): Root {
  let tree = disclaimers.get(config);
  if (!tree) {
    tree = parseMarkdown(config.disclaimer, siteUrl(config));
    disclaimers.set(config, tree);
  }
  return tree;
}

const disclaimers = new WeakMap<Config, Root>();

/** Trims trailing spaces and runs of blank lines left by optional template blocks. */
function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
