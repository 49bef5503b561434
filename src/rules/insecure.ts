import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { walkTree } from '../render/walk.js';
import { bodyPlace, sourceOf } from './body.js';
import { entryField, entryName, listedEntries } from './entries.js';
import type { DraftRule } from './types.js';

const isInsecure = (url: string) => /^http:\/\//i.test(url);

export const insecureUrl: DraftRule = {
  id: 'insecure-url',
  description: 'A link uses http:// instead of https://, in the lists or in the body',
  severity: 'warn',
  needsBody: true,
  check({ valid, body, report }) {
    const inLists = listedEntries(valid.digest)
      .filter((listed) => isInsecure(listed.entry.url))
      .map((listed) => {
        const { place, field } = entryField(valid, listed, 'url');
        return report(`${entryName(listed)} links with http://; use https:// (${listed.entry.url})`, place, field);
      });
    const inBody: Diagnostic[] = [];
    walkTree(body(), (node) => {
      if ((node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') || !isInsecure(node.url)) return;
      const { url } = node;
      const { raw, offset } = sourceOf(valid.draft, node);
      const at = raw.indexOf(url);
      const place = at === -1 ? bodyPlace(valid.draft, offset, offset + raw.length) : bodyPlace(valid.draft, offset + at, offset + at + url.length);
      inBody.push(report(`the body links with http://; use https:// (${url})`, place));
    });
    return [...inLists, ...inBody];
  },
};
