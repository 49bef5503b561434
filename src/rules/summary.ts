import { locate } from '../draft/locate.js';
import type { DraftRule } from './types.js';

/** About what an inbox shows of a preheader next to the subject line. */
export const SUMMARY_MAX = 140;

export const summaryLength: DraftRule = {
  id: 'summary-length',
  description: `The summary is missing, or longer than the ${SUMMARY_MAX} characters a preheader can show`,
  severity: 'warn',
  check({ valid, report }) {
    const { summary } = valid.digest;
    if (summary === undefined || summary.trim() === '') {
      return [report('no summary: the email preheader and the feed description will be empty', locate(valid.draft, ['summary']), 'summary')];
    }
    const length = [...summary.trim()].length;
    if (length <= SUMMARY_MAX) return [];
    const reason = `the summary is ${length} characters; inboxes show about ${SUMMARY_MAX} of a preheader`;
    return [report(reason, locate(valid.draft, ['summary']), 'summary')];
  },
};
