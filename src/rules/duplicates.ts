import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { entryField, entryName, listedEntries, type ListedEntry } from './entries.js';
import type { Rule, RuleContext } from './types.js';
import { NORMALIZE, type RunKey } from './runs.js';

type Key = RunKey;
const KEYS = ['url', 'title'] as const;
const LABEL: Record<Key, string> = { url: 'URL', title: 'title' };

/** Reports every entry whose `key` repeats one listed earlier in the same issue. */
function repeatsWithin(context: RuleContext, key: Key): Diagnostic[] {
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

export const duplicateUrl: Rule = {
  id: 'duplicate-url',
  description: 'The same URL twice in one issue (scheme and host case, trailing slash and utm_* ignored)',
  severity: 'error',
  check: (context) => repeatsWithin(context, 'url'),
};

export const duplicateTitle: Rule = {
  id: 'duplicate-title',
  description: 'The same entry title twice in one issue (case and spacing ignored)',
  severity: 'error',
  check: (context) => repeatsWithin(context, 'title'),
};

export const repeatFromEarlierIssue: Rule = {
  id: 'repeat-from-earlier-issue',
  description: 'A URL or title that an earlier issue in the same folder already ran',
  severity: 'warn',
  check({ valid, lastRun, report }) {
    return listedEntries(valid.digest).flatMap((listed) => {
      for (const key of KEYS) {
        const ran = lastRun(key, listed);
        if (!ran) continue;
        const { place, field } = entryField(valid, listed, key);
        const line = entryField(ran.valid, ran.listed, key).place.start.line;
        return [report(`this ${LABEL[key]} already ran in the issue of ${ran.valid.digest.date}, ${ran.valid.draft.file}:${line}`, place, field)];
      }
      return [];
    });
  },
};
