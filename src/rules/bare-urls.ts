import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { walkTree } from '../render/walk.js';
import { bodyPlace, sourceOf } from './body.js';
import type { Rule } from './types.js';

/** An http(s) or www. address in running text, without the punctuation that usually ends a sentence after it. */
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()[\]]*[^\s<>()[\].,;:!?'"*_~]/gi;

export const bareUrl: Rule = {
  id: 'bare-url',
  description: 'An address in the body is plain text, not a link: write <https://…> or [words](https://…)',
  severity: 'warn',
  needsBody: true,
  check({ valid, body, report }) {
    const problems: Diagnostic[] = [];
    walkTree(body(), (node) => {
      // A link's own words may be its address; that is a link already.
      if (node.type === 'link' || node.type === 'linkReference') return false;
      if (node.type !== 'text') return;
      const { raw, offset } = sourceOf(valid.draft, node);
      for (const match of raw.matchAll(BARE_URL)) {
        const start = offset + match.index;
        const place = bodyPlace(valid.draft, start, start + match[0].length);
        problems.push(report(`${match[0]} is plain text, not a link; write <${withScheme(match[0])}> or [words](${withScheme(match[0])})`, place));
      }
    });
    return problems;
  },
};

const withScheme = (url: string) => (/^www\./i.test(url) ? `https://${url}` : url);
