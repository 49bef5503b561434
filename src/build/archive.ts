import { renderFeeds, type FeedEntry } from '../render/feeds.js';
import type { Templates } from '../render/templates.js';
import { siteUrl, type IssueSummary } from '../render/summary.js';
import type { Config } from '../schema/config.js';

/** One file of the site, by its path relative to the output folder. */
export interface SiteFile {
  path: string;
  content: string;
}

/**
 * The files about the whole site (the archive and the feeds), made from each issue's
 * summary and feed entry alone, so a cached build makes them without rendering any issue.
 */
export function siteFiles(
  newestFirst: readonly IssueSummary[],
  entries: readonly FeedEntry[],
  config: Config,
  templates: Pick<Templates, 'archive' | 'feed'>,
): SiteFile[] {
  const publication = { name: config.name, publisher: config.publisher, siteUrl: siteUrl(config), language: config.language };
  const feeds = Object.entries(renderFeeds(entries, config, templates.feed)).map(([path, content]) => ({ path, content }));
  return [{ path: 'index.html', content: templates.archive({ publication, issues: newestFirst }) }, ...feeds];
}
