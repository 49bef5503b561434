import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileEmail, type EmailPlanStore } from './email-template.js';
import { compileSet, type PrecompiledStore, type TemplateSet } from './template-set.js';

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

/**
 * The templates compiled together, each set always whole, so that its compiled form is the same
 * whichever of its templates a run asks for. The plain text is not escaped, nor are the partials
 * it includes; the email's CSS is inlined into it first (see compileEmail).
 */
const SETS = {
  html: { names: ['web', 'archive', 'entry', 'feed'], options: {} },
  text: { names: ['text'], options: { noEscape: true } },
} as const satisfies Record<string, { names: readonly (keyof Templates)[]; options: TemplateSet['options'] }>;

// Where templates live is apart from Handlebars, so a build with nothing to render never loads it.
export { BUILTIN_TEMPLATES, templatesDir } from './templates-dir.js';

/** What is remembered of the templates between runs, in `.cache/cmr/`; without a store, each run does the work again. */
export interface TemplateStores {
  emailPlans?: EmailPlanStore;
  precompiled?: PrecompiledStore;
}

/**
 * Compiles the templates `names` (by default every one) and the partials of `dir` once; the
 * email's CSS is inlined into its template here (see compileEmail), so what needs only the
 * archive and the feeds does not ask for the email. With `stores`, both are remembered for
 * later runs.
 */
export async function loadTemplates<K extends keyof Templates = keyof Templates>(
  dir: string,
  names: readonly K[] = Object.keys(TEMPLATE_FILES) as K[],
  stores: TemplateStores = {},
): Promise<Pick<Templates, K>> {
  const partials = readPartials(dir);
  const read = (name: keyof Templates) => readFileSync(join(dir, TEMPLATE_FILES[name]), 'utf8');
  const sources = (set: readonly (keyof Templates)[]) => Object.fromEntries(set.map((name) => [name, read(name)]));
  const email = async () => {
    const { render } = await compileEmail({ source: read('email'), partials, store: stores.emailPlans, precompiled: stores.precompiled });
    return { email: render };
  };
  const compiled = await Promise.all([
    ...Object.entries(SETS)
      .filter(([, set]) => set.names.some((name) => names.includes(name as K)))
      .map(([name, set]) => compileSet(name, { templates: sources(set.names), partials, options: set.options }, { store: stores.precompiled })),
    names.includes('email' as K) ? email() : {},
  ]);
  return Object.assign({}, ...compiled) as Pick<Templates, K>;
}

/**
 * Every partial of `dir`, by its name: its path under `partials/` without `.hbs`. Read
 * synchronously: a dozen small files, each faster this way than through libuv's threads, and a
 * rebuild waits for them before it renders anything.
 */
export function readPartials(dir: string): Map<string, string> {
  const partials = new Map<string, string>();
  for (const file of listFiles(join(dir, 'partials'))) {
    const name = relative(join(dir, 'partials'), file).split(sep).join('/').replace(/\.hbs$/, '');
    partials.set(name, readFileSync(file, 'utf8'));
  }
  return partials;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
