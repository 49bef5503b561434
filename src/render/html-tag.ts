/**
 * Start and end tags written exactly as juice writes elements back: cheerio's serializer
 * (dom-serializer) in HTML mode with entities left as they were read. Markup built from these is
 * never presentation: it either mirrors markup juice would have rewritten, or only feeds juice.
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
