import type Handlebars from 'handlebars';
import runtimeModule from 'handlebars/runtime.js';
import { labelled, underline, wrap } from './wrap.js';

/** Handlebars without its compiler (its own type definitions declare nothing of it). */
export type HandlebarsRuntime = Omit<typeof Handlebars, 'compile' | 'precompile' | 'parse' | 'parseWithoutProcessing'>;

/** Handlebars' runtime alone: all that precompiled templates need. */
export const runtime = runtimeModule as unknown as HandlebarsRuntime;

let compiler: Promise<typeof Handlebars> | undefined;

/**
 * Handlebars with its compiler, loaded on first use: templates whose compiled form is remembered
 * never need it. It shares the runtime's modules (its escaping, SafeString, helpers).
 */
export function loadCompiler(): Promise<typeof Handlebars> {
  return (compiler ??= import('handlebars').then((module) => module.default));
}

/**
 * Handlebars escapes `=` as `&#x3D;`, which some link trackers fail to decode in
 * hrefs. Templates quote every attribute, so escaping &, <, >, " and ' is enough.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(value: unknown): string {
  if (value instanceof runtime.SafeString) return value.toHTML();
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
(runtime.Utils as { escapeExpression: typeof escapeHtml }).escapeExpression = escapeHtml;

type BlockOptions = Handlebars.HelperOptions;

/** `env` with cmr's helpers for laying out plain text; HTML templates need none. */
export function withCmrHelpers<H extends HandlebarsRuntime>(env: H): H {
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
  return env;
}
