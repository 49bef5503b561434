import type { Root } from 'mdast';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readDraft } from '../draft/read.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { enabledRules, type DraftInputs } from './run.js';

/**
 * Reads and renders what the enabled rules need beyond each draft itself. The
 * Markdown parser and the email renderer are loaded only when a rule needs them,
 * so that a plain `cmr check` stays light.
 */
export async function gatherInputs(
  drafts: readonly ValidDraft[],
  config: Config,
  options: { root: string; strict?: boolean },
): Promise<Map<ValidDraft, DraftInputs>> {
  const rules = enabledRules(config, options.strict).map(({ rule }) => rule);
  const parseBody = rules.some((rule) => rule.needsBody) ? await bodyParser(config) : undefined;
  const renderEmail = rules.some((rule) => rule.needsEmail) ? await emailRenderer(config, options.root) : undefined;
  const folders = new FolderIssues(drafts, config);
  const inputs = new Map<ValidDraft, DraftInputs>();
  for (const valid of drafts) {
    const earlier = rules.some((rule) => rule.id === 'repeat-from-earlier-issue') ? await folders.before(valid) : [];
    inputs.set(valid, { earlier, parseBody, email: renderEmail?.(valid) });
  }
  return inputs;
}

async function bodyParser(config: Config): Promise<(markdown: string) => Root> {
  const { parseMarkdown } = await import('../render/markdown.js');
  return (markdown) => parseMarkdown(markdown, config.site_url);
}

async function emailRenderer(config: Config, root: string): Promise<(valid: ValidDraft) => string> {
  const [{ renderIssue }, { loadTemplates, templatesDir }] = await Promise.all([
    import('../render/issue.js'),
    import('../render/templates.js'),
  ]);
  const templates = await loadTemplates(templatesDir(root));
  return (valid) => renderIssue({ valid, config, templates }).files['email.html'];
}

/**
 * The issues of each folder, read once per folder. Drafts being checked are reused;
 * the other drafts of the folder are read from disk, so that checking only this
 * week's draft still compares it with the issues already published.
 */
class FolderIssues {
  readonly #known: Map<string, ValidDraft>;
  readonly #folders = new Map<string, Promise<ValidDraft[]>>();

  constructor(
    drafts: readonly ValidDraft[],
    private readonly config: Config,
  ) {
    this.#known = new Map(drafts.map((valid) => [valid.draft.file, valid]));
  }

  async before(valid: ValidDraft): Promise<ValidDraft[]> {
    const folder = dirname(valid.draft.file);
    let issues = this.#folders.get(folder);
    if (!issues) this.#folders.set(folder, (issues = this.#read(folder)));
    return (await issues).filter((other) => other.digest.date < valid.digest.date);
  }

  async #read(folder: string): Promise<ValidDraft[]> {
    const entries = await readdir(folder, { withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => join(folder, entry.name));
    const issues = await Promise.all(files.map(async (file) => this.#known.get(file) ?? (await readDraft(file, this.config.limits)).valid));
    return issues.filter((issue) => issue !== undefined).sort((a, b) => a.digest.date.localeCompare(b.digest.date));
  }
}
