import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { defaultSchema } from 'hast-util-sanitize';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * GitHub's Markdown (tables, strikethrough, footnotes, task lists) without its autolink
 * literals: finding bare URLs in text doubles the cost of parsing a body, and a link in an
 * email should say where it goes anyway. The bare-url rule points editors at bare URLs.
 */
function gfmWithoutAutolinkLiterals(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const parser = unified().use(remarkParse).use(gfmWithoutAutolinkLiterals).freeze();
/**
 * The only ids in a body are footnotes', which mdast-util-to-hast already prefixes with
 * `user-content-` (against DOM clobbering); prefixing them again would break their links.
 */
const FOOTNOTES_PREFIXED_ONCE = { ...defaultSchema, clobberPrefix: '' };

// remark-html's default sanitizer (GitHub's schema) drops raw HTML, event handlers,
// styles and every URL scheme but http(s), mailto, irc and xmpp. Named references
// (`&amp;`, not `&#x26;`) keep hrefs the same as the templates write them, for link trackers.
const htmlCompiler = unified()
  .use(remarkHtml, { sanitize: FOOTNOTES_PREFIXED_ONCE, characterReferences: { useNamedReferences: true } })
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
