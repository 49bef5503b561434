import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { BUILTIN_TEMPLATES } from '../render/templates.js';
import { codeFrame } from '../report/frame.js';
import type { DraftState, PreviewProject, Problem } from './project.js';

/** The preview's own pages. They are cmr's interface, so they always come from cmr's templates. */
export const PREVIEW_TEMPLATES = join(BUILTIN_TEMPLATES, 'preview');

/** Static files the preview serves, by URL path; nothing else is ever read for a request. */
export const ASSETS = {
  '/assets/preview.css': { file: 'preview.css', type: 'text/css; charset=utf-8' },
  '/assets/preview.js': { file: 'preview.js', type: 'text/javascript; charset=utf-8' },
} as const;
export type AssetPath = keyof typeof ASSETS;

export interface PreviewPages {
  index(project: PreviewProject): string;
  draft(project: PreviewProject, state: DraftState): string;
  asset(path: AssetPath): string;
}

interface ProblemView {
  where: string;
  severity: 'error' | 'warning';
  message: string;
  field?: string;
  rule: string;
  frame: { gutter: string; text: string; focus: boolean }[];
}

/** Compiles the preview's templates and reads its assets, once per (re)load. */
export async function loadPreviewPages(dir = PREVIEW_TEMPLATES): Promise<PreviewPages> {
  const env = Handlebars.create();
  env.registerPartial('problems', await readFile(join(dir, 'problems.hbs'), 'utf8'));
  const index = env.compile(await readFile(join(dir, 'index.hbs'), 'utf8'));
  const draft = env.compile(await readFile(join(dir, 'draft.hbs'), 'utf8'));
  const assets = new Map<AssetPath, string>();
  for (const [path, asset] of Object.entries(ASSETS)) assets.set(path as AssetPath, await readFile(join(dir, asset.file), 'utf8'));
  return {
    index: (project) => index(indexView(project)),
    draft: (project, state) => draft(draftView(project, state)),
    asset: (path) => assets.get(path)!,
  };
}

function indexView(project: PreviewProject) {
  return {
    problems: problemsView(project.root, project.projectProblems),
    drafts: project.list().map((state) => ({
      href: draftHref(state.id),
      file: state.file,
      title: state.title ?? '',
      problems: state.problems.length === 0 ? '' : plural(state.problems.length, 'problem'),
    })),
  };
}

function draftView(project: PreviewProject, state: DraftState) {
  const problems = problemsView(project.root, [...project.projectProblems, ...state.problems]);
  return {
    id: state.id,
    file: state.file,
    title: state.title ?? '',
    version: state.version,
    rendered: state.files !== undefined,
    text: state.files?.['email.txt'] ?? '',
    problems,
    problemsHeading: `${plural(problems.length, 'problem')}${!state.valid && state.files ? ': showing the last good render' : ''}`,
  };
}

/** Where a draft's preview lives; its id is a project path, each segment encoded. */
export function draftHref(id: string): string {
  return `/draft/${id.split('/').map(encodeURIComponent).join('/')}/`;
}

/** Problems as `cmr check` prints them, `file:line:column` first, with a code frame. */
function problemsView(root: string, problems: readonly Problem[]): ProblemView[] {
  return problems.map(({ diagnostic, text }) => {
    const file = diagnostic.file && isAbsolute(diagnostic.file) ? relative(root, diagnostic.file) : (diagnostic.file ?? '');
    const frame = text === undefined || diagnostic.line === undefined ? [] : codeFrame(text, diagnostic);
    const width = String(Math.max(0, ...frame.map((line) => line.number ?? 0))).length;
    return {
      where: `${file}:${diagnostic.line ?? 1}:${diagnostic.column ?? 1}`,
      severity: diagnostic.fatal ? 'error' : 'warning',
      message: diagnostic.reason,
      field: diagnostic.field,
      rule: diagnostic.ruleId ?? '',
      frame: frame.map((line) => ({ gutter: String(line.number ?? '').padStart(width), text: line.text, focus: line.focus })),
    };
  });
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
