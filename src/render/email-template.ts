import { FragmentStyler, type Edits } from './email-fragment.js';
import { readLayout, type LayoutInput } from './email-layout.js';
import { readSelectors } from './email-selectors.js';
import { loadCompiler, runtime, withCmrHelpers } from './handlebars.js';
import { wrapIn, type ElementTag } from './html-tag.js';
import { juice, JUICE_OPTIONS } from './juice.js';
import { compileSet, type Helpers, type PrecompiledStore, type TemplateSet } from './template-set.js';
import type { Template } from './templates.js';
import type { IssueView } from './view.js';

/** The email template: each email comes out with its CSS inlined. */
export interface EmailTemplate {
  render: Template;
  /** Why juice inlines the CSS of each email of this template set, if it does. */
  juicedPerEmail?: string;
}

/**
 * What inlining the email template's CSS once makes: enough to render emails without juice.
 * Plain data, so it can be remembered between runs (see EmailPlanStore).
 */
export interface EmailPlan {
  /** The template and partials with their CSS inlined. */
  template: string;
  partials: [name: string, source: string][];
  /** The CSS juice inlines, for styling the raw fields' elements in new places. */
  css: string;
  /** Each raw field, with the elements around its place in the template. */
  fields: [field: string, chain: ElementTag[]][];
  scope: { classes: string[]; ids: string[] };
  /** What juice sets on the raw fields' elements, by field and place (see FragmentStyler). */
  known: Record<string, [place: string, edits: Edits][]>;
}

/** Where the plan of a template set is remembered between runs; whoever provides it keys it by the templates and cmr's code. */
export interface EmailPlanStore {
  read(): EmailPlan | undefined;
  write(plan: EmailPlan): void;
}

export interface EmailSources {
  source: string;
  partials: ReadonlyMap<string, string>;
  store?: EmailPlanStore;
  /** Where the template with its CSS inlined is remembered compiled. */
  precompiled?: PrecompiledStore;
}

/** The view's raw HTML, sanitized from Markdown: the only markup that comes from drafts and config. */
const STYLED_FIELDS = ['bodyHtml', 'disclaimerHtml'] satisfies (keyof IssueView)[];
/** Marks where each part starts and ends in the document juice inlines them all in. */
const PART_MARK = '<!--cmr-part-';

/**
 * Compiles the email template with its CSS inlined once, so that rendering an email runs no
 * juice: every email is byte for byte what juice makes of the rendered template. Where the
 * template or its CSS lets the data change what juice would do (see readLayout, readSelectors),
 * juice runs on each email instead, and `juicedPerEmail` says why. With a store, the inlining
 * and what was learnt while rendering are remembered, so a later run loads no juice at all
 * until an element turns up in a new place; with `precompiled`, the templates compiled too, so
 * that it loads no Handlebars compiler either.
 */
export async function compileEmail({ source, partials, store, precompiled }: EmailSources): Promise<EmailTemplate> {
  const { email: plain } = await compileSet('plain-email', { templates: { email: source }, partials, options: {} }, { store: precompiled });
  const juiced: Template = (view) => juice()(plain!(view), JUICE_OPTIONS);
  const remembered = store?.read();
  const plan = remembered ?? planInlining({ source, partials }, (await loadCompiler()).parseWithoutProcessing);
  if ('unsupported' in plan) return { render: juiced, juicedPerEmail: plan.unsupported };
  if (!remembered) store?.write(plan);

  const scope = { classes: new Set(plan.scope.classes), ids: new Set(plan.scope.ids) };
  const options = { ...JUICE_OPTIONS, applyStyleTags: false, extraCss: plan.css, insertPreservedExtraCss: false };
  const inline = (html: string) => juice()(html, options);
  const helpers: Helpers = {};
  let exact = true;
  for (const [field, chain] of plan.fields) {
    const learnt = () => {
      plan.known[field] = styler.known();
      store?.write(plan);
    };
    const styler = new FragmentStyler(chain, scope, inline, { known: plan.known[field] ?? [], learnt });
    // Named after the field, so `{{{bodyHtml}}}` calls it (Handlebars looks for a helper before a
    // field) and nothing else sees the styled HTML; readLayout made sure `this` is the view.
    helpers[field] = function (this: object) {
      const html: unknown = Object.hasOwn(this, field) ? (this as Record<string, unknown>)[field] : undefined;
      if (html === undefined || html === null) return html;
      const styled = styler.style(String(html));
      exact &&= styled !== undefined;
      return styled;
    };
  }
  const inlinedSet: TemplateSet = { templates: { email: plan.template }, partials: new Map(plan.partials), options: {} };
  const inlined = (await compileSet('email', inlinedSet, { store: precompiled, helpers })).email!;

  const render: Template = (view) => {
    exact = true;
    const html = inlined(view);
    // juice keeps text between {{ and }} (or <% and %>) as code, unstyled: data that writes them gets juice itself.
    return exact && !html.includes('{{') && !html.includes('<%') ? html : juiced(view);
  };
  return { render };
}

/** Inlines the template's CSS into it and its partials, or says why that cannot be exact. */
function planInlining({ source, partials }: Pick<EmailSources, 'source' | 'partials'>, parse: LayoutInput['parse']): EmailPlan | { unsupported: string } {
  if ([source, ...partials.values()].some((text) => text.includes(PART_MARK))) return { unsupported: `the templates hold ${PART_MARK}` };
  const helpers = new Set(Object.keys(withCmrHelpers(runtime.create()).helpers));
  const read = readLayout({ source, partials, rawFields: STYLED_FIELDS, helpers, codeBlocks: juice().codeBlocks, parse });
  if ('unsupported' in read) return read;
  const { layout } = read;
  const selectors = readSelectors(layout.css, juice());
  if ('unsupported' in selectors) return selectors;
  const options = { ...JUICE_OPTIONS, applyStyleTags: false, extraCss: layout.css, insertPreservedExtraCss: false };
  const names = [...layout.partials.keys()];
  const [template, ...inlinedPartials] = inlineInPlace(
    [{ source, chain: [] }, ...names.map((name) => ({ source: partials.get(name)!, chain: layout.partials.get(name)! }))],
    (html) => juice()(html, options),
  );
  return {
    template: template!,
    partials: names.map((name, i) => [name, inlinedPartials[i]!]),
    css: layout.css,
    fields: [...layout.rawFields].map(([field, chain]) => [field, [...chain]]),
    scope: { classes: [...selectors.scope.classes], ids: [...selectors.scope.ids] },
    known: {},
  };
}

/**
 * Inlines the CSS of each part inside the elements around the place it is included, all in one
 * juice run (the selectors only look at ancestors, so parts side by side do not see each other),
 * and keeps only the parts.
 */
function inlineInPlace(parts: readonly { source: string; chain: readonly ElementTag[] }[], inline: (html: string) => string): string[] {
  const marks = parts.map((_, i) => `${PART_MARK}${i}-->`);
  const html = inline(parts.map(({ source, chain }, i) => wrapIn(chain, marks[i] + source + marks[i])).join(''));
  return marks.map((mark) => {
    const start = html.indexOf(mark) + mark.length;
    return html.slice(start, html.indexOf(mark, start));
  });
}
