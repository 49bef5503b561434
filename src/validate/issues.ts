import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../draft/locate.js';
import type { YamlSource } from '../draft/yaml.js';
import { closest } from '../schema/suggest.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * Validates YAML data against a zod schema. Every zod issue becomes a diagnostic
 * placed on the line that holds the offending field.
 */
export function validateAgainst<S extends z.ZodType>(
  schema: S,
  data: unknown,
  source: YamlSource,
): { value?: z.infer<S>; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data, diagnostics: [] };
  return { diagnostics: result.error.issues.flatMap((issue) => toDiagnostics(issue, schema, source)) };
}

function toDiagnostics(issue: Issue, schema: z.ZodType, source: YamlSource): Diagnostic[] {
  const { file } = source;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, issue.path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const reason = `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
      const field = dotted([...issue.path, key]);
      return diagnostic(reason, { file, rule: 'schema', field, place: locate(source, issue.path, key) });
    });
  }
  const field = dotted(issue.path);
  return [diagnostic(describe(issue), { file, rule: 'schema', field, place: locate(source, issue.path) })];
}

function describe(issue: Issue): string {
  const name = fieldName(issue.path);
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `"${name}" is required`;
    return `"${name}" must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${kindOf(issue.input)}`;
  }
  return issue.message;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
  if (typeof value === 'boolean') return String(value);
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

/** `title`, or `headlines[3]` for an entry itself, or the last key of a longer path. */
function fieldName(path: Path): string {
  const last = path.at(-1);
  if (typeof last === 'number') return `${String(path.at(-2) ?? 'item')}[${last}]`;
  return last === undefined ? 'front matter' : String(last);
}

export function dotted(path: Path): string {
  return path.map(String).join('.');
}

/** The keys the schema allows at `path`, for suggesting the right one after a typo. */
function knownKeys(schema: z.ZodType, path: Path): string[] {
  let node: z.core.$ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    const def = node?._zod.def;
    if (def?.type === 'object') node = (def as z.core.$ZodObjectDef).shape[String(segment)];
    else if (def?.type === 'array') node = (def as z.core.$ZodArrayDef).element;
    else return [];
    node = unwrap(node);
  }
  const def = node?._zod.def;
  return def?.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}

function unwrap(node: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = node;
  while (current && ['optional', 'default', 'nullable', 'prefault'].includes(current._zod.def.type)) {
    current = (current._zod.def as z.core.$ZodOptionalDef).innerType;
  }
  return current;
}
