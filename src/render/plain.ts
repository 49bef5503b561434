import type { Nodes, Parents, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { alignColumns, TEXT_WIDTH, underline, wrap } from './wrap.js';

/** Numbers links in order of appearance, so the text can list them as `[n] url`. */
export class References {
  readonly #urls: string[] = [];
  readonly #numbers = new Map<string, number>();
  #flushed = 0;

  /** The number of `url`, giving it the next number if it is new. */
  number(url: string): number {
    let n = this.#numbers.get(url);
    if (n === undefined) {
      n = this.#urls.push(url);
      this.#numbers.set(url, n);
    }
    return n;
  }

  /** The references added since the last call, for listing at the end of a section. */
  flush(): { n: number; url: string }[] {
    const fresh = this.#urls.slice(this.#flushed).map((url, i) => ({ n: this.#flushed + i + 1, url }));
    this.#flushed = this.#urls.length;
    return fresh;
  }
}

/** Marks a Markdown hard break; soft line breaks are plain white space to rewrap. */
const HARD_BREAK = '\u2028';

/** Renders a Markdown tree as plain-text lines wrapped at `width`; links become `[n]`. */
export function markdownToText(tree: Root, refs: References, width = TEXT_WIDTH): string {
  return blocks(tree.children, refs, width).join('\n\n');
}

function blocks(nodes: readonly RootContent[], refs: References, width: number): string[] {
  return nodes.map((node) => block(node, refs, width)).filter((text) => text !== '');
}

function block(node: RootContent, refs: References, width: number): string {
  switch (node.type) {
    case 'paragraph':
      return paragraph(inline(node.children, refs), width);
    case 'heading':
      return underline(inline(node.children, refs), node.depth <= 2 ? '-' : '.', width).join('\n');
    case 'blockquote':
      return indent(blocks(node.children, refs, width - 4).join('\n\n'), '    ');
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '• ';
          const body = blocks(item.children, refs, width - 2 - marker.length).join('\n');
          return `  ${marker}${indent(body, ' '.repeat(2 + marker.length)).trimStart()}`;
        })
        .join(node.spread ? '\n\n' : '\n');
    case 'code':
      return indent(node.value, '    ');
    case 'table':
      return alignColumns(tableRows(node, refs), width).join('\n');
    case 'thematicBreak':
      return '* * *'.padStart(Math.floor(width / 2) + 2);
    case 'footnoteDefinition':
      return wrap(`[^${node.label ?? node.identifier}] ${blocks(node.children, refs, width).join(' ')}`, width).join('\n');
    case 'html':
    case 'definition':
    case 'yaml':
      return '';
    default:
      return 'children' in node ? paragraph(inline(node.children as PhrasingContent[], refs), width) : '';
  }
}

/** Wraps a paragraph, keeping its hard line breaks. */
function paragraph(text: string, width: number): string {
  // Most paragraphs have no hard break: wrapping them whole spares a split and a flatMap.
  const lines = text.includes(HARD_BREAK) ? text.split(HARD_BREAK).flatMap((line) => wrap(line, width)) : wrap(text, width);
  return lines.join('\n');
}

function inline(nodes: readonly PhrasingContent[], refs: References): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          return node.value;
        case 'inlineCode':
          return node.value;
        case 'break':
          return HARD_BREAK;
        case 'link': {
          const label = inline(node.children, refs);
          return `${label} [${refs.number(node.url)}]`;
        }
        case 'image':
          return `${node.alt ? node.alt : 'image'} [${refs.number(node.url)}]`;
        case 'footnoteReference':
          return `[^${node.label ?? node.identifier}]`;
        case 'html':
          return '';
        default:
          return 'children' in node ? inline((node as Parents).children as PhrasingContent[], refs) : toString(node as Nodes);
      }
    })
    .join('');
}

function tableRows(table: Table, refs: References): string[][] {
  return table.children.map((row) => row.children.map((cell) => inline(cell.children, refs).replace(/\s+/g, ' ').trim()));
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : prefix + line))
    .join('\n');
}
