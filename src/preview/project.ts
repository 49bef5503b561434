import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { collectDrafts, DEFAULT_DRAFTS } from '../build/collect.js';
import { lintDrafts } from '../check/lint-drafts.js';
import { CONFIG_FILE, parseConfig } from '../config/load.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadDraft } from '../draft/load.js';
import { readDraft } from '../draft/read.js';
import { renderIssue, type IssueFiles } from '../render/issue.js';
import { loadTemplates, templatesDir, type Templates } from '../render/templates.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { RULE_IDS } from '../rules/registry.js';
import { DUPLICATE_DATE } from '../validate/issue-dates.js';

/** A problem `lintDrafts` found (an editorial rule's, or a shared date), as opposed to one that makes the draft unreadable. */
function isLintProblem(problem: Problem): boolean {
  const id = problem.diagnostic.ruleId ?? '';
  return id === DUPLICATE_DATE || (RULE_IDS as readonly string[]).includes(id);
}

/** A problem to show, with the text it points into (for its code frame) when there is one. */
export interface Problem {
  diagnostic: Diagnostic;
  text?: string;
}

/** One draft as the preview knows it: its last good render, and what is wrong now. */
export interface DraftState {
  /** The draft's path under the project root, without `.md`: its address in the preview. */
  id: string;
  /** Path relative to the project root. */
  file: string;
  valid?: ValidDraft;
  /** The last good render; kept while the draft is invalid, so the editor keeps their place. */
  files?: IssueFiles;
  title?: string;
  problems: Problem[];
  /** Grows with every rebuild, so pages can ask for the newest render. */
  version: number;
}

/**
 * The project as the preview serves it, rebuilt piece by piece: a changed draft
 * re-renders alone; a changed config or template re-renders every draft from the
 * drafts it already holds, without reading them again.
 */
export class PreviewProject {
  readonly drafts = new Map<string, DraftState>();
  /** Problems of the config or the templates, shown on every page. */
  projectProblems: Problem[] = [];
  #config?: Config;
  #templates?: Templates;
  #version = 0;

  constructor(readonly root: string) {}

  get templatesDir(): string {
    return templatesDir(this.root);
  }

  async loadAll(): Promise<void> {
    await this.#readConfig();
    await this.#readTemplates();
    const folder = join(this.root, DEFAULT_DRAFTS);
    const files = existsSync(folder) ? await collectDrafts([folder], this.root) : [];
    for (const file of files) await this.refreshDraft(file);
  }

  /**
   * Reads one draft again (or forgets it when it is gone). Returns the ids of the drafts whose
   * pages changed: its own, and those of the drafts dated as it was or as it is now, whose
   * shared-date problem may have come or gone with it.
   */
  async refreshDraft(file: string): Promise<string[]> {
    const id = file.replace(/\.md$/, '');
    const path = join(this.root, file);
    const before = this.drafts.get(id)?.valid?.digest.date;
    if (!existsSync(path)) {
      this.drafts.delete(id);
      return [id, ...(await this.#relintDated([before], id))];
    }
    const state = this.drafts.get(id) ?? { id, file, problems: [], version: 0 };
    this.drafts.set(id, state);
    const result = await readDraft(path, this.#config?.limits);
    state.valid = result.valid;
    if (result.valid) {
      this.#render(state);
      await this.#lint(state);
    } else state.problems = await withText(path, result.diagnostics);
    state.version = ++this.#version;
    return [id, ...(await this.#relintDated([before, state.valid?.digest.date], id))];
  }

  /** Lints again the valid drafts other than `except` that have one of `dates`; returns their ids. */
  async #relintDated(dates: readonly (string | undefined)[], except: string): Promise<string[]> {
    const relinted: string[] = [];
    for (const state of this.drafts.values()) {
      if (state.id === except || !state.valid || !dates.includes(state.valid.digest.date)) continue;
      await this.#lint(state);
      state.version = ++this.#version;
      relinted.push(state.id);
    }
    return relinted;
  }

  async refreshConfig(): Promise<void> {
    await this.#readConfig();
    this.#renderAll();
    for (const state of this.drafts.values()) await this.#lint(state);
  }

  async refreshTemplates(): Promise<void> {
    await this.#readTemplates();
    this.#renderAll();
  }

  /** Adds what the editorial rules of `cmr check` find in a valid draft, and a date another draft has, to its problems. */
  async #lint(state: DraftState): Promise<void> {
    if (!state.valid || !this.#config) return;
    const valid = state.valid;
    const found = await lintDrafts([valid], this.#config, { root: this.root });
    state.problems = [...state.problems.filter((p) => !isLintProblem(p)), ...(await withText(join(this.root, state.file), found))];
  }

  /** Drafts sorted newest first, as the index lists them. */
  list(): DraftState[] {
    return [...this.drafts.values()].sort((a, b) => b.file.localeCompare(a.file));
  }

  async #readConfig(): Promise<void> {
    const file = join(this.root, CONFIG_FILE);
    const bytes = await readFile(file).catch(() => undefined);
    this.projectProblems = this.projectProblems.filter((p) => p.diagnostic.file !== CONFIG_FILE);
    if (!bytes) {
      this.#config = undefined;
      this.projectProblems.push({ diagnostic: diagnostic(`no ${CONFIG_FILE} in the project`, { file: CONFIG_FILE, rule: 'config' }) });
      return;
    }
    const loaded = parseConfig(CONFIG_FILE, bytes);
    // A broken config keeps the last good one in use, like a broken draft keeps its render.
    if (loaded.config) this.#config = loaded.config;
    this.projectProblems.push(...(await withText(file, loaded.diagnostics)));
  }

  async #readTemplates(): Promise<void> {
    const where = relative(this.root, this.templatesDir) || this.templatesDir;
    this.projectProblems = this.projectProblems.filter((p) => p.diagnostic.ruleId !== 'template');
    try {
      this.#templates = await loadTemplates(this.templatesDir);
    } catch (error) {
      this.projectProblems.push({ diagnostic: diagnostic(templateReason(error), { file: where, rule: 'template' }) });
    }
  }

  #renderAll(): void {
    for (const state of this.drafts.values()) {
      if (!state.valid) continue;
      this.#render(state);
      state.version = ++this.#version;
    }
  }

  #render(state: DraftState): void {
    const valid = state.valid!;
    state.problems = [];
    if (!this.#config || !this.#templates) return;
    try {
      state.files = renderIssue({ valid, config: this.#config, templates: this.#templates }).files;
      state.title = valid.digest.title;
    } catch (error) {
      // Handlebars reports a template mistake only when it first renders with it.
      state.problems = [{ diagnostic: diagnostic(templateReason(error), { file: state.file, rule: 'template' }) }];
    }
  }
}

function templateReason(error: unknown): string {
  return `a template could not be used: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

/** Diagnostics with the file's text, for code frames; paths shown relative to the project, as cmr check shows them. */
async function withText(path: string, diagnostics: Diagnostic[]): Promise<Problem[]> {
  const loaded = await loadDraft(path).catch(() => undefined);
  return diagnostics.map((d) => ({ diagnostic: d, text: loaded?.source?.text }));
}
