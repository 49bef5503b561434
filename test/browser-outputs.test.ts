import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from './helpers/browser.js';
import { ROOT } from './helpers/cli.js';
import { twoIssueSite } from './helpers/site.js';

/** Screenshots for people to look at; the folder is git-ignored. */
const SHOTS = join(ROOT, '.screenshots');

interface Layout {
  innerWidth: number;
  scrollWidth: number;
  /** Scroll boxes, such as the wrapper of a wide table, whose content is wider than they are. */
  clipped: string[];
  /** Every link of a list entry, with its box in the page. */
  links: { text: string; left: number; right: number; width: number; height: number }[];
}

const views = [
  { page: '2025-11-01/email.html', width: 600, entries: 'td.entry a' },
  { page: '2025-11-01/email.html', width: 375, entries: 'td.entry a' },
  { page: '2025-11-01/index.html', width: 1280, entries: '.entries li a' },
  { page: '2025-11-01/index.html', width: 375, entries: '.entries li a' },
  { page: 'index.html', width: 375, entries: '.entries li a' },
];

describe.skipIf(!hasBrowser)('outputs in Chromium', () => {
  let browser: Browser;
  let site: Map<string, string>;
  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), twoIssueSite()]);
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(() => browser?.close());

  it.each(views)('$page at $width px: no horizontal overflow, every list entry visible', async ({ page: path, width, entries }) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: 'light' });
    try {
      // Nothing is fetched: the pages carry their CSS and no images.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(site.get(path)!, { waitUntil: 'load' });
      const layout: Layout = await page.evaluate((selector) => {
        const links = [...document.querySelectorAll(selector)].map((a) => {
          const box = a.getBoundingClientRect();
          return { text: a.textContent ?? '', left: box.left, right: box.right, width: box.width, height: box.height };
        });
        const clipped = [...document.body.querySelectorAll('*')]
          .filter((el) => getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { innerWidth: window.innerWidth, scrollWidth: document.scrollingElement!.scrollWidth, clipped, links };
      }, entries);
      await page.screenshot({ path: join(SHOTS, `${path.replace(/\//g, '_').replace('.html', '')}-${width}.png`), fullPage: true });

      expect(layout.innerWidth).toBe(width);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.clipped).toEqual([]);
      expect(layout.links.length).toBe(path === 'index.html' ? 2 : 45);
      const hidden = layout.links.filter((l) => l.width === 0 || l.height === 0 || l.left < 0 || l.right > layout.innerWidth);
      expect(hidden).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
