import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { compileEmail, type EmailPlanStore } from './email-template.js';
import { labelled, underline, wrap } from './wrap.js';

export type Template = (context: object) => string;

export interface Templates {
  web: Template;
  /** The email, its CSS inlined. */
  email: Template;
  text: Template;
  archive: Template;
  /** The article alone, as the feeds carry it. */
  entry: Template;
  /** The Atom feed of the site. */
  feed: Template;
}

/** Each template by its file in the templates folder. */
const TEMPLATE_FILES: Record<keyof Templates, string> = {
  web: 'web.hbs',
  email: 'email.hbs',
  text: 'text.hbs',
  archive: 'archive.hbs',
  entry: 'entry.hbs',
  feed: 'feed.xml.hbs',
};

// Where templates live is apart from Handlebars, so a build with nothing to render never loads it.
export { BUILTIN_TEMPLATES, templatesDir } from './templates-dir.js';

/**
 * Handlebars escapes `=` as `&#x3D;`, which some link trackers fail to decode in
 * hrefs. Templates quote every attribute, so escaping &, <, >, " and ' is enough.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(value: unknown): string {
  if (value instanceof Handlebars.SafeString) return value.toHTML();
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
(Handlebars.Utils as { escapeExpression: typeof escapeHtml }).escapeExpression = escapeHtml;

/**
 * Compiles the templates `names` (by default every one) and the partials of `dir` once, in an
 * environment of its own; the email's CSS is inlined into its template here (see compileEmail),
 * so what needs only the archive and the feeds does not ask for the email.
 */
export async function loadTemplates<K extends keyof Templates = keyof Templates>(
  dir: string,
  names: readonly K[] = Object.keys(TEMPLATE_FILES) as K[],
  emailPlans?: EmailPlanStore,
): Promise<Pick<Templates, K>> {
  const partials = await readPartials(dir);
  const env = createEnvironment();
  for (const [name, source] of partials) env.registerPartial(name, source);
  const compiled = await Promise.all(
    names.map(async (name) => {
      const source = await readFile(join(dir, TEMPLATE_FILES[name]), 'utf8');
      if (name === 'email') return [name, (await compileEmail({ source, partials, createEnvironment, store: emailPlans })).render] as const;
      return [name, env.compile(source, { noEscape: name === 'text' })] as const;
    }),
  );
  return Object.fromEntries(compiled) as Pick<Templates, K>;
}

/** A Handlebars environment of its own with cmr's helpers. */
export function createEnvironment(): typeof Handlebars {
  const env = Handlebars.create();
  registerHelpers(env);
  return env;
}

/** Every partial of `dir`, by its name: its path under `partials/` without `.hbs`. */
export async function readPartials(dir: string): Promise<Map<string, string>> {
  const partials = new Map<string, string>();
  for (const file of await listFiles(join(dir, 'partials'))) {
    const name = relative(join(dir, 'partials'), file).split(sep).join('/').replace(/\.hbs$/, '');
    partials.set(name, await readFile(file, 'utf8'));
  }
  return partials;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

type BlockOptions = Handlebars.HelperOptions;

/** Helpers for laying out plain text; HTML templates need none. */
function registerHelpers(env: typeof Handlebars): void {
  env.registerHelper('wrap', function (this: unknown, options: BlockOptions) {
    const indent = String(options.hash.indent ?? '');
    return options
      .fn(this)
      .split(/\n{2,}/)
      .map((paragraph) => wrap(paragraph, 78, indent).join('\n'))
      .join('\n\n');
  });
  env.registerHelper('underline', function (this: unknown, char: string, options: BlockOptions) {
    return underline(options.fn(this).trim(), char).join('\n');
  });
  env.registerHelper('link', (label: string, url: string) => labelled(`${label}:`, url));
  env.registerHelper('ref', (n: number, url: string) => labelled(`[${n}]`, url));
}
