import { request } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { route } from '../src/preview/routes.js';
import { startPreview, type PreviewServer } from '../src/preview/server.js';
import { scratchProject } from './helpers/cli.js';

const SAMPLE = 'digests/2025-11-01.md';
const TITLE = 'title: "A One-Year Rare Earth Truce as Copper Breaks Records"';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path sent exactly as written: no client-side normalization of `..`. */
function get(server: PreviewServer, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => done({ status: response.statusCode!, headers: response.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Collects the `change` events the preview sends to open pages. */
function listen(server: PreviewServer): { next(): Promise<string>; close(): void } {
  const { hostname, port } = new URL(server.url);
  const waiting: ((draft: string) => void)[] = [];
  const arrived: string[] = [];
  let buffer = '';
  const req = request({ host: hostname, port, path: '/events' }, (response) => {
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: change\ndata: (.*)$/m.exec(message)?.[1];
        if (!data) continue;
        const draft = (JSON.parse(data) as { draft: string }).draft;
        const waiter = waiting.shift();
        if (waiter) waiter(draft);
        else arrived.push(draft);
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    next: () => (arrived.length > 0 ? Promise.resolve(arrived.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    close: () => req.destroy(),
  };
}

let dir: string;
let cleanup: () => Promise<void>;
let server: PreviewServer;

beforeEach(async () => {
  ({ dir, cleanup } = await scratchProject());
  await writeFile(join(dir, 'digests/2025-11-08.md'), '---\ntitle: "Second draft"\ndate: 2025-11-08\n---\n\nShort.\n');
  server = await startPreview({ root: dir, host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

describe('what the preview serves', () => {
  it('listens on 127.0.0.1 and lists the drafts newest first', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(server, '/');
    expect(index.status).toBe(200);
    const { document } = parseHTML(index.body);
    expect([...document.querySelectorAll('.drafts a')].map((a) => a.getAttribute('href'))).toEqual([
      '/draft/digests/2025-11-08/',
      '/draft/digests/2025-11-01/',
    ]);
  });

  it('shows each draft with its four tabs, the rendered outputs behind them', async () => {
    const shell = await get(server, '/draft/digests/2025-11-01/');
    const { document } = parseHTML(shell.body);
    expect(document.querySelector('.draft-title')!.textContent).toBe('A One-Year Rare Earth Truce as Copper Breaks Records');
    expect([...document.querySelectorAll('[role=tab]')].map((tab) => tab.textContent)).toEqual([
      'Web page',
      'Email · 600 px',
      'Email · 375 px',
      'Plain text',
    ]);
    expect([...document.querySelectorAll('iframe')].map((frame) => [frame.getAttribute('src'), frame.className])).toEqual([
      [expect.stringMatching(/^web\.html\?v=\d+$/), 'frame web'],
      [expect.stringMatching(/^email\.html\?v=\d+$/), 'frame email desktop'],
      [expect.stringMatching(/^email\.html\?v=\d+$/), 'frame email mobile'],
    ]);
    expect(document.querySelector('.plain-text')!.textContent).toContain('A One-Year Rare Earth Truce as Copper Breaks Records\n=====');

    const web = await get(server, '/draft/digests/2025-11-01/web.html');
    expect(web.headers['content-security-policy']).toContain("default-src 'none'");
    expect(parseHTML(web.body).document.querySelector('h1')!.textContent).toBe('A One-Year Rare Earth Truce as Copper Breaks Records');
    const text = await get(server, '/draft/digests/2025-11-01/email.txt');
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('writes valid HTML for the index and for a draft with problems', async () => {
    await writeFile(join(dir, 'digests/2025-11-08.md'), '---\ntitle: ""\ndate: 2025-11-08\n---\n');
    await server.project.refreshDraft('digests/2025-11-08.md');
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'doctype-style': 'off' } }) // the project writes <!doctype html>;
    for (const path of ['/', '/draft/digests/2025-11-08/', '/draft/digests/2025-11-01/']) {
      const page = await get(server, path);
      const report = await validator.validateString(page.body);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${path}:${m.line}: ${m.message} (${m.ruleId})`))).toEqual([]);
    }
  });

  it.each([
    ['/../../etc/passwd', 403],
    ['/%2e%2e/%2e%2e/etc/passwd', 403],
    ['/%2E%2E/%2E%2E/%2E%2E/etc/passwd', 403],
    ['/draft/%2e%2e/%2e%2e/cmr.config.yaml/', 403],
    ['/draft/digests/..%2f..%2fcmr.config.yaml/', 403],
    ['/assets/..%2fpreview.js', 403],
    ['/..%5c..%5cetc%5cpasswd', 403],
    ['/draft/./digests/2025-11-01/', 403],
    ['//etc/passwd', 403],
    ['/%252e%252e/etc/passwd', 404],
    ['/etc/passwd', 404],
    ['/cmr.config.yaml', 404],
    ['/digests/2025-11-01.md', 404],
    ['/templates/web.hbs', 404],
    ['/draft/digests/2025-11-01/digest.json', 404],
    ['/draft/etc/passwd/', 404],
  ])('refuses %s with %i, reading nothing', async (path, status) => {
    const reply = await get(server, path);
    expect(reply.status).toBe(status);
    expect(reply.body).not.toMatch(/root:|site_url|^---/m);
  });

  it('refuses NUL bytes and broken escapes as bad requests', async () => {
    expect((await get(server, '/draft/digests/2025-11-01/web.html%00')).status).toBe(400);
    expect((await get(server, '/%E0%A4%A')).status).toBe(400);
  });

  it('answers only requests addressed to the loopback host', async () => {
    expect((await get(server, '/', { host: 'attacker.example' })).status).toBe(403);
    expect((await get(server, '/', { host: `localhost:${new URL(server.url).port}` })).status).toBe(200);
  });
});

describe('rebuilding on save', () => {
  it('rebuilds only the changed draft, shows its problems over the last good render, and recovers', async () => {
    const events = listen(server);
    await get(server, '/'); // the event stream is open once the server has answered it
    const file = join(dir, SAMPLE);
    const good = await readFile(file, 'utf8');
    const other = server.project.drafts.get('digests/2025-11-08')!.version;

    await writeFile(file, good.replace(TITLE, 'title: "Copper at a record, rare earths on pause"'));
    expect(await events.next()).toBe('digests/2025-11-01');
    let shell = parseHTML((await get(server, '/draft/digests/2025-11-01/')).body).document;
    expect(shell.querySelector('.draft-title')!.textContent).toBe('Copper at a record, rare earths on pause');
    expect(server.project.drafts.get('digests/2025-11-08')!.version).toBe(other);

    await writeFile(file, good.replace(TITLE, 'title: "Unclosed'));
    expect(await events.next()).toBe('digests/2025-11-01');
    shell = parseHTML((await get(server, '/draft/digests/2025-11-01/')).body).document;
    const problem = shell.querySelector('.problem')!;
    expect(problem.querySelector('.where')!.textContent).toMatch(/^digests\/2025-11-01\.md:2:\d+$/);
    expect(problem.querySelector('.severity')!.textContent).toBe('error');
    expect(problem.querySelector('.message')!.textContent).toMatch(/^YAML: /);
    expect(problem.querySelector('.line.focus')!.textContent).toBe('2 | title: "Unclosed');
    expect(shell.querySelector('.problems h2')!.textContent).toBe('1 problem: showing the last good render');
    // The last good render stays on screen while the draft is broken.
    expect(shell.querySelector('.draft-title')!.textContent).toBe('Copper at a record, rare earths on pause');
    expect(shell.querySelectorAll('iframe')).toHaveLength(3);

    await writeFile(file, good);
    expect(await events.next()).toBe('digests/2025-11-01');
    shell = parseHTML((await get(server, '/draft/digests/2025-11-01/')).body).document;
    expect(shell.querySelector('.problems')).toBeNull();
    expect(shell.querySelector('.draft-title')!.textContent).toBe('A One-Year Rare Earth Truce as Copper Breaks Records');
    events.close();
  });

  it('re-renders every draft when the config changes, and shows a broken config on every page', async () => {
    const events = listen(server);
    await get(server, '/');
    const config = join(dir, 'cmr.config.yaml');
    const good = await readFile(config, 'utf8');
    await writeFile(config, good.replace('name: Critical Minerals Report', 'name: Battery Metals Weekly'));
    expect(await events.next()).toBe('*');
    const web = await get(server, '/draft/digests/2025-11-08/web.html');
    expect(parseHTML(web.body).document.querySelector('.masthead a')!.textContent).toBe('Battery Metals Weekly');

    await writeFile(config, good.replace('site_url: https://', 'site_url: ftp://'));
    expect(await events.next()).toBe('*');
    const shell = parseHTML((await get(server, '/draft/digests/2025-11-08/')).body).document;
    expect(shell.querySelector('.problem .where')!.textContent).toBe('cmr.config.yaml:5:11');
    events.close();
  });

  it('reports a date two drafts share on both their pages, and drops it from both once the date is changed', async () => {
    const events = listen(server);
    await get(server, '/');
    const extra = join(dir, 'digests/extra.md');
    const problemsOf = async (id: string) =>
      [...parseHTML((await get(server, `/draft/${id}/`)).body).document.querySelectorAll('.problem')].map((problem) => ({
        where: problem.querySelector('.where')!.textContent,
        severity: problem.querySelector('.severity')!.textContent,
        message: problem.querySelector('.message')!.textContent,
      }));
    const sharedDate = (where: string, other: string) => ({
      where,
      severity: 'error',
      message: `another draft, ${other}, already has the date 2025-11-08; each issue needs its own date`,
    });

    await writeFile(extra, '---\ntitle: "Extra"\ndate: 2025-11-08\nsummary: "Short."\n---\n\nShort.\n');
    expect([await events.next(), await events.next()]).toEqual(['digests/extra', 'digests/2025-11-08']);
    expect(await problemsOf('digests/extra')).toEqual([sharedDate('digests/extra.md:3:7', 'digests/2025-11-08.md')]);
    expect((await problemsOf('digests/2025-11-08')).filter((problem) => problem.severity === 'error')).toEqual([
      sharedDate('digests/2025-11-08.md:3:7', 'digests/extra.md'),
    ]);

    await writeFile(extra, '---\ntitle: "Extra"\ndate: 2025-11-22\nsummary: "Short."\n---\n\nShort.\n');
    expect([await events.next(), await events.next()]).toEqual(['digests/extra', 'digests/2025-11-08']);
    expect(await problemsOf('digests/extra')).toEqual([]);
    expect((await problemsOf('digests/2025-11-08')).filter((problem) => problem.severity === 'error')).toEqual([]);
    events.close();
  });

  it('adds a draft that appears and forgets one that is removed', async () => {
    const events = listen(server);
    await get(server, '/');
    await writeFile(join(dir, 'digests/2025-11-15.md'), '---\ntitle: "Third"\ndate: 2025-11-15\n---\n');
    expect(await events.next()).toBe('digests/2025-11-15');
    expect((await get(server, '/draft/digests/2025-11-15/')).status).toBe(200);
    events.close();
  });
});

describe('route', () => {
  it('names drafts and their outputs', () => {
    expect(route('/draft/digests/2025-11-01/?x=1')).toEqual({ kind: 'draft', id: 'digests/2025-11-01' });
    expect(route('/draft/digests/2025-11-01/email.html?v=3')).toEqual({ kind: 'output', id: 'digests/2025-11-01', output: 'email.html' });
    expect(route('/assets/preview.js')).toEqual({ kind: 'asset', path: '/assets/preview.js' });
    expect(route('/assets/other.js')).toEqual({ kind: 'missing' });
  });
});
