import type { Root } from 'mdast';
import type { Config } from '../schema/config.js';
import { SECTION_KEYS, type Digest, type Entry, type SectionKey } from '../schema/digest.js';
import { formatChange, formatDate, formatNumber } from './format.js';
import { markdownToHtml } from './markdown.js';
import { siteUrl, summarize, type IssueSummary } from './summary.js';

// Summaries live apart from the renderers, so the cache and the archive need no Markdown.
export { siteUrl, slugOf, summarize, type IssueSummary } from './summary.js';

export interface EntryView {
  date: string;
  dateText: string;
  title: string;
  url: string;
  source?: string;
  company?: string;
}

export interface SectionView {
  key: SectionKey;
  title: string;
  entries: EntryView[];
}

export interface MarketView {
  name: string;
  venue: string;
  price: string;
  currency: string;
  unit: string;
  change: string;
  note: string;
}

/** Everything the web, email and text templates of one issue may show. */
export interface IssueView {
  publication: { name: string; publisher: string; siteUrl: string; language: string; archiveUrl: string };
  issue: IssueSummary & { author?: string; tags: string[] };
  markets: MarketView[];
  sections: SectionView[];
  bodyHtml: string;
  cta: Config['cta'];
  event?: Config['event'];
  disclaimerHtml: string;
  previous?: IssueSummary;
  next?: IssueSummary;
}

export interface ViewInput {
  digest: Digest;
  body: Root;
  disclaimer: Root;
  config: Config;
  previous?: IssueSummary;
  next?: IssueSummary;
}

/** Prepares the data of one issue for its templates; no markup is built here but the sanitized body. */
export function issueView({ digest, body, disclaimer, config, previous, next }: ViewInput): IssueView {
  const language = config.language;
  return {
    publication: {
      name: config.name,
      publisher: config.publisher,
      siteUrl: siteUrl(config),
      language,
      archiveUrl: siteUrl(config),
    },
    issue: { ...summarize(digest, config), author: digest.author, tags: digest.tags ?? [] },
    markets: (digest.markets ?? []).map((market) => ({
      name: market.name,
      venue: market.venue ?? '',
      price: formatNumber(market.price, language),
      currency: market.currency,
      unit: market.unit,
      change: market.change_pct === undefined ? '' : formatChange(market.change_pct, language),
      note: market.note ?? '',
    })),
    sections: SECTION_KEYS.filter((key) => digest[key]?.length).map((key) => ({
      key,
      title: config.sections[key],
      entries: (digest[key] ?? []).map((entry) => entryView(entry, language)),
    })),
    bodyHtml: markdownToHtml(body),
    cta: config.cta,
    event: config.event,
    disclaimerHtml: markdownToHtml(disclaimer),
    previous,
    next,
  };
}

function entryView(entry: Entry, language: string): EntryView {
  return { ...entry, dateText: formatDate(entry.date, language) };
}
