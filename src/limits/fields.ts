import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../draft/locate.js';
import type { ParsedDraft } from '../draft/parse.js';
import { dotted } from '../validate/issues.js';
import type { Limits } from './limits.js';

type Path = (string | number)[];

/** Line breaks, including the Unicode ones that mail and text readers also break on. */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
/**
 * Control characters (but tab), and the bidirectional overrides and isolates that
 * can make a title read differently from what it holds.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A value waiting to be checked, with the field name its messages use and where it sits. */
interface Pending {
  value: unknown;
  /** The last key on its path: an entry of a list is named after its list. */
  name: string;
  parent?: Pending;
  segment?: string | number;
}

/**
 * Checks every front matter value against the draft's limits and keeps every text
 * on one visible line, so no field can break the plain text or a mail header.
 */
export function fieldLimits(draft: ParsedDraft, limits: Limits): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const report = (reason: string, path: Path) =>
    problems.push(diagnostic(reason, { file: draft.file, rule: 'limits', field: dotted(path), place: locate(draft, path) }));
  // An explicit stack: the depth of the data was bounded when the YAML was read,
  // but aliases may still stack it higher. A value's path is spelt out only for a problem.
  const pending: Pending[] = [{ value: draft.data, name: 'front matter' }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, name } = item;
    if (typeof value === 'string') {
      const problem = textProblem(name, value, limits);
      if (problem) report(problem, pathOf(item));
    } else if (Array.isArray(value)) {
      if (value.length > limits.list_entries) {
        report(`"${name}" has ${value.length} entries; the limit is ${limits.list_entries} (limits.list_entries)`, [...pathOf(item), limits.list_entries]);
      }
      value.forEach((entry, i) => pending.push({ value: entry, name, parent: item, segment: i }));
    } else if (value !== null && typeof value === 'object') {
      Object.entries(value).forEach(([key, entry]) => pending.push({ value: entry, name: key, parent: item, segment: key }));
    }
  }
  return problems;
}

function pathOf(item: Pending): Path {
  const path: Path = [];
  for (let at: Pending | undefined = item; at?.segment !== undefined; at = at.parent) path.unshift(at.segment);
  return path;
}

function textProblem(name: string, value: string, limits: Limits): string | undefined {
  if (LINE_BREAK.test(value)) return `"${name}" must fit on one line; it contains a line break (fold long text with >- instead of | or >)`;
  const control = CONTROL.exec(value)?.[0];
  if (control !== undefined) {
    const code = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `"${name}" contains the invisible control character U+${code}; remove it`;
  }
  if (name !== 'title') return undefined;
  // Counted in code points, so only for titles: spreading every text was most of this check.
  const length = [...value].length;
  if (length > limits.title_chars) {
    return `"title" is ${length} characters long; the limit is ${limits.title_chars} (limits.title_chars)`;
  }
  return undefined;
}
