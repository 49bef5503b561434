import { z } from 'zod';
import { limitsSchema } from '../limits/limits.js';
import { isWebUrl, text, webUrl } from './fields.js';

const httpsUrl = webUrl.refine((value) => !isWebUrl(value) || value.startsWith('https://'), {
  error: 'the site URL must use https://',
});

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
    limits: limitsSchema.prefault({}),
  })
  .describe('Publication settings of cmr (cmr.config.yaml)');

export type Config = z.infer<typeof configSchema>;
