import jsYaml from 'js-yaml';
import type { Document } from 'yaml';
import type { LineIndex } from '../diagnostics/lines.js';
import { parseYaml, type YamlResult } from './yaml.js';

/**
 * Constructs where js-yaml and the `yaml` package could read the same text differently:
 * anchors, aliases and tags at the start of a token (alias limits, unknown tags), directives
 * and document markers, tabs (indentation rules), merge keys, and YAML 1.1 style binary,
 * octal or hexadecimal numbers. Text with any of them takes the `yaml` package's path.
 */
const NEEDS_FULL_PARSER = /(?:^|[\s[{,])[&*!]|^%|^(?:---|\.\.\.)|\t|<<|(?:^|[\s[{,:])[-+]?0[box]/im;

/**
 * Parses front matter YAML. Most front matter is read by js-yaml, several times faster than
 * the `yaml` package; the `yaml` package's syntax tree, which only locating a problem needs,
 * is built on first use. Text js-yaml refuses, or that holds a construct where the two could
 * disagree, goes to the `yaml` package directly, so both paths accept and reject the same input.
 */
export function parseFrontMatter(yaml: string, file: string, lines: LineIndex, offset: number): YamlResult {
  const data = fastYamlData(yaml);
  if (data === undefined) return parseYaml(yaml, file, lines, offset);
  let doc: Document | undefined;
  return {
    get doc(): Document {
      return (doc ??= parseYaml(yaml, file, lines, offset).doc);
    },
    data: data.value,
    diagnostics: [],
  };
}

/** The data of `yaml` when js-yaml can read it safely; undefined when the `yaml` package must decide. */
export function fastYamlData(yaml: string): { value: unknown } | undefined {
  if (NEEDS_FULL_PARSER.test(yaml)) return undefined;
  try {
    return { value: jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA }) };
  } catch {
    return undefined;
  }
}
