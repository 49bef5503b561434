import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverSite } from '../src/build/write.js';
import { CLI, cmr, ROOT, scratchProject } from './helpers/cli.js';

/** Enough issues that a build spends a couple of seconds rendering, so a kill lands mid-way. */
const ISSUES = 60;

let dir: string;
let cleanup: () => Promise<void>;
let previous: Map<string, string>;
let next: Map<string, string>;

/** Every file under `folder` with the SHA-256 of its bytes; empty when the folder is missing. */
async function snapshot(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const hashes = await Promise.all(files.map(async (file) => createHash('sha256').update(await readFile(file)).digest('hex')));
  return new Map(files.map((file, i): [string, string] => [file.slice(folder.length + 1), hashes[i]!]).sort());
}

/** Writes ISSUES weekly drafts, each the sample digest under another date, with `title` prefixed. */
async function writeDrafts(prefix: string): Promise<void> {
  const sample = await readFile(join(ROOT, 'digests/2025-11-01.md'), 'utf8');
  for (let week = 0; week < ISSUES; week++) {
    const date = new Date(Date.UTC(2025, 10, 1) - week * 7 * 86_400_000).toISOString().slice(0, 10);
    const draft = sample.replace('date: 2025-11-01', `date: ${date}`).replace(/^title: "/m, `title: "${prefix} `);
    await writeFile(join(dir, 'digests', `${date}.md`), draft);
  }
}

/** Starts `cmr build` and kills it with SIGKILL once `when` resolves; resolves when it is gone. */
function buildKilledWhen(when: (pid: number) => Promise<void>): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [CLI, 'build'], { cwd: dir, stdio: 'ignore' });
  const gone = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  void when(child.pid!).then(() => child.kill('SIGKILL'));
  return gone;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Resolves once the build with `pid` has written at least one file into its staging folder. */
async function stagingHasFiles(pid: number): Promise<void> {
  const staging = join(dir, `dist.staging-${pid}`);
  while ((await snapshot(staging)).size === 0) await sleep(10);
}

beforeAll(async () => {
  ({ dir, cleanup } = await scratchProject());
  // The output the next build should produce, built aside as a reference.
  await writeDrafts('Next:');
  expect((await cmr(['build', '--out', 'reference'], { cwd: dir })).code).toBe(0);
  next = await snapshot(join(dir, 'reference'));
  await rm(join(dir, 'reference'), { recursive: true });
  // The previous output, which every interrupted build must leave whole.
  await writeDrafts('Previous:');
  expect((await cmr(['build'], { cwd: dir })).code).toBe(0);
  previous = await snapshot(join(dir, 'dist'));
  // Five files per issue, then the archive and the two feeds.
  expect(previous.size).toBe(ISSUES * 5 + 3);
  await writeDrafts('Next:');
}, 120_000);

afterAll(() => cleanup());

describe('a build killed with SIGKILL', () => {
  it('while rendering leaves the previous dist/ byte-identical, and the next build clears its leftovers', async () => {
    let pid = 0;
    const signal = await buildKilledWhen((started) => ((pid = started), stagingHasFiles(started)));
    expect(signal).toBe('SIGKILL');
    expect(await snapshot(join(dir, 'dist'))).toEqual(previous);
    expect(await readdir(dir)).toContain(`dist.staging-${pid}`);

    await recoverSite(join(dir, 'dist'));
    expect(await readdir(dir)).not.toContain(`dist.staging-${pid}`);
    expect(await snapshot(join(dir, 'dist'))).toEqual(previous);
  }, 60_000);

  it('at moments spread over a build leaves either the previous or the complete new dist/, never a mix', async () => {
    // Fixed delays spread over a whole build, so every run exercises the same moments.
    const delays = [40, 250, 600, 900, 1300, 1700, 2200, 3000];
    const outcomes: string[] = [];
    for (const delay of delays) {
      await buildKilledWhen(() => sleep(delay));
      await recoverSite(join(dir, 'dist'));
      const now = await snapshot(join(dir, 'dist'));
      const outcome = sameFiles(now, previous) ? 'previous' : sameFiles(now, next) ? 'next' : 'mixed';
      const differing = (other: Map<string, string>) => [...now].filter(([path, hash]) => other.get(path) !== hash).length;
      outcomes.push(`${delay} ms: ${outcome} (${now.size} files, ${differing(previous)} differ from the previous, ${differing(next)} from the next; ${(await readdir(dir)).join(' ')})`);
      expect(outcome, outcomes.join(', ')).not.toBe('mixed');
      if (outcome === 'next') break;
      expect((await readdir(dir)).filter((name) => name.startsWith('dist'))).toEqual(['dist']);
    }
    expect(outcomes[0]).toMatch(/^40 ms: previous /);
    // A build left to finish gives exactly the new output, and nothing beside it.
    expect((await cmr(['build'], { cwd: dir })).code).toBe(0);
    expect(sameFiles(await snapshot(join(dir, 'dist')), next)).toBe(true);
    expect((await readdir(dir)).filter((name) => name.startsWith('dist'))).toEqual(['dist']);
  }, 120_000);
});

describe('recovering from a build killed between its two renames', () => {
  it('puts the previous output back when the new one never arrived', async () => {
    const out = join(dir, 'window');
    await mkdir(join(out + '.previous', 'issue'), { recursive: true });
    await writeFile(join(out + '.previous', 'issue', 'index.html'), 'previous');
    await recoverSite(out);
    expect(await snapshot(out)).toEqual(new Map([['issue/index.html', createHash('sha256').update('previous').digest('hex')]]));
    expect(await readdir(dir)).not.toContain('window.previous');
  });

  it('removes a half-deleted previous output once the new one is in place', async () => {
    const out = join(dir, 'swapped');
    await cp(join(dir, 'dist'), out, { recursive: true });
    await mkdir(join(out + '.previous', 'half'), { recursive: true });
    const before = await snapshot(out);
    await recoverSite(out);
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(dir)).not.toContain('swapped.previous');
  });
});

describe('recovering from a build killed while applying a patch', () => {
  /** Writes `files` (path → content) under `folder`. */
  async function writeTree(folder: string, files: Record<string, string>): Promise<void> {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(folder, path, '..'), { recursive: true });
      await writeFile(join(folder, path), content);
    }
  }
  const contents = async (folder: string) => new Map(await Promise.all([...(await snapshot(folder)).keys()].map(async (path): Promise<[string, string]> => [path, await readFile(join(folder, path), 'utf8')])));

  it('finishes it: what is still in the patch moves in, what it removes goes', async () => {
    const out = join(dir, 'patched');
    // The issue `a` was not moved in yet; `b` was, its old version put aside; `c` is to be removed.
    await writeTree(out, { 'a/index.html': 'old a', 'b/index.html': 'new b', 'c/index.html': 'old c', 'index.html': 'old archive' });
    await writeTree(`${out}.patch`, { 'a/index.html': 'new a', 'index.html': 'new archive', '.cmr-replaced/b/index.html': 'old b', '.cmr-remove.json': '["c"]' });
    await recoverSite(out);
    expect(await contents(out)).toEqual(new Map([['a/index.html', 'new a'], ['b/index.html', 'new b'], ['index.html', 'new archive']]));
    expect(await readdir(dir)).not.toContain('patched.patch');
  });

  it('only deletes a patch that was applied and half deleted, and drops one whose output is gone', async () => {
    const out = join(dir, 'applied');
    await writeTree(out, { 'a/index.html': 'new a' });
    await writeTree(`${out}.patch`, { '.cmr-replaced/a/index.html': 'old a' });
    await recoverSite(out);
    expect(await contents(out)).toEqual(new Map([['a/index.html', 'new a']]));
    await writeTree(join(dir, 'gone.patch'), { 'a/index.html': 'new a', '.cmr-remove.json': '[]' });
    await recoverSite(join(dir, 'gone'));
    expect((await readdir(dir)).filter((name) => name.startsWith('applied') || name.startsWith('gone'))).toEqual(['applied']);
  });
});

function sameFiles(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, hash]) => b.get(path) === hash);
}
