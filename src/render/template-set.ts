import type Handlebars from 'handlebars';
import { loadCompiler, runtime, withCmrHelpers, type HandlebarsRuntime } from './handlebars.js';
import type { Template } from './templates.js';

/**
 * Templates compiled together, in one Handlebars environment, with the partials they may
 * include. Their sources are template files (or the email's, its CSS inlined), never drafts:
 * drafts only reach templates as the data they render.
 */
export interface TemplateSet {
  templates: Readonly<Record<string, string>>;
  partials: ReadonlyMap<string, string>;
  /** How the templates are compiled; the partials they include are compiled the same way. */
  options: Pick<CompileOptions, 'noEscape'>;
}

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** A template set's precompiled module: the specification of each template and partial, by name. */
export interface PrecompiledSet {
  templates: [name: string, spec: TemplateSpec][];
  partials: [name: string, spec: TemplateSpec][];
}

/**
 * Where precompiled template sets are remembered between runs, as CommonJS modules. `identity`
 * holds all that a set's compiled form depends on but cmr's code, which whoever provides the
 * store adds.
 */
export interface PrecompiledStore {
  /** The module written for `identity` under `name`, if it is there, whole. */
  read(name: string, identity: string): PrecompiledSet | undefined;
  /** Remembers `code`, a module exporting `templates` and `partials` (see PrecompiledSet); only the latest module of a name is kept. */
  write(name: string, identity: string, code: string): void;
}

export type Helpers = Record<string, Handlebars.HelperDelegate>;

/**
 * The templates of `set`, in an environment of their own with cmr's helpers and `helpers`. With
 * a store, their compiled form is remembered under `name`, so that a later run needs only
 * Handlebars' runtime: it neither loads nor runs the compiler. A set not remembered yet is
 * precompiled, written and read back, rather than compiled twice.
 */
export async function compileSet(name: string, set: TemplateSet, { store, helpers = {} }: { store?: PrecompiledStore; helpers?: Helpers } = {}): Promise<Record<string, Template>> {
  if (!store) return compileNow(set, helpers);
  const identity = identityOf(set);
  let precompiled = store.read(name, identity);
  if (!precompiled) {
    store.write(name, identity, await precompiledModule(set));
    precompiled = store.read(name, identity);
  }
  return precompiled ? fromPrecompiled(precompiled, helpers) : compileNow(set, helpers);
}

/** The templates of `set` compiled by Handlebars' compiler, each on its first use, and each partial on the first use of one that includes it. */
async function compileNow({ templates, partials, options }: TemplateSet, helpers: Helpers): Promise<Record<string, Template>> {
  const env = environment(await loadCompiler(), helpers);
  for (const [name, source] of partials) env.registerPartial(name, source);
  return Object.fromEntries(Object.entries(templates).map(([name, source]) => [name, env.compile(source, options)]));
}

function fromPrecompiled({ templates, partials }: PrecompiledSet, helpers: Helpers): Record<string, Template> {
  const env = environment(runtime, helpers);
  for (const [name, spec] of partials) env.registerPartial(name, env.template(spec));
  return Object.fromEntries(templates.map(([name, spec]) => [name, env.template(spec)]));
}

/** An environment of its own, made by `handlebars` (with its compiler or not), with cmr's helpers and `helpers`. */
function environment<H extends HandlebarsRuntime>(handlebars: H, helpers: Helpers): H {
  const env = withCmrHelpers(handlebars.create() as unknown as H);
  for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper);
  return env;
}

/** What the compiled form of `set` depends on besides cmr's code: Handlebars' version, the options and every source. */
function identityOf({ templates, partials, options }: TemplateSet): string {
  return JSON.stringify({ handlebars: runtime.VERSION, options, templates: Object.entries(templates), partials: [...partials] });
}

/**
 * The module of `set` precompiled: the partials are compiled with the templates' options, as
 * Handlebars compiles a partial given as source when a template first includes it.
 */
async function precompiledModule({ templates, partials, options }: TemplateSet): Promise<string> {
  const { precompile } = await loadCompiler();
  // Pairs rather than object keys, so that no name (`__proto__`) means anything to JavaScript; precompile changes the options it is given.
  const specs = (sources: Iterable<[string, string]>) =>
    [...sources].map(([name, source]) => `  [${JSON.stringify(name)}, ${precompile(source, { ...options }) as unknown as string}],\n`).join('');
  return `exports.templates = [\n${specs(Object.entries(templates))}];\nexports.partials = [\n${specs(partials)}];\n`;
}
