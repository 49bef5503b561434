import { bareUrl } from './bare-urls.js';
import { entryDateWindow, entryOrder } from './dates.js';
import { duplicateTitle, duplicateUrl } from './duplicates.js';
import { emailSize } from './email-size.js';
import { insecureUrl } from './insecure.js';
import { repeatFromEarlierIssue } from './repeats.js';
import { emptySection } from './sections.js';
import { summaryLength } from './summary.js';
import { tickerFormat } from './tickers.js';
import { titleWhitespace } from './titles.js';
import type { Rule } from './types.js';

/** Every editorial rule, in the order `cmr rules` and the README list them. */
export const RULES: readonly Rule[] = [
  entryDateWindow,
  entryOrder,
  duplicateUrl,
  duplicateTitle,
  repeatFromEarlierIssue,
  tickerFormat,
  insecureUrl,
  bareUrl,
  summaryLength,
  emailSize,
  emptySection,
  titleWhitespace,
];

export const RULE_IDS = RULES.map((rule) => rule.id);

/** What `rules:` in cmr.config.yaml may set a rule to. */
export const RULE_SETTINGS = ['off', 'warn', 'error'] as const;

/**
 * Problems with the file itself rather than its editorial content. They are always
 * errors, because nothing can be rendered from such a draft.
 */
export const STRUCTURAL_RULES: Readonly<Record<string, string>> = {
  encoding: 'The file is binary or not valid UTF-8',
  'draft-size': 'The file is larger than a draft may be',
  'front-matter': 'The front matter is missing, unclosed, not YAML or not a mapping',
  'yaml-syntax': 'The front matter is not valid YAML',
  schema: 'A front matter field is missing, unknown or of the wrong type',
  'file-name-date': 'A file named like a date carries another date',
  'duplicate-date': 'Two drafts carry the same issue date',
  limits: 'A list, title or nesting goes past the limits of cmr.config.yaml',
};
