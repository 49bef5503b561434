import type { Root } from 'mdast';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readDraft } from '../draft/read.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { applyRules, enabledRules, type DraftInputs } from './run.js';
import { RunIndex, type LastRun } from './runs.js';

const NO_RUNS: LastRun = () => undefined;

/**
 * Prepares what the enabled rules need beyond each draft itself, and returns the
 * function that gathers it for one draft. The Markdown parser and the email renderer
 * are loaded only when a rule needs them, so that a plain `cmr check` stays light;
 * the earlier issues of a folder are read and indexed once.
 */
export async function inputsFor(
  drafts: readonly ValidDraft[],
  config: Config,
  options: { root: string; strict?: boolean },
): Promise<(valid: ValidDraft) => Promise<DraftInputs>> {
  const rules = enabledRules(config, options.strict).map(({ rule }) => rule);
  const needsBody = rules.some((rule) => rule.needsBody);
  const renderEmail = rules.some((rule) => rule.needsEmail) ? await emailRenderer(config, options.root) : undefined;
  const parse = needsBody || renderEmail ? await bodyParser(config) : undefined;
  const repeats = rules.some((rule) => rule.id === 'repeat-from-earlier-issue');
  const folders = new FolderIssues(drafts, config);
  return async (valid) => {
    // One parse of the body serves the rules that read it and the email that is measured.
    let tree: Root | undefined;
    const body = parse && (() => (tree ??= parse(valid.draft.body)));
    return {
      lastRun: repeats ? await folders.lastRun(valid) : NO_RUNS,
      body: needsBody ? body : undefined,
      email: renderEmail?.(valid, body!()),
    };
  };
}

/** Runs the editorial rules on every draft, one draft at a time, so a large archive is never held rendered. */
export async function lint(
  drafts: readonly ValidDraft[],
  config: Config,
  options: { root: string; strict?: boolean },
): Promise<Diagnostic[]> {
  const gather = await inputsFor(drafts, config, options);
  const found: Diagnostic[] = [];
  for (const valid of drafts) found.push(...applyRules(valid, config, await gather(valid), options.strict));
  return found;
}

async function bodyParser(config: Config): Promise<(markdown: string) => Root> {
  const [{ parseMarkdown }, { siteUrl }] = await Promise.all([import('../render/markdown.js'), import('../render/summary.js')]);
  return (markdown) => parseMarkdown(markdown, siteUrl(config));
}

async function emailRenderer(config: Config, root: string): Promise<(valid: ValidDraft, body: Root) => string> {
  const [{ renderEmail }, { loadTemplates, templatesDir }] = await Promise.all([
    import('../render/issue.js'),
    import('../render/templates.js'),
  ]);
  const templates = await loadTemplates(templatesDir(root));
  return (valid, body) => renderEmail({ valid, config, templates }, body);
}

/**
 * The issues of each folder, read once per folder. Drafts being checked are reused;
 * the other drafts of the folder are read from disk, so that checking only this
 * week's draft still compares it with the issues already published.
 */
class FolderIssues {
  readonly #known: Map<string, ValidDraft>;
  readonly #folders = new Map<string, Promise<RunIndex>>();

  constructor(
    drafts: readonly ValidDraft[],
    private readonly config: Config,
  ) {
    this.#known = new Map(drafts.map((valid) => [valid.draft.file, valid]));
  }

  async lastRun(valid: ValidDraft): Promise<LastRun> {
    const folder = dirname(valid.draft.file);
    let index = this.#folders.get(folder);
    if (!index) this.#folders.set(folder, (index = this.#read(folder).then((issues) => new RunIndex(issues))));
    return (await index).before(valid.digest.date);
  }

  async #read(folder: string): Promise<ValidDraft[]> {
    const entries = await readdir(folder, { withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => join(folder, entry.name));
    const issues = await Promise.all(files.map(async (file) => this.#known.get(file) ?? (await readDraft(file, this.config.limits)).valid));
    return issues.filter((issue) => issue !== undefined).sort((a, b) => a.digest.date.localeCompare(b.digest.date));
  }
}
