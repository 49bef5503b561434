import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from './helpers/browser.js';
import { CLI, scratchProject } from './helpers/cli.js';

const SAMPLE = 'digests/2025-11-01.md';
const TITLE = 'title: "A One-Year Rare Earth Truce as Copper Breaks Records"';

/** Starts `cmr preview --port 0` as a user would, and reads the address it prints. */
async function startCli(cwd: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI, 'preview', '--port', '0'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  const url = await new Promise<string>((found, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /preview of \d+ drafts? at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) found(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => failed(new Error(`cmr preview exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe.skipIf(!hasBrowser)('cmr preview in a browser', () => {
  let browser: Browser;
  let dir: string;
  let cleanup: () => Promise<void>;
  let preview: Awaited<ReturnType<typeof startCli>>;

  beforeAll(async () => {
    ({ dir, cleanup } = await scratchProject());
    preview = await startCli(dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    if (preview?.child.exitCode === null) preview.child.kill('SIGTERM');
    await browser?.close();
    await cleanup();
  });

  it('reloads on save, shows a broken draft’s diagnostic with its line, recovers, and stops on SIGTERM', async () => {
    const page = await browser.newPage();
    await page.goto(preview.url);
    await page.click('a[href="/draft/digests/2025-11-01/"]');
    const webFrame = page.frameLocator('iframe.web');
    await webFrame.locator('h1', { hasText: 'A One-Year Rare Earth Truce' }).waitFor();

    const file = join(dir, SAMPLE);
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace(TITLE, 'title: "Copper at a record while rare earths pause"'));
    // No reload by hand: the page reloads itself when the draft changes.
    await page.locator('.draft-title', { hasText: 'Copper at a record while rare earths pause' }).waitFor();
    await webFrame.locator('h1', { hasText: 'Copper at a record while rare earths pause' }).waitFor();

    await writeFile(file, good.replace(TITLE, 'title: "Copper at a record'));
    const problem = page.locator('.problems .problem').first();
    await problem.waitFor();
    expect(await problem.locator('.where').textContent()).toMatch(/^digests\/2025-11-01\.md:2:\d+$/);
    expect(await problem.locator('.line.focus').first().textContent()).toBe('2 | title: "Copper at a record');
    // The last good render stays visible under the diagnostics.
    expect(await webFrame.locator('h1').textContent()).toBe('Copper at a record while rare earths pause');

    await page.click('[data-tab="email-mobile"]');
    expect(await page.locator('iframe.mobile').evaluate((frame) => frame.getBoundingClientRect().width)).toBe(375);

    await writeFile(file, good);
    await page.locator('.draft-title', { hasText: 'A One-Year Rare Earth Truce' }).waitFor();
    expect(await page.locator('.problems').count()).toBe(0);
    // The chosen tab survives the reload.
    expect(await page.locator('#email-mobile').isVisible()).toBe(true);
    expect(await page.locator('#web').isVisible()).toBe(false);

    preview.child.kill('SIGTERM');
    const [code] = await once(preview.child, 'exit');
    expect(code).toBe(0);
    expect(preview.output()).toContain('preview stopped');
  });
});
