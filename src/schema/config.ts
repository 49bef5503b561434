import { z } from 'zod';
import { RULE_IDS, RULE_SETTINGS } from '../rules/registry.js';
import { DEFAULT_EXCHANGES } from '../rules/tickers.js';
import { limitsSchema } from '../limits/limits.js';
import { isWebUrl, text, webUrl } from './fields.js';

const httpsUrl = webUrl.refine((value) => !isWebUrl(value) || value.startsWith('https://'), {
  error: 'the site URL must use https://',
});

const ADDRESS = String.raw`[\w.%+'!#$&*/=?^{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`;
const DISPLAY_NAME = String.raw`[^\x00-\x1f\x7f"<>\\]*[^\s"<>\\]`;

/** `Name <address>` or a bare address; a display name may not carry quotes, brackets or line breaks. */
export const SENDER = new RegExp(`^(?:(?<name>${DISPLAY_NAME})\\s*<(?<address>${ADDRESS})>|(?<bare>${ADDRESS}))$`);

const sender = z.string().regex(SENDER, {
  error: (issue) => `expected a sender such as "Name <news@example.org>", got "${String(issue.input)}"`,
});
const ruleSetting = z.enum(RULE_SETTINGS, { error: 'a rule is set to off, warn or error' });

/** Publication-wide settings, read from `cmr.config.yaml` at the project root. */
export const configSchema = z
  .strictObject({
    name: text('name').describe('Name of the publication'),
    publisher: text('publisher').describe('Who publishes it'),
    site_url: httpsUrl.describe('Public https URL of the site, used for permalinks'),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'language must be a BCP 47 tag such as en or en-CA' })
      .default('en')
      .describe('BCP 47 language tag of the issues'),
    sections: z
      .strictObject({
        headlines: text('headlines').describe('Title of the headline picks list'),
        media: text('media').describe('Title of the media updates list'),
        interviews: text('interviews').describe('Title of the video interview list'),
        releases: text('releases').describe('Title of the news release list'),
      })
      .describe('Titles of the four dated lists'),
    cta: z
      .strictObject({
        heading: text('heading').describe('Short question or hook'),
        text: text('text').describe('One or two sentences of invitation'),
        label: text('label').describe('Button label'),
        url: webUrl.describe('Where the button leads'),
      })
      .describe('The membership call-to-action'),
    event: z
      .strictObject({
        name: text('name').describe('Name of the event'),
        theme: text('theme').optional().describe('Theme or subtitle'),
        dates: text('dates').describe('When, as readers should see it, e.g. May 13–14, 2026'),
        location: text('location').describe('Where'),
        url: webUrl.describe('Page of the event'),
      })
      .optional()
      .describe('An event promoted in every issue'),
    disclaimer: text('disclaimer').describe('Disclaimer in Markdown, printed last'),
    email: z
      .strictObject({
        from: sender.describe('Sender of the issue email, e.g. Critical Minerals Report <news@example.org>'),
      })
      .optional()
      .describe('Email settings; with a sender, each issue also gets a ready-to-send issue.eml'),
    rules: z
      .strictObject(Object.fromEntries(RULE_IDS.map((id) => [id, ruleSetting.optional()])))
      .default({})
      .describe('Severity of each editorial rule of cmr check: off, warn or error'),
    window_days: z
      .number()
      .int({ error: 'window_days must be a whole number of days' })
      .nonnegative({ error: 'window_days must not be negative' })
      .default(7)
      .describe('How many days before the issue date an entry may be dated (entry-date-window)'),
    exchanges: z
      .array(z.string().regex(/^[A-Z][A-Z.-]*$/, { error: 'an exchange is a code in capitals, such as TSXV' }))
      .default(DEFAULT_EXCHANGES)
      .describe('Exchange codes accepted in tickers such as (TSXV: UCU) (ticker-format)'),
    limits: limitsSchema.prefault({}),
  })
  .describe('Publication settings of cmr (cmr.config.yaml)');

export type Config = z.infer<typeof configSchema>;
