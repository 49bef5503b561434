import { basename, extname } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../draft/locate.js';
import type { ParsedDraft } from '../draft/parse.js';
import { digestSchema, type Digest } from '../schema/digest.js';
import { validateAgainst } from './issues.js';

export interface ValidDraft {
  draft: ParsedDraft;
  digest: Digest;
}

/** Validates a parsed draft's front matter against the draft contract. */
export function validateDraft(draft: ParsedDraft): { valid?: ValidDraft; diagnostics: Diagnostic[] } {
  const { value, diagnostics } = validateAgainst(digestSchema, draft.data, draft);
  if (!value) return { diagnostics };
  const misnamed = fileNameMismatch(draft, value);
  if (misnamed) return { diagnostics: [misnamed] };
  return { valid: { draft, digest: value }, diagnostics: [] };
}

/** A draft named like a date (`2025-11-01.md`) must carry that date. */
function fileNameMismatch(draft: ParsedDraft, digest: Digest): Diagnostic | undefined {
  const name = basename(draft.file, extname(draft.file));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(name) || name === digest.date) return undefined;
  return diagnostic(`the file is named ${name} but its date is ${digest.date}; rename the file or fix the date`, {
    file: draft.file,
    rule: 'file-name-date',
    field: 'date',
    place: locate(draft, ['date']),
  });
}
