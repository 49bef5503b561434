/**
 * HTML as juice reads and writes it: which elements its parser treats apart, and tags written
 * exactly as cheerio's serializer (dom-serializer, HTML mode, entities left as they were read)
 * writes them. Markup built here is never presentation: it either mirrors markup juice would have
 * rewritten, or only feeds juice.
 */

export type Attributes = Record<string, string>;

/** An element as the CSS inliner sees it: its name and attributes. */
export interface ElementTag {
  name: string;
  attribs: Attributes;
}

/** Elements without an end tag, as both the HTML parser and the serializer know them. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr',
]);

/** Elements that only take text, where the HTML parser reads no markup. */
export const TEXT_ONLY_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'title', 'textarea']);

/** Elements juice's HTML parser (htmlparser2 9, in cheerio) reads differently from cmr's (htmlparser2 12). */
export const PARSED_DIFFERENTLY: ReadonlySet<string> = new Set(['svg', 'math', 'form', 'iframe', 'noembed', 'noframes', 'plaintext', 'xmp']);

/** `<name key="value" empty>`: an empty value is written as a bare name, and `"` as `&quot;`. */
export function startTag({ name, attribs }: ElementTag): string {
  let tag = `<${name}`;
  for (const key of Object.keys(attribs)) {
    const value = attribs[key]!;
    tag += value === '' ? ` ${key}` : ` ${key}="${value.replace(/"/g, '&quot;')}"`;
  }
  return `${tag}>`;
}

export function endTag({ name }: ElementTag): string {
  return VOID_ELEMENTS.has(name) ? '' : `</${name}>`;
}

/** `inner` inside the elements of `chain`, outermost first. */
export function wrapIn(chain: readonly ElementTag[], inner: string): string {
  return chain.map(startTag).join('') + inner + chain.map(endTag).reverse().join('');
}
