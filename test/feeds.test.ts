import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectConfig, SAMPLE, validDraft } from './helpers/sample.js';
import { renderSiteFiles, twoIssueSite } from './helpers/site.js';

const SITE = 'https://example.org/critical-minerals-report/';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'category'].includes(name) });

interface AtomLink {
  '@rel': string;
  '@href': string;
  '@type': string;
}

let site: Map<string, string>;
beforeAll(async () => {
  site = await twoIssueSite();
});

describe('feed.xml', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(site.get('feed.xml')!)).toBe(true);
  });

  it('has the feed elements RFC 4287 requires, updated from the newest issue', () => {
    const { feed } = parser.parse(site.get('feed.xml')!);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(SITE);
    expect(feed.title).toBe('Critical Minerals Report');
    expect(feed.updated).toBe('2025-11-08T00:00:00Z');
    expect(feed.author.name).toBe('Critical Minerals Institute');
    const links = feed.link as AtomLink[];
    expect(links.find((l) => l['@rel'] === 'self')?.['@href']).toBe(`${SITE}feed.xml`);
    expect(links.find((l) => l['@rel'] === 'alternate')?.['@href']).toBe(SITE);
  });

  it('has one entry per issue, newest first, each with id, link, updated, summary and content', async () => {
    const { feed } = parser.parse(site.get('feed.xml')!);
    const entries = feed.entry as Record<string, unknown>[];
    expect(entries.map((e) => e.id)).toEqual([`${SITE}2025-11-08/`, `${SITE}2025-11-01/`]);
    const [newer, sample] = entries as [Record<string, any>, Record<string, any>];
    expect(newer.updated).toBe('2025-11-08T00:00:00Z');
    expect(newer.summary).toBeUndefined();
    const { digest } = await validDraft(SAMPLE);
    expect(sample.title).toBe(digest.title);
    expect(sample.updated).toBe('2025-11-01T00:00:00Z');
    expect(sample.published).toBe('2025-11-01T00:00:00Z');
    expect(sample.summary).toBe(digest.summary);
    expect(sample.author.name).toBe(digest.author);
    expect((sample.category as { '@term': string }[]).map((c) => c['@term'])).toEqual(digest.tags);
    expect(sample.link).toEqual([{ '@rel': 'alternate', '@type': 'text/html', '@href': `${SITE}2025-11-01/` }]);
    expect(sample.content['@type']).toBe('html');
  });

  it('carries the article as HTML with absolute links', () => {
    const content = parser.parse(site.get('feed.xml')!).feed.entry[1].content['#text'] as string;
    const { document } = parseHTML(`<!DOCTYPE html><html><body>${content}</body></html>`);
    const hrefs = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(45);
    expect(hrefs.filter((href) => !/^https:\/\//.test(href))).toEqual([]);
    expect(document.querySelectorAll('section.list li')).toHaveLength(45);
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('drops control characters that XML cannot hold', async () => {
    const valid = await validDraft(SAMPLE);
    const digest = { ...valid.digest, title: 'Bell\u0007 and form\u000cfeed' };
    const files = await renderSiteFiles([{ ...valid, digest }]);
    const xml = files.get('feed.xml')!;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parser.parse(xml).feed.entry[0].title).toBe('Bell and formfeed');
  });
});

describe('feed.json', () => {
  it('is a JSON Feed 1.1 with absolute URLs, newest first', async () => {
    const feed = JSON.parse(site.get('feed.json')!);
    const { digest } = await validDraft(SAMPLE);
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: (await projectConfig()).name,
      home_page_url: SITE,
      feed_url: `${SITE}feed.json`,
      language: 'en',
    });
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual([`${SITE}2025-11-08/`, `${SITE}2025-11-01/`]);
    const sample = feed.items[1];
    expect(sample).toMatchObject({
      url: `${SITE}2025-11-01/`,
      title: digest.title,
      summary: digest.summary,
      date_published: '2025-11-01T00:00:00Z',
      authors: [{ name: digest.author }],
      tags: digest.tags,
    });
    expect(feed.items[0]).not.toHaveProperty('summary');
    const { document } = parseHTML(`<!DOCTYPE html><html><body>${sample.content_html}</body></html>`);
    expect(document.querySelector('section.editorial p')?.textContent).toMatch(/^This week brought a pause/);
  });
});

describe('a long archive', () => {
  it('feeds only the newest issues, newest first', async () => {
    const { renderFeeds, FEED_ENTRIES } = await import('../src/render/feeds.js');
    const { loadTemplates } = await import('../src/render/templates.js');
    const { ROOT } = await import('./helpers/cli.js');
    const config = await projectConfig();
    const templates = await loadTemplates(`${ROOT}/templates`);
    const dates = Array.from({ length: FEED_ENTRIES + 5 }, (_, i) => new Date(Date.UTC(2025, 0, 4 + 7 * i)).toISOString().slice(0, 10));
    const entries = dates.map((date) => ({
      slug: date,
      title: `Issue of ${date}`,
      date,
      dateText: date,
      summary: '',
      url: `${SITE}${date}/`,
      tags: [],
      contentHtml: '<p>Text</p>',
    }));
    const feeds = renderFeeds(entries, config, templates.feed);
    const ids = (parser.parse(feeds['feed.xml']).feed.entry as { id: string }[]).map((entry) => entry.id);
    expect(ids).toEqual([...dates].reverse().slice(0, FEED_ENTRIES).map((date) => `${SITE}${date}/`));
    const json = JSON.parse(feeds['feed.json']) as { items: { id: string }[] };
    expect(json.items.map((item) => item.id)).toEqual(ids);
  });
});
