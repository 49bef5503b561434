import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Entry } from '../schema/digest.js';
import type { ValidDraft } from '../validate/digest.js';
import { entryField, entryName, listedEntries, type ListedEntry } from './entries.js';
import type { Rule, RuleContext } from './types.js';
import { normalizeTitle, normalizeUrl } from './url.js';

type Key = 'url' | 'title';
const NORMALIZE: Record<Key, (value: string) => string> = { url: normalizeUrl, title: normalizeTitle };
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

interface Ran {
  file: string;
  line: number;
  date: string;
}

const KEYS = ['url', 'title'] as const;
const runKey = (key: Key, entry: Entry) => `${key} ${NORMALIZE[key](entry[key])}`;

/** Where each URL and title of the earlier issues last ran. */
function lastRuns(earlier: readonly ValidDraft[]): Map<string, Ran> {
  const runs = new Map<string, Ran>();
  for (const valid of earlier) {
    for (const listed of listedEntries(valid.digest)) {
      for (const key of KEYS) {
        const line = entryField(valid, listed, key).place.start.line;
        runs.set(runKey(key, listed.entry), { file: valid.draft.file, line, date: valid.digest.date });
      }
    }
  }
  return runs;
}

export const repeatFromEarlierIssue: Rule = {
  id: 'repeat-from-earlier-issue',
  description: 'A URL or title that an earlier issue in the same folder already ran',
  severity: 'warn',
  check({ valid, earlier, report }) {
    const runs = lastRuns(earlier);
    return listedEntries(valid.digest).flatMap((listed) => {
      for (const key of KEYS) {
        const ran = runs.get(runKey(key, listed.entry));
        if (!ran) continue;
        const { place, field } = entryField(valid, listed, key);
        return [report(`this ${LABEL[key]} already ran in the issue of ${ran.date}, ${ran.file}:${ran.line}`, place, field)];
      }
      return [];
    });
  },
};
