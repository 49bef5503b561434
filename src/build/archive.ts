import { feedEntry, renderFeeds } from '../render/feeds.js';
import type { Templates } from '../render/templates.js';
import { siteUrl, type IssueSummary } from '../render/summary.js';
import type { WebView } from '../render/web-page.js';
import type { Config } from '../schema/config.js';

/** One file of the site, by its path relative to the output folder. */
export interface SiteFile {
  path: string;
  content: string;
}

/**
 * The files about the whole site (the archive and the feeds), made from each issue's summary
 * and, for the issues the feeds carry (`inFeeds`), the view of its web page: a cached build
 * makes them without rendering any issue.
 */
export function siteFiles(
  newestFirst: readonly IssueSummary[],
  inFeeds: readonly WebView[],
  config: Config,
  templates: Pick<Templates, 'archive' | 'feed' | 'entry'>,
): SiteFile[] {
  const publication = { name: config.name, publisher: config.publisher, siteUrl: siteUrl(config), language: config.language };
  const entries = inFeeds.map((view) => feedEntry(view, templates.entry));
  const feeds = Object.entries(renderFeeds(entries, config, templates.feed)).map(([path, content]) => ({ path, content }));
  return [{ path: 'index.html', content: templates.archive({ publication, issues: newestFirst }) }, ...feeds];
}
