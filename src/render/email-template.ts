import type Handlebars from 'handlebars';
import { FragmentStyler } from './email-fragment.js';
import { readLayout, type EmailLayout } from './email-layout.js';
import { readSelectors, type SelectorScope } from './email-selectors.js';
import { wrapIn, type ElementTag } from './html-tag.js';
import { JUICE_OPTIONS, loadJuice, type JuiceModule } from './juice.js';
import type { Template } from './templates.js';
import type { IssueView } from './view.js';

/** The email template: each email comes out with its CSS inlined. */
export interface EmailTemplate {
  render: Template;
  /** Why juice inlines the CSS of each email of this template set, if it does. */
  juicedPerEmail?: string;
}

export interface EmailSources {
  source: string;
  partials: ReadonlyMap<string, string>;
  /** A Handlebars environment with cmr's helpers and no partials. */
  createEnvironment: () => typeof Handlebars;
}

/** The view's raw HTML, sanitized from Markdown: the only markup that comes from drafts and config. */
const STYLED_FIELDS = ['bodyHtml', 'disclaimerHtml'] satisfies (keyof IssueView)[];
/** Marks where each part starts and ends in the document juice inlines them all in. */
const PART_MARK = '<!--cmr-part-';

/**
 * Compiles the email template with its CSS inlined once, so that rendering an email runs no
 * juice: every email is byte for byte what juice makes of the rendered template. Where the
 * template or its CSS lets the data change what juice would do (see readLayout, readSelectors),
 * juice runs on each email instead, and `juicedPerEmail` says why.
 */
export async function compileEmail({ source, partials, createEnvironment }: EmailSources): Promise<EmailTemplate> {
  const juice = await loadJuice();
  const plain = withPartials(createEnvironment(), partials).compile(source);
  const juiced: Template = (view) => juice(plain(view), JUICE_OPTIONS);
  const plan = planInlining({ source, partials, createEnvironment }, juice);
  if ('unsupported' in plan) return { render: juiced, juicedPerEmail: plan.unsupported };

  const { layout, scope } = plan;
  const options = { ...JUICE_OPTIONS, applyStyleTags: false, extraCss: layout.css, insertPreservedExtraCss: false };
  const inline = (html: string) => juice(html, options);
  const names = [...layout.partials.keys()];
  const [template, ...inlinedPartials] = inlineInPlace(
    [{ source, chain: [] }, ...names.map((name) => ({ source: partials.get(name)!, chain: layout.partials.get(name)! }))],
    inline,
  );
  const env = withPartials(createEnvironment(), new Map(names.map((name, i) => [name, inlinedPartials[i]!])));
  let exact = true;
  for (const [field, chain] of layout.rawFields) {
    const styler = new FragmentStyler(chain, scope, inline);
    // Named after the field, so `{{{bodyHtml}}}` calls it (Handlebars looks for a helper before a
    // field) and nothing else sees the styled HTML; readLayout made sure `this` is the view.
    env.registerHelper(field, function (this: object) {
      const html: unknown = Object.hasOwn(this, field) ? (this as Record<string, unknown>)[field] : undefined;
      if (html === undefined || html === null) return html;
      const styled = styler.style(String(html));
      exact &&= styled !== undefined;
      return styled;
    });
  }
  const inlined = env.compile(template!);

  const render: Template = (view) => {
    exact = true;
    const html = inlined(view);
    // juice keeps text between {{ and }} (or <% and %>) as code, unstyled: data that writes them gets juice itself.
    return exact && !html.includes('{{') && !html.includes('<%') ? html : juiced(view);
  };
  return { render };
}

function planInlining(
  { source, partials, createEnvironment }: EmailSources,
  juice: JuiceModule,
): { layout: EmailLayout; scope: SelectorScope } | { unsupported: string } {
  if ([source, ...partials.values()].some((text) => text.includes(PART_MARK))) return { unsupported: `the templates hold ${PART_MARK}` };
  const helpers = new Set(Object.keys(createEnvironment().helpers));
  const read = readLayout({ source, partials, rawFields: STYLED_FIELDS, helpers, codeBlocks: juice.codeBlocks });
  if ('unsupported' in read) return read;
  const selectors = readSelectors(read.layout.css, juice);
  if ('unsupported' in selectors) return selectors;
  return { layout: read.layout, scope: selectors.scope };
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

function withPartials(env: typeof Handlebars, partials: ReadonlyMap<string, string>): typeof Handlebars {
  for (const [name, source] of partials) env.registerPartial(name, source);
  return env;
}
