import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readDraft } from '../src/draft/read.js';
import { cmr, ROOT, scratchProject } from './helpers/cli.js';

const run = promisify(execFile);
const SAMPLE = 'digests/2025-11-01.md';

/** Pages a publisher might serve, on 127.0.0.1 only. */
const PAGES: Record<string, { type: string; status?: number; body: string }> = {
  '/tungsten': {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><title>Site name</title>
<meta property="og:title" content="Tungsten prices climb as export curbs bite">
<meta property="article:published_time" content="2025-10-29T14:05:00+00:00"></head><body>…</body></html>`,
  },
  '/cobalt': {
    type: 'text/html',
    body: '<html><head><title>Cobalt approvals still pending</title></head><body><time datetime="2025-11-02">Nov 2</time></body></html>',
  },
  '/undated': { type: 'text/html', body: '<title>When was this?</title>' },
  '/gone': { type: 'text/html', status: 404, body: 'not here' },
  '/report.pdf': { type: 'application/pdf', body: '%PDF-1.7' },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/slow') return; // never answers
    const page = PAGES[request.url ?? ''];
    response.writeHead(page?.status ?? (page ? 200 : 404), { 'content-type': page?.type ?? 'text/plain' });
    response.end(page?.body ?? '');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await scratchProject());
});
afterEach(() => cleanup());

/** `git diff` of the draft against its original, in unified form without context. */
async function gitDiff(original: string, file: string): Promise<string[]> {
  const before = join(dir, 'before.md');
  await writeFile(before, original);
  const result = await run('git', ['diff', '--no-index', '--unified=0', '--no-color', before, file]).catch((error: { stdout: string }) => error);
  return result.stdout.split('\n').filter((line) => /^[-+](?![-+]{2} )/.test(line));
}

describe('cmr add', () => {
  it('adds the fetched title and date in newest-first order; git diff shows only added lines', async () => {
    const file = join(dir, SAMPLE);
    const original = await readFile(file, 'utf8');
    const added = await cmr(['add', 'headlines', `${base}/tungsten`, '--source', 'Reuters'], { cwd: dir });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(`added to headlines of ${SAMPLE}: 2025-10-29  Tungsten prices climb as export curbs bite\n`);
    expect(await gitDiff(original, file)).toEqual([
      '+  - date: 2025-10-29',
      '+    title: "Tungsten prices climb as export curbs bite"',
      `+    url: ${base}/tungsten`,
      '+    source: Reuters',
    ]);
    const { valid } = await readDraft(file);
    const headlines = valid!.digest.headlines!;
    const at = headlines.findIndex((entry) => entry.url === `${base}/tungsten`);
    // After the 2025-10-29 picks already there, before the first of 2025-10-28.
    expect(headlines[at - 1]!.date).toBe('2025-10-29');
    expect(headlines[at + 1]!.date).toBe('2025-10-28');
    expect(headlines.map((e) => e.date)).toEqual([...headlines.map((e) => e.date)].sort().reverse());
  });

  it('adds to the latest draft, reading <title> and <time>', async () => {
    expect((await cmr(['new'], { cwd: dir })).code).toBe(0);
    const run = await cmr(['add', 'media', `${base}/cobalt`], { cwd: dir });
    expect(run.code).toBe(0);
    const { valid } = await readDraft(join(dir, 'digests/2025-11-08.md'));
    expect(valid!.digest.media).toEqual([{ date: '2025-11-02', title: 'Cobalt approvals still pending', url: `${base}/cobalt` }]);
  });

  it('does not fetch when --title and --date are given', async () => {
    const run = await cmr(['add', 'releases', 'http://127.0.0.1:9/offline', '--title', 'Given', '--date', '2025-10-27', '--company', 'Nano One Materials Corp.'], { cwd: dir });
    expect(run.code).toBe(0);
    const { valid } = await readDraft(join(dir, SAMPLE));
    expect(valid!.digest.releases!.at(-1)).toEqual({ date: '2025-10-27', company: 'Nano One Materials Corp.', title: 'Given', url: 'http://127.0.0.1:9/offline' });
  });

  it.each([
    ['/gone', 'could not read URL: the server answered 404 Not Found. Give --title and --date to add it without fetching'],
    ['/report.pdf', 'could not read URL: it is not a web page (content type application/pdf). Give --title and --date to add it without fetching'],
    ['/undated', 'the page URL has no publication date; give one with --date YYYY-MM-DD'],
    ['/slow', 'could not read URL: no answer within 0.5 s. Give --title and --date to add it without fetching'],
  ])('refuses %s with exit 1 and a clear message, leaving the draft alone', async (path, message) => {
    const file = join(dir, SAMPLE);
    const original = await readFile(file, 'utf8');
    const run = await cmr(['add', 'headlines', `${base}${path}`, '--timeout', '0.5'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`cmr: ${message.replace('URL', `${base}${path}`)}; nothing added\n`);
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('refuses a link the issue already has, however it is written', async () => {
    const run = await cmr(['add', 'headlines', 'https://BIT.LY/47t3bbb/?utm_source=mail#x', '--title', 'x', '--date', '2025-10-30'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`cmr: ${SAMPLE}:129 already has this link, in releases; nothing added\n`);
  });

  it('keeps CRLF line endings', async () => {
    const file = join(dir, SAMPLE);
    const crlf = (await readFile(file, 'utf8')).replace(/\n/g, '\r\n');
    await writeFile(file, crlf);
    expect((await cmr(['add', 'interviews', `${base}/cobalt`], { cwd: dir })).code).toBe(0);
    const after = await readFile(file, 'utf8');
    expect(after.split('\r\n').length).toBe(crlf.split('\r\n').length + 3);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it.each([
    [['add', 'headline', 'https://example.com/x'], 'cmr: unknown section "headline" (did you mean "headlines"?); the sections are headlines, media, interviews, releases'],
    [['add', 'media', 'example.com/x'], 'cmr: expected an absolute http(s) URL, got "example.com/x"'],
    [['add', 'media', 'https://example.com/x', '--date', '2025-11-31'], 'cmr: --date must be a date written YYYY-MM-DD, got "2025-11-31"'],
    [['add', 'media', 'https://example.com/x', '--draft', 'digests/none.md'], 'cmr: no such draft: digests/none.md'],
  ])('cmr %j is a usage error (exit 2)', async (args, message) => {
    const run = await cmr(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
  });

  it('refuses an entry that would make the draft invalid, with its diagnostics', async () => {
    const run = await cmr(['add', 'media', 'https://example.com/x', '--title', ' ', '--date', '2025-10-30'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the draft would not be valid with this entry; nothing added\n');
    expect(run.stderr).toMatch(/digests\/2025-11-01\.md:\d+:\d+  error  title must not be empty  \(media\.1\.title\)  schema/);
  });
});

it('the sample in the repository is untouched by these tests', async () => {
  const { valid } = await readDraft(join(ROOT, SAMPLE));
  expect(valid!.digest.headlines).toHaveLength(18);
});
