import jsYaml from 'js-yaml';
import type { Document } from 'yaml';
import type { LineIndex } from '../diagnostics/lines.js';
import { parseYaml, type YamlResult } from './yaml.js';

/**
 * Constructs where js-yaml and the `yaml` package could read the same text differently:
 * anchors, aliases, tags and explicit `?` keys at the start of a token (alias limits, unknown
 * tags, complex keys), directives and document markers, tabs (indentation rules), merge keys,
 * comments glued to a value, YAML 1.1 style binary, octal or hexadecimal numbers, a negative
 * zero without a point (js-yaml drops its sign) and a sign before a point (`-.5`, `+.5`, text
 * to js-yaml). `-0.7` reads alike in both, so price changes below one stay on the fast path.
 * Text with any of them, or with a block scalar (| or >), or a quoted scalar or flow collection
 * spanning lines, takes the `yaml` package's path.
 */
const NEEDS_FULL_PARSER = /(?:^|[\s[{,])(?:[&*!](?=\S)|\?(?:\s|$))|^%|^(?:---|\.\.\.)|\t|<<|["'\]}]#|(?:^|[\s[{,:])(?:[-+]?0[box]|[-+]\.|-0(?!\.))|(?:^|\s)[|>][-+\d]*[ ]*(?:#.*)?$/im;
/** The `yaml` package refuses implicit keys longer than this. */
const LONGEST_LINE = 1000;

function needsFullParser(yaml: string): boolean {
  if (NEEDS_FULL_PARSER.test(yaml)) return true;
  const lines = yaml.split('\n');
  return !indentsNest(lines) || lines.some((line) => {
    if (line.length > LONGEST_LINE) return true;
    const plain = line.replace(/\\./g, '');
    const count = (pattern: RegExp) => plain.match(pattern)?.length ?? 0;
    // An odd number of quotes, or unbalanced brackets, means something continues on the next line.
    return count(/"/g) % 2 === 1 || count(/'/g) % 2 === 1 || count(/[[{]/g) !== count(/[\]}]/g);
  });
}

/**
 * Whether every line starts at the left margin or at an indentation seen above it, as nested
 * mappings and lists do. Anything else is left to the `yaml` package, which is the stricter.
 */
function indentsNest(lines: readonly string[]): boolean {
  const levels: number[] = [];
  for (const line of lines) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    if (levels.length === 0) {
      if (indent !== 0) return false;
      levels.push(0);
    }
    while (indent < levels.at(-1)!) levels.pop();
    if (levels.length === 0) return false;
    if (indent > levels.at(-1)!) levels.push(indent);
    if (levels.at(-1) !== indent) return false;
  }
  return true;
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
  let doc: Document | undefined;
  return {
    get doc(): Document {
      return (doc ??= parseYaml(yaml, file, lines, offset, maxDepth).doc);
    },
    data: data.value,
    diagnostics: [],
  };
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
