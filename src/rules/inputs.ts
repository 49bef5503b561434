import type { Root } from 'mdast';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { enabledRules, type DraftInputs } from './run.js';

/**
 * Prepares what the enabled draft rules need beyond each draft itself, and returns the
 * function that gathers it for one draft. The Markdown parser and the email renderer
 * are loaded only when a rule needs them, so that a plain `cmr check` stays light.
 */
export async function inputsFor(config: Config, root: string): Promise<(valid: ValidDraft) => DraftInputs> {
  const rules = enabledRules(config).flatMap(({ rule }) => (rule.kind === 'folder' ? [] : [rule]));
  const needsBody = rules.some((rule) => rule.needsBody);
  const renderEmail = rules.some((rule) => rule.needsEmail) ? await emailRenderer(config, root) : undefined;
  const parse = needsBody || renderEmail ? await bodyParser(config) : undefined;
  return (valid) => {
    // One parse of the body serves the rules that read it and the email that is measured.
    let tree: Root | undefined;
    const body = parse && (() => (tree ??= parse(valid.draft.body)));
    return { body: needsBody ? body : undefined, email: renderEmail?.(valid, body!()) };
  };
}

async function bodyParser(config: Config): Promise<(markdown: string) => Root> {
  const [{ parseMarkdown }, { siteUrl }] = await Promise.all([import('../render/markdown.js'), import('../render/summary.js')]);
  return (markdown) => parseMarkdown(markdown, siteUrl(config));
}

async function emailRenderer(config: Config, root: string): Promise<(valid: ValidDraft, body: Root) => string> {
  const [{ renderEmail }, { loadTemplates, templatesDir }, { templateStores }] = await Promise.all([
    import('../render/issue.js'),
    import('../render/templates.js'),
    import('../build/template-stores.js'),
  ]);
  // How the template's CSS is inlined and how the templates compile depend only on the templates
  // and cmr's code: remembered, they spare loading juice and Handlebars' compiler.
  const dir = templatesDir(root);
  const templates = await loadTemplates(dir, ['email'], templateStores(root, dir));
  return (valid, body) => renderEmail({ valid, config, templates }, body);
}
