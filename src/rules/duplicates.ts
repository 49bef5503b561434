import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { entryField, entryName, listedEntries, type ListedEntry } from './entries.js';
import type { DraftRule, RuleContext } from './types.js';
import { LABEL, NORMALIZE, type RunKey } from './runs.js';

/** Reports every entry whose `key` repeats one listed earlier in the same issue. */
function repeatsWithin(context: RuleContext, key: RunKey): Diagnostic[] {
  const { valid, report } = context;
  const first = new Map<string, ListedEntry>();
  return listedEntries(valid.digest).flatMap((listed) => {
    const value = NORMALIZE[key](listed.entry[key]);
    const earlier = first.get(value);
    if (!earlier) {
      first.set(value, listed);
      return [];
    }
    const { place, field } = entryField(valid, listed, key);
    const line = entryField(valid, earlier, key).place.start.line;
    return [report(`the same ${LABEL[key]} as ${entryName(earlier)} (line ${line})`, place, field)];
  });
}

export const duplicateUrl: DraftRule = {
  id: 'duplicate-url',
  description: 'The same URL twice in one issue (scheme and host case, trailing slash and utm_* ignored)',
  severity: 'error',
  check: (context) => repeatsWithin(context, 'url'),
};

export const duplicateTitle: DraftRule = {
  id: 'duplicate-title',
  description: 'The same entry title twice in one issue (case and spacing ignored)',
  severity: 'error',
  check: (context) => repeatsWithin(context, 'title'),
};
