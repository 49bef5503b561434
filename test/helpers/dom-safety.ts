import { defaultSchema } from 'hast-util-sanitize';
import { parseHTML } from 'linkedom';

export const dom = (html: string) => parseHTML(html).document;
type Document = ReturnType<typeof dom>;

/** Elements that carry or load code, or restyle the page, in any context. */
const ACTIVE = ['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'base', 'svg', 'math', 'template', 'meta[http-equiv]'];
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'cite', 'longdesc', 'poster', 'background', 'xlink:href'];

/** Every way `document` could run script or restyle the page, as readable strings; empty when safe. */
export function unsafeParts(document: Document, where = 'html'): string[] {
  const problems: string[] = [];
  for (const element of document.querySelectorAll(ACTIVE.join(','))) problems.push(`<${element.localName}> in ${where}`);
  for (const element of document.querySelectorAll('body style, body link')) problems.push(`<${element.localName}> in the body of ${where}`);
  for (const element of document.querySelectorAll('*')) {
    for (const { name, value } of [...element.attributes]) {
      if (name.toLowerCase().startsWith('on')) problems.push(`${name}= on <${element.localName}>`);
      const squeezed = value.replace(/[\s\u0000-\u001F]/g, '').toLowerCase();
      if (URL_ATTRIBUTES.includes(name.toLowerCase()) && /^(javascript|vbscript|data|file):/.test(squeezed)) {
        problems.push(`${name}="${value}" on <${element.localName}>`);
      }
    }
  }
  return problems;
}

/** hast property names as HTML spells them: className → class, ariaLabel → aria-label. */
function attributeName(property: string): string {
  if (property === 'className') return 'class';
  if (/^aria[A-Z]/.test(property)) return `aria-${property.slice(4).toLowerCase()}`;
  if (/^data[A-Z]/.test(property)) return `data${property.slice(4).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return property.toLowerCase();
}

/** The elements and attributes the Markdown sanitizer lets through, as `tag` and `tag@attribute`. */
export const SANITIZER_ALLOWS: ReadonlySet<string> = new Set([
  ...(defaultSchema.tagNames ?? []),
  ...Object.entries(defaultSchema.attributes ?? {}).flatMap(([tag, attributes]) =>
    attributes.map((attribute) => `${tag}@${attributeName(typeof attribute === 'string' ? attribute : String(attribute[0]))}`),
  ),
]);

/** The elements and attributes of a document, as `tag` and `tag@attribute`. */
export function markup(document: Document): Set<string> {
  const found = new Set<string>();
  for (const element of document.querySelectorAll('*')) {
    found.add(element.localName);
    for (const { name } of [...element.attributes]) found.add(`${element.localName}@${name}`);
  }
  return found;
}

/** What `document` holds that is neither in `template` nor allowed by the sanitizer. */
export function foreignMarkup(document: Document, template: ReadonlySet<string>): string[] {
  return [...markup(document)].filter((part) => {
    if (template.has(part) || SANITIZER_ALLOWS.has(part)) return false;
    const attribute = part.split('@')[1];
    return !(attribute && SANITIZER_ALLOWS.has(`*@${attribute}`));
  });
}
