import { LABEL, placeOf, RUN_KEYS } from './runs.js';
import type { FolderRule } from './types.js';

export const repeatFromEarlierIssue: FolderRule = {
  kind: 'folder',
  id: 'repeat-from-earlier-issue',
  description: 'A URL or title that an earlier issue in the same folder already ran',
  severity: 'warn',
  check({ issue, lastRun, report }) {
    return issue.fields.flatMap((field, entry) => {
      for (const key of RUN_KEYS) {
        const ran = lastRun(key, issue[key][entry]!);
        if (!ran) continue;
        const line = placeOf(ran.issue, ran.entry, key).start.line;
        const reason = `this ${LABEL[key]} already ran in the issue of ${ran.issue.date}, ${ran.issue.file}:${line}`;
        return [report(reason, placeOf(issue, entry, key), `${field}.${key}`)];
      }
      return [];
    });
  },
};
