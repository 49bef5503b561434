import { rulesMarkdown } from './rules.js';
import { fieldsMarkdown } from './schema.js';

/** The README tables generated from the code, by marker name. */
export const GENERATED_TABLES: Record<string, () => string> = {
  fields: fieldsMarkdown,
  rules: rulesMarkdown,
};

/**
 * The README with every generated table replaced by its current version. A table
 * sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
 */
export function readmeWithTables(readme: string): string {
  let result = readme;
  for (const [name, table] of Object.entries(GENERATED_TABLES)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = result.indexOf(open);
    const end = result.indexOf(close);
    if (start === -1 || end < start) throw new Error(`README.md has no ${open} … ${close} block`);
    result = `${result.slice(0, start + open.length)}\n${table()}\n${result.slice(end)}`;
  }
  return result;
}
