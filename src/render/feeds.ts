import { byCodeUnits } from '../compare.js';
import type { Config } from '../schema/config.js';
import type { Template } from './templates.js';
import type { WebView } from './web-page.js';
import { siteUrl, type IssueSummary } from './summary.js';

/**
 * What the feeds need of one issue. It is all the per-issue data the archive and the feeds
 * are made from, so they can be rebuilt without rendering the issues again.
 */
export interface FeedEntry extends IssueSummary {
  author?: string;
  tags: string[];
  /** The article as feed readers show it: sanitized HTML with absolute links. */
  contentHtml: string;
}

/**
 * How many issues the feeds carry, newest first. Readers only fetch what is new, and a
 * feed holding ten years of issues with their full text would weigh tens of megabytes.
 */
export const FEED_ENTRIES = 20;

/**
 * An issue's entry in the feeds, made from the view of its web page (without its neighbours,
 * which a feed does not show). Only the issues the feeds carry need one, so it is made when
 * the feeds are, not with every issue.
 */
export function feedEntry(view: WebView, entry: Template): FeedEntry {
  return { ...view.issue, contentHtml: entry(view) };
}

export interface FeedFiles {
  'feed.xml': string;
  'feed.json': string;
}

/**
 * The Atom feed (RFC 4287) and the JSON Feed (1.1) of the site, newest issue first.
 * Times come from the issue dates alone, so two builds of the same drafts are identical.
 */
export function renderFeeds(entries: readonly FeedEntry[], config: Config, atom: Template): FeedFiles {
  const newestFirst = [...entries].sort((a, b) => byCodeUnits(b.date, a.date)).slice(0, FEED_ENTRIES);
  const home = siteUrl(config);
  const view = {
    publication: { name: config.name, publisher: config.publisher, language: config.language, siteUrl: home },
    feedUrl: new URL('feed.xml', home).href,
    // A site without issues has nothing newer than the epoch; never the build time.
    updated: timestamp(newestFirst[0]?.date ?? '1970-01-01'),
    entries: newestFirst.map((entry) => ({ ...xmlSafe(entry), updated: timestamp(entry.date) })),
  };
  return { 'feed.xml': atom(view), 'feed.json': `${JSON.stringify(jsonFeed(newestFirst, config), null, 2)}\n` };
}

function jsonFeed(entries: readonly FeedEntry[], config: Config): object {
  const home = siteUrl(config);
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: config.name,
    home_page_url: home,
    feed_url: new URL('feed.json', home).href,
    language: config.language,
    authors: [{ name: config.publisher }],
    items: entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      title: entry.title,
      ...(entry.summary ? { summary: entry.summary } : {}),
      content_html: entry.contentHtml,
      date_published: timestamp(entry.date),
      ...(entry.author ? { authors: [{ name: entry.author }] } : {}),
      ...(entry.tags.length > 0 ? { tags: entry.tags } : {}),
    })),
  };
}

/** An issue date as an RFC 3339 time: midnight UTC of that day. */
function timestamp(date: string): string {
  return `${date}T00:00:00Z`;
}

/** XML 1.0 forbids most control characters, which YAML escapes could put in a title. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xmlSafe(entry: FeedEntry): FeedEntry {
  const clean = (value: string) => value.replace(NOT_XML, '');
  return {
    ...entry,
    title: clean(entry.title),
    summary: clean(entry.summary),
    author: entry.author === undefined ? undefined : clean(entry.author),
    tags: entry.tags.map(clean),
    contentHtml: clean(entry.contentHtml),
  };
}
