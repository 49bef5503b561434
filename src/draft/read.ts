import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { validateDraft, type ValidDraft } from '../validate/digest.js';
import { loadDraft } from './load.js';
import { parseDraft } from './parse.js';

export interface DraftResult {
  file: string;
  valid?: ValidDraft;
  diagnostics: Diagnostic[];
}

/** load → parse → validate for one draft file. Bad input ends as diagnostics, never as a throw. */
export async function readDraft(file: string): Promise<DraftResult> {
  const loaded = await loadDraft(file);
  if (!loaded.source) return { file, diagnostics: loaded.diagnostics };
  const parsed = parseDraft(loaded.source);
  if (!parsed.draft) return { file, diagnostics: parsed.diagnostics };
  return { file, ...validateDraft(parsed.draft) };
}
