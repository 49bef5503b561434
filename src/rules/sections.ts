import { locate } from '../draft/locate.js';
import { SECTION_KEYS } from '../schema/digest.js';
import type { DraftRule } from './types.js';

export const emptySection: DraftRule = {
  id: 'empty-section',
  description: 'A list is present but empty',
  severity: 'warn',
  check({ valid, report }) {
    return SECTION_KEYS.filter((section) => valid.digest[section]?.length === 0).map((section) =>
      report(`"${section}" is an empty list; add entries or remove the key`, locate(valid.draft, [section]), section),
    );
  },
};
