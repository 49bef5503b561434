import type { JuiceModule } from './juice.js';

/** The classes and ids the inlined rules can match: no other class or id changes an element's style. */
export interface SelectorScope {
  classes: ReadonlySet<string>;
  ids: ReadonlySet<string>;
}

/** A type or `*`, then classes and ids: all an element carries itself. */
const COMPOUND = /^(?:\*|[a-zA-Z][a-zA-Z0-9-]*)?(?:[.#]-?[_a-zA-Z][\w-]*)*$/;
/** Descendant and child combinators: relations to ancestors only. */
const COMBINATOR = /\s*>\s*|\s+/;

/**
 * Checks that every rule juice inlines from `css` matches an element by its own tag, classes and
 * id and those of its ancestors, and nothing else: no siblings, position, attributes or state.
 * Only then does an element's inlined style follow from the elements around it in the template.
 */
export function readSelectors(css: string, juice: JuiceModule): { scope: SelectorScope } | { unsupported: string } {
  const classes = new Set<string>();
  const ids = new Set<string>();
  for (const [text] of juice.utils.parseCSS(css)) {
    const selector = text.trim();
    if (skippedByJuice(selector, juice)) continue;
    const compounds = selector.split(COMBINATOR);
    if (compounds.some((compound) => compound === '' || !COMPOUND.test(compound))) {
      return { unsupported: `the selector "${selector}" depends on more than an element's tag, classes, id and ancestors` };
    }
    for (const [, mark, name] of selector.matchAll(/([.#])(-?[_a-zA-Z][\w-]*)/g)) (mark === '.' ? classes : ids).add(name!);
  }
  return { scope: { classes, ids } };
}

/** Juice never inlines a rule with a state such as `:hover` anywhere in its selector. */
function skippedByJuice(selector: string, juice: JuiceModule): boolean {
  return Array.from(new juice.Selector(selector).parsed()).some((part) => part.pseudos?.some((pseudo) => juice.ignoredPseudos.includes(pseudo.name)));
}
