import jsYaml from 'js-yaml';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LineIndex } from '../diagnostics/lines.js';
import { parseYaml, type YamlResult } from './yaml.js';

// Constructs where js-yaml and the `yaml` package could read the same text differently. Each
// alternative starts with the character it is about, then looks behind for what must precede it
// (a line start, a space, a separator): a pattern that starts with a rare character is found
// several times faster than one that starts with a line start or a space.
/**
 * Anchors, aliases, tags and explicit `?` keys at the start of a token (alias limits, unknown
 * tags, complex keys), tabs (indentation rules), merge keys, comments glued to a value, and
 * block scalars (| or >).
 */
const SPECIAL_TOKEN = /[&*!](?<=(?:^|[\s[{,]).)(?=\S)|\?(?<=(?:^|[\s[{,]).)(?:\s|$)|\t|<<|["'\]}]#|[|>](?<=(?:^|\s).)[-+\d]*[ ]*(?:#.*)?$/m;
/**
 * Numbers written where the two disagree: YAML 1.1 style binary, octal or hexadecimal, a sign
 * before a point (`-.5`, `+.5`: text to js-yaml), a negative zero without a point (js-yaml drops
 * its sign). `-0.7` reads alike in both, so price changes below one stay on the fast path.
 */
const NUMBER_FORM = /[-+](?<=(?:^|[\s[{,:]).)(?:0[bBoOxX]|\.)|-(?<=(?:^|[\s[{,:]).)0(?!\.)|0(?<=(?:^|[\s[{,:]).)[bBoOxX]/m;
/** Directives and document markers. */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;
/** The `yaml` package refuses implicit keys longer than this. */
const LONGEST_LINE = 1000;
/** What the layout checks look at: line ends, quotes, brackets, and a backslash, which hides the next character. */
const LAYOUT_MARK = /[\n"'[\]{}\\]/g;
/** The indentation of a line: the white space trimStart() would remove, up to the line end. */
const INDENT = /[^\S\n]*/y;

/**
 * Whether the text holds a construct where the two parsers could disagree, or a quoted scalar
 * or flow collection spanning lines, or a layout the `yaml` package is stricter about.
 */
function needsFullParser(yaml: string): boolean {
  return SPECIAL_TOKEN.test(yaml) || NUMBER_FORM.test(yaml) || DOCUMENT_MARKER.test(yaml) || !layoutIsPlain(yaml);
}

/**
 * Whether the first line with content starts at the left margin, and every line is shorter than
 * LONGEST_LINE and closes every quote and bracket it opens (an odd number of quotes, or
 * unbalanced brackets, means something continues on the next line). The text is walked once
 * from mark to mark: front matter has hundreds of lines, and splitting it and matching each
 * line cost more than js-yaml itself.
 */
function layoutIsPlain(yaml: string): boolean {
  if (!startsAtMargin(yaml)) return false;
  let lineStart = 0;
  let doubleQuotes = 0;
  let singleQuotes = 0;
  let brackets = 0;
  for (LAYOUT_MARK.lastIndex = 0; ; ) {
    const found = LAYOUT_MARK.test(yaml);
    const at = found ? LAYOUT_MARK.lastIndex - 1 : yaml.length;
    switch (found ? yaml[at] : '\n') {
      case '\n':
        if (at - lineStart > LONGEST_LINE || doubleQuotes % 2 === 1 || singleQuotes % 2 === 1 || brackets !== 0) return false;
        if (!found) return true;
        lineStart = at + 1;
        doubleQuotes = singleQuotes = brackets = 0;
        break;
      case '\\':
        if (yaml[at + 1] !== '\n') LAYOUT_MARK.lastIndex = at + 2;
        break;
      case '"':
        doubleQuotes++;
        break;
      case "'":
        singleQuotes++;
        break;
      case '[':
      case '{':
        brackets++;
        break;
      default:
        brackets--;
    }
  }
}

/**
 * Whether the first line that is neither blank nor a comment starts at the left margin. How
 * later lines indent is js-yaml's to read: it refuses indentation that does not nest, or reads
 * it as the `yaml` package does (the property tests compare the two).
 */
function startsAtMargin(yaml: string): boolean {
  for (let lineStart = 0; ; ) {
    INDENT.lastIndex = lineStart;
    INDENT.test(yaml);
    const content = INDENT.lastIndex;
    if (content < yaml.length && yaml[content] !== '\n' && yaml[content] !== '#') return content === lineStart;
    const lineEnd = yaml.indexOf('\n', content);
    if (lineEnd === -1) return true;
    lineStart = lineEnd + 1;
  }
}

/**
 * Parses front matter YAML. Most front matter is read by js-yaml, several times faster than
 * the `yaml` package; the `yaml` package's syntax tree, which only locating a problem needs,
 * is built on first use. Text js-yaml refuses, or that holds a construct where the two could
 * disagree, goes to the `yaml` package directly, so both paths accept and reject the same input.
 */
export function parseFrontMatter(yaml: string, file: string, lines: LineIndex, offset: number, maxDepth: number): YamlResult {
  const data = fastYamlData(yaml);
  // Too deep a nesting is left to the `yaml` package too, which says where it goes too deep.
  if (data === undefined || depthOf(data.value) > maxDepth) return parseYaml(yaml, file, lines, offset, maxDepth);
  return new FastYaml(data.value, () => parseYaml(yaml, file, lines, offset, maxDepth).doc);
}

/**
 * Front matter js-yaml read, whose syntax tree is built on first use. A class, where an object
 * literal with a `get doc()` would do: on Node 20's V8, an object made by a literal with a getter
 * outlives every young collection until the next full one, and keeps alive all its getter's
 * closure holds, here a draft's whole front matter (README, Speed).
 */
class FastYaml implements YamlResult {
  readonly diagnostics: Diagnostic[] = [];
  readonly #tree: () => Document;
  #doc: Document | undefined;

  constructor(
    readonly data: unknown,
    tree: () => Document,
  ) {
    this.#tree = tree;
  }

  get doc(): Document {
    return (this.#doc ??= this.#tree());
  }
}

/** The data of `yaml` when js-yaml can read it safely; undefined when the `yaml` package must decide. */
export function fastYamlData(yaml: string): { value: unknown } | undefined {
  if (needsFullParser(yaml)) return undefined;
  try {
    // An empty document is null to the `yaml` package, undefined to js-yaml.
    return { value: jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA }) ?? null };
  } catch {
    return undefined;
  }
}

/** How deeply lists and mappings nest in plain data (the top mapping is depth 1). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.node === null || typeof item.node !== 'object') continue;
    deepest = Math.max(deepest, item.depth + 1);
    for (const child of Object.values(item.node)) pending.push({ node: child, depth: item.depth + 1 });
  }
  return deepest;
}
