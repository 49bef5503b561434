import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium, as `.ci/run` installs it; no browser is ever downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. Without Chromium they are skipped with a loud
 * notice, except in CI (CI=true), where a missing browser must fail the run.
 */
export const hasBrowser = existsSync(CHROMIUM);

if (!hasBrowser) {
  const notice = `\n!!! Chromium not found at ${CHROMIUM}: browser tests are SKIPPED. Install it with: apt-get install -y chromium\n`;
  if (process.env.CI === 'true') throw new Error(`CI=true and no browser: ${notice}`);
  process.stderr.write(notice);
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
