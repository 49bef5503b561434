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
import { walkTree } from './walk.js';

/**
 * GitHub's Markdown (tables, strikethrough, footnotes, task lists) without its autolink
 * literals: finding bare URLs in text doubles the cost of parsing a body, and a link in an
 * email should say where it goes anyway. The bare-url rule points editors at bare URLs.
 *
 * Each extension is tried at places where plain Markdown would not look (a table at the start
 * of every paragraph line), and costs a fifth of a body's parse in all. None can match without
 * the characters it opens with, so a body is parsed with only the extensions its characters
 * allow: the tree is the same (test/markdown-extensions.test.ts).
 */
const EXTENSIONS = [
  { name: 'table', needs: /\|/, syntax: gfmTable, tree: gfmTableFromMarkdown },
  { name: 'strikethrough', needs: /~/, syntax: gfmStrikethrough, tree: gfmStrikethroughFromMarkdown },
  { name: 'footnote', needs: /\[\^/, syntax: gfmFootnote, tree: gfmFootnoteFromMarkdown },
  { name: 'task list', needs: /\[[\sxX]\]/, syntax: gfmTaskListItem, tree: gfmTaskListItemFromMarkdown },
] as const;

export type ExtensionName = (typeof EXTENSIONS)[number]['name'];

/** The named extensions, for micromark (`syntax`) and for mdast-util-from-markdown (`tree`). */
export function extensionsOf(names: readonly ExtensionName[]) {
  const used = EXTENSIONS.filter((extension) => names.includes(extension.name));
  return { syntax: used.map((extension) => extension.syntax()), tree: used.map((extension) => extension.tree()) };
}

/** A parser with the named extensions, built once per set of them. */
function parserWith(names: readonly ExtensionName[]): Parser {
  const id = names.join();
  let parser = parsers.get(id);
  if (!parser) {
    const { syntax, tree } = extensionsOf(names);
    parser = unified()
      .use(remarkParse)
      .use(function gfmWithoutAutolinkLiterals(this: Processor) {
        const data = this.data();
        (data.micromarkExtensions ??= []).push(...syntax);
        (data.fromMarkdownExtensions ??= []).push(...tree);
      })
      .freeze();
    parsers.set(id, parser);
  }
  return parser;
}

/** What the parse of a body needs of a unified processor. */
interface Parser {
  parse(markdown: string): unknown;
}

const parsers = new Map<string, Parser>();

/** Every extension, as the parse of any Markdown uses them. */
export const ALL_EXTENSIONS: readonly ExtensionName[] = EXTENSIONS.map((extension) => extension.name);

/** Parses Markdown with the given extensions only (tests hold `extensionsFor`'s choice to the parse with all of them). */
export function parseWith(markdown: string, names: readonly ExtensionName[]): Root {
  return parserWith(names).parse(markdown) as Root;
}

/** The extensions whose opening characters occur in `markdown`. */
export function extensionsFor(markdown: string): ExtensionName[] {
  return EXTENSIONS.filter((extension) => extension.needs.test(markdown)).map((extension) => extension.name);
}

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
  const tree = parseWith(markdown, extensionsFor(markdown));
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
  walkTree(tree, (node) => {
    if ('url' in node && !/^[a-z][a-z0-9+.-]*:/i.test(node.url) && URL.canParse(node.url, baseUrl)) node.url = new URL(node.url, baseUrl).href;
  });
}
