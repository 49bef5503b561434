import matter from 'gray-matter';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../diagnostics/lines.js';
import { markdownTooDeep } from '../limits/depth.js';
import { DEFAULT_LIMITS, type Limits } from '../limits/limits.js';
import type { Source } from './load.js';
import { parseFrontMatter } from './fast-yaml.js';
import type { YamlResult, YamlSource } from './yaml.js';

/** A draft split into its YAML front matter (data plus syntax tree) and its Markdown body. */
export interface ParsedDraft extends YamlSource {
  /** The front matter as plain data, not yet validated. */
  data: Record<string, unknown>;
  body: string;
  /** Offset in `text` where the Markdown body starts. */
  bodyStart: number;
}

export type Parsed =
  | { draft: ParsedDraft; diagnostics: Diagnostic[] }
  | { draft?: undefined; diagnostics: Diagnostic[] };

const OPEN = '---';
const CLOSE_LINE = /^---[ \t]*$/m;

/** Splits a draft and parses its front matter; every problem becomes a diagnostic. */
export function parseDraft(source: Source, limits: Limits = DEFAULT_LIMITS): Parsed {
  const { file, text } = source;
  const lines = new LineIndex(text);
  const problem = (reason: string, start = 0, end = start): Parsed => ({
    diagnostics: [diagnostic(reason, { file, rule: 'front-matter', place: lines.span(start, end) })],
  });

  if (text.trim() === '') {
    return problem('the draft is empty: it needs front matter between two lines of ---, then the editorial');
  }
  const firstLineEnd = text.indexOf('\n');
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  if (firstLine.trimEnd() !== OPEN) {
    // gray-matter would hand `---js` front matter to eval(); only YAML is accepted.
    if (/^---\s*\w/.test(firstLine)) {
      return problem(`front matter must be YAML; "${firstLine.trim()}" is not accepted`, 0, firstLine.length);
    }
    return problem('no front matter: a draft starts with a line of three dashes (---), then YAML, then another ---');
  }
  const yamlStart = firstLine.length;
  const close = text.slice(yamlStart + 1).search(CLOSE_LINE);
  if (close === -1) {
    return problem('the front matter is never closed: add a line of three dashes (---) after it', 0, yamlStart);
  }
  const closeStart = yamlStart + 1 + close;

  let yaml: YamlResult | undefined;
  // gray-matter splits the file and hands the YAML to our engine. Passing options
  // also keeps it from caching every input it has seen.
  const split = matter(text, {
    language: 'yaml',
    engines: { yaml: { parse: (raw: string) => ((yaml = parseFrontMatter(raw, file, lines, yamlStart, limits.nesting_depth)), {}) } },
  });
  if (yaml && yaml.diagnostics.length > 0) return { diagnostics: yaml.diagnostics };

  const data = yaml?.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return problem('the front matter must be a mapping of keys to values (title: …, date: …)', yamlStart + 1, closeStart);
  }
  const bodyStart = text.length - split.content.length;
  const deep = markdownTooDeep(split.content, limits.nesting_depth);
  if (deep) {
    const at = bodyStart + deep.offset;
    const reason = `block quotes and lists nested ${deep.depth} levels deep; the limit is ${limits.nesting_depth} (limits.nesting_depth)`;
    return { diagnostics: [diagnostic(reason, { file, rule: 'limits', place: lines.span(at, at + 1) })] };
  }
  const draft = new SplitDraft({ file, text, lines, yamlStart, data: data as Record<string, unknown>, body: split.content, bodyStart }, yaml);
  return { draft, diagnostics: [] };
}

/**
 * A draft split and parsed. Its YAML syntax tree is built only when a field must be located;
 * a class rather than an object literal with a getter, which V8 keeps alive far longer (see
 * FastYaml in fast-yaml.ts).
 */
class SplitDraft implements ParsedDraft {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly yamlStart: number;
  readonly data: Record<string, unknown>;
  readonly body: string;
  readonly bodyStart: number;
  readonly #yaml: YamlResult | undefined;

  constructor(parts: Omit<ParsedDraft, 'doc'>, yaml: YamlResult | undefined) {
    this.file = parts.file;
    this.text = parts.text;
    this.lines = parts.lines;
    this.yamlStart = parts.yamlStart;
    this.data = parts.data;
    this.body = parts.body;
    this.bodyStart = parts.bodyStart;
    this.#yaml = yaml;
  }

  get doc() {
    return this.#yaml?.doc;
  }
}
