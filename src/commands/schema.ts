import { z } from 'zod';
import { digestSchema } from '../schema/digest.js';
import type { Io } from './io.js';

/** `cmr schema`: prints the JSON Schema of the front matter. */
export function runSchema(io: Io): number {
  io.out(draftSchemaJson());
  return 0;
}

type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
};

/**
 * The JSON Schema of a draft's front matter, generated from the zod contract. Draft 7
 * is the version editors' YAML language servers read everywhere. Checks that JSON
 * Schema cannot express (a date that exists, a title that is not blank) stay with `cmr check`.
 */
export function draftJsonSchema(): JsonSchema & Record<string, unknown> {
  return z.toJSONSchema(digestSchema, { target: 'draft-7', io: 'input' }) as JsonSchema & Record<string, unknown>;
}

/** The file `schema/draft.schema.json` holds. */
export function draftSchemaJson(): string {
  return JSON.stringify(draftJsonSchema(), null, 2);
}

/** The front matter table of the README, generated from the same schema. */
export function fieldsMarkdown(): string {
  const schema = draftJsonSchema();
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {}).map(
    ([name, field]) => `| \`${name}\` | ${required.has(name) ? 'yes' : 'no'} | ${describeField(field)} |`,
  );
  return ['| field | required | what it holds |', '| --- | --- | --- |', ...rows].join('\n');
}

/** A field's description; a list of mappings also names its keys, `?` marking the optional ones. */
function describeField(field: JsonSchema): string {
  const item = field.items;
  if (field.type !== 'array' || item?.type !== 'object') return field.description ?? '';
  const requiredKeys = new Set(item.required ?? []);
  const keys = Object.keys(item.properties ?? {}).map((key) => `\`${key}\`${requiredKeys.has(key) ? '' : '?'}`);
  return `${field.description ?? ''}: list of ${keys.join(', ')}`;
}
