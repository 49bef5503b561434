import type { DraftRule } from './types.js';

/** Gmail clips a message whose HTML is larger than this, hiding the rest behind a link. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

export const emailSize: DraftRule = {
  id: 'email-size',
  description: 'The rendered email HTML is over 102 KB, where Gmail clips messages',
  severity: 'error',
  needsEmail: true,
  check({ valid, email, report }) {
    const bytes = Buffer.byteLength(email ?? '', 'utf8');
    if (bytes <= GMAIL_CLIP_BYTES) return [];
    const kb = (bytes / 1024).toFixed(1);
    const reason = `the email HTML of this issue is ${kb} KB; Gmail clips messages over 102 KB, so shorten the lists or the editorial`;
    return [report(reason, valid.draft.lines.span(0, 3))];
  },
};
