import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fieldLimits } from '../limits/fields.js';
import { DEFAULT_LIMITS, type Limits } from '../limits/limits.js';
import { validateDraft, type ValidDraft } from '../validate/digest.js';
import { decodeText, readDraftBytes, type Source } from './load.js';
import { parseDraft } from './parse.js';

export interface DraftResult {
  file: string;
  valid?: ValidDraft;
  diagnostics: Diagnostic[];
}

/** load → parse → validate for one draft file. Bad input ends as diagnostics, never as a throw. */
export async function readDraft(file: string, limits: Limits = DEFAULT_LIMITS): Promise<DraftResult> {
  return (await readDraftFile(file, limits)).result;
}

/** `readDraft`, with the bytes it read (none for a draft over the size limit), so that a cache can key the result by them. */
export async function readDraftFile(file: string, limits: Limits): Promise<{ result: DraftResult; bytes?: Uint8Array }> {
  const read = await readDraftBytes(file, limits.draft_bytes);
  if (!read.bytes) return { result: { file, diagnostics: read.diagnostics } };
  const loaded = decodeText(file, read.bytes);
  return { result: loaded.source ? checkSource(loaded.source, limits) : { file, diagnostics: loaded.diagnostics }, bytes: read.bytes };
}

/** parse → validate for a draft's decoded text: pure, so tests can run it thousands of times. */
export function checkSource(source: Source, limits: Limits = DEFAULT_LIMITS): DraftResult {
  const { file } = source;
  const parsed = parseDraft(source, limits);
  if (!parsed.draft) return { file, diagnostics: parsed.diagnostics };
  const validated = validateDraft(parsed.draft);
  const overLimits = fieldLimits(parsed.draft, limits);
  if (overLimits.length === 0) return { file, ...validated };
  return { file, diagnostics: [...validated.diagnostics, ...overLimits] };
}
