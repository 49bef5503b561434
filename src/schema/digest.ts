import { z } from 'zod';
import { isoDate, text, webUrl } from './fields.js';

/** One dated link of a list: a headline pick, a media update, an interview or a release. */
export const entrySchema = z
  .strictObject({
    date: isoDate.describe('Date the linked piece was published'),
    title: text('title').describe('Title of the linked piece, as published'),
    url: webUrl.describe('Absolute http(s) link to the piece'),
    source: text('source').optional().describe('Publisher name, e.g. Reuters'),
    company: text('company').optional().describe('Company that issued the release'),
  })
  .describe('A dated link');

export const marketSchema = z
  .strictObject({
    name: text('name').describe('What is priced, e.g. Copper'),
    venue: text('venue').optional().describe('Where it is priced, e.g. LME'),
    price: z.number().positive().describe('Price per unit'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { error: 'currency must be a three-letter ISO 4217 code such as USD' })
      .describe('ISO 4217 currency code'),
    unit: text('unit').describe('Unit priced, e.g. t for tonne'),
    change_pct: z.number().optional().describe('Week-on-week change in percent'),
    note: text('note').optional().describe('Short remark, e.g. record high'),
  })
  .describe('A price in the market snapshot');

/** The four dated lists of an issue, in the order they are published. */
export const SECTION_KEYS = ['headlines', 'media', 'interviews', 'releases'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

const list = (description: string) => z.array(entrySchema).optional().describe(description);

/** The front matter of a weekly draft: the contract editors, CI and other tools rely on. */
export const digestSchema = z
  .strictObject({
    title: text('title').describe('Headline of the issue'),
    date: isoDate.describe('Issue (publication) date; the file is named after it'),
    summary: z.string().optional().describe('One-line teaser: the email preheader and the feed description'),
    author: text('author').optional().describe('Who wrote the editorial'),
    tags: z.array(text('tag')).optional().describe('Topics of the issue'),
    markets: z.array(marketSchema).optional().describe('Price snapshot, rendered as a table'),
    headlines: list('The headline picks of the week'),
    media: list('Media updates'),
    interviews: list('Video interview updates'),
    releases: list('Company news release updates'),
  })
  .describe('Front matter of a Critical Minerals Report draft');

export type Digest = z.infer<typeof digestSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type Market = z.infer<typeof marketSchema>;
