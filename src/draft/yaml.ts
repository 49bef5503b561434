import { parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LineIndex } from '../diagnostics/lines.js';
import { tokensTooDeep, yamlTooDeep } from '../limits/depth.js';
import { DEFAULT_LIMITS } from '../limits/limits.js';

/** YAML read as plain data, with its syntax tree kept for locating fields. */
export interface YamlSource {
  file: string;
  text: string;
  lines: LineIndex;
  doc: Document | undefined;
  /** Offset in `text` where the YAML starts. */
  yamlStart: number;
}

/**
 * YAML parsing options: the YAML 1.2 core schema (plain data: no custom tags, no
 * dates turned into objects, no merge keys), no duplicate keys, warnings are errors.
 * `resolveKnownTags: false` also refuses the YAML 1.1 tags the core schema would
 * otherwise honour (`!!set`, `!!omap`, `!!binary`, …), so data is only plain
 * mappings, lists, strings, numbers, booleans and nulls.
 */
const YAML_OPTIONS = {
  schema: 'core',
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  merge: false,
  resolveKnownTags: false,
} as const;
/** Aliases beyond this many are refused, so `&a [*a, *a, …]` chains cannot explode memory. */
const MAX_ALIAS_COUNT = 100;

export interface YamlResult {
  doc: Document;
  data: unknown;
  diagnostics: Diagnostic[];
}

/**
 * Parses `yaml`, found at `offset` of the file's text, into data; problems become
 * diagnostics. Collections nested deeper than `maxDepth` are refused before any
 * data is built from them.
 */
export function parseYaml(
  yaml: string,
  file: string,
  lines: LineIndex,
  offset: number,
  maxDepth = DEFAULT_LIMITS.nesting_depth,
): YamlResult {
  const doc = parseDocument(yaml, YAML_OPTIONS);
  const at = (start: number, end: number) => lines.span(offset + start, offset + end);
  const exhausted = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    // Where the parser's stack ran out, how often, and what it made of the rest all depend on
    // the thread's stack: report only that the document is too deep, where it passes the limit.
    const deep = tokensTooDeep(yaml, maxDepth);
    const [start, end] = deep ? [deep.offset, deep.offset + 1] : exhausted.pos;
    const place = at(start, end);
    return { doc, data: undefined, diagnostics: [diagnostic(describeYamlError(exhausted, maxDepth), { file, rule: 'yaml-syntax', place })] };
  }
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    const diagnostics = problems.map((error) =>
      diagnostic(describeYamlError(error, maxDepth), { file, rule: 'yaml-syntax', place: at(error.pos[0], error.pos[1]) }),
    );
    return { doc, data: undefined, diagnostics };
  }
  const deep = yamlTooDeep(doc, maxDepth);
  if (deep) {
    const reason = `YAML: lists and mappings nested ${deep.depth} levels deep; the limit is ${maxDepth} (limits.nesting_depth)`;
    return { doc, data: undefined, diagnostics: [diagnostic(reason, { file, rule: 'limits', place: at(deep.offset, deep.offset + 1) })] };
  }
  try {
    return { doc, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch {
    const reason = 'YAML: too many aliases: the document expands far beyond its written size';
    const [start, end] = firstAlias(doc)?.range ?? [0, 0];
    return { doc, data: undefined, diagnostics: [diagnostic(reason, { file, rule: 'yaml-syntax', place: at(start, end) })] };
  }
}

/** The first alias (`*name`) of a document, where an expansion starts. */
function firstAlias(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

const YAML_MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'duplicate key: each key may appear only once in a mapping',
  TAB_AS_INDENT: 'tabs are not allowed for indentation in YAML; indent with spaces',
  BAD_INDENT: 'bad indentation: this line does not line up with the lines around it',
  MISSING_CHAR: 'a quote, bracket or brace is not closed',
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string',
  MULTIPLE_DOCS: 'more than one YAML document; keep a single one',
};

function describeYamlError(error: YAMLError, maxDepth: number): string {
  // The yaml package catches its own stack overflow on absurdly deep nesting.
  if (error.code === 'RESOURCE_EXHAUSTION') {
    return `YAML: nested far too deeply to read; the limit is ${maxDepth} levels (limits.nesting_depth)`;
  }
  const known = YAML_MESSAGES[error.code];
  if (known) return `YAML: ${known}`;
  const first = error.message.split('\n')[0] ?? error.message;
  return `YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
}
