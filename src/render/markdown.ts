import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();
// remark-html's default sanitizer (GitHub's schema) drops raw HTML, event handlers,
// styles and every URL scheme but http(s), mailto, irc and xmpp. Named references
// (`&amp;`, not `&#x26;`) keep hrefs the same as the templates write them, for link trackers.
const htmlCompiler = unified()
  .use(remarkHtml, { sanitize: true, characterReferences: { useNamedReferences: true } })
  .freeze();

/** Parses a Markdown body once; every output format renders from this tree. */
export function parseMarkdown(markdown: string, baseUrl: string): Root {
  const tree = parser.parse(markdown);
  absolutizeLinks(tree, baseUrl);
  return tree;
}

/** Sanitized HTML of a Markdown tree; a tree shared by every issue (the disclaimer) is rendered once. */
export function markdownToHtml(tree: Root): string {
  let html = rendered.get(tree);
  if (html === undefined) {
    html = htmlCompiler.stringify(tree).trim();
    rendered.set(tree, html);
  }
  return html;
}

const rendered = new WeakMap<Root, string>();

/** Relative links would break in a mail client, so they resolve against the site URL. */
function absolutizeLinks(tree: Root, baseUrl: string): void {
  visit(tree, ['link', 'image', 'definition'], (node) => {
    const target = node as { url: string };
    if (/^[a-z][a-z0-9+.-]*:/i.test(target.url) || !URL.canParse(target.url, baseUrl)) return;
    target.url = new URL(target.url, baseUrl).href;
  });
}
