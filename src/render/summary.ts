import type { Config } from '../schema/config.js';
import type { Digest } from '../schema/digest.js';
import { formatDate } from './format.js';

/** What the archive and the neighbours of an issue need to know about it. */
export interface IssueSummary {
  slug: string;
  title: string;
  date: string;
  dateText: string;
  summary: string;
  url: string;
}

/** The URL-safe name of an issue: its date. */
export function slugOf(digest: Digest): string {
  return digest.date;
}

export function summarize(digest: Digest, config: Config): IssueSummary {
  const slug = slugOf(digest);
  return {
    slug,
    title: digest.title,
    date: digest.date,
    dateText: formatDate(digest.date, config.language),
    summary: digest.summary ?? '',
    url: new URL(`${slug}/`, siteUrl(config)).href,
  };
}

/** The site URL, always ending in a slash so relative paths resolve under it. */
export function siteUrl(config: Config): string {
  return config.site_url.endsWith('/') ? config.site_url : `${config.site_url}/`;
}
