import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftText } from '../scripts/generate-archive.mjs';
import { cmr, scratchProject } from './helpers/cli.js';

// Enough drafts for the build to use worker threads, as it does on a real archive.
const ISSUES = 20;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchProject());
  for (let i = 0; i < ISSUES; i++) {
    const { name, text } = draftText(i);
    await writeFile(join(dir, 'digests', name), text);
  }
});
afterAll(() => cleanup());

/** Every file under `folder`, by relative path, with its bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[path.slice(folder.length + 1)] = (await readFile(path)).toString('base64');
  }
  return files;
}

/** Builds with the cache into dist/ and without it into clean/; both must be byte-identical. */
async function expectCachedEqualsClean(): Promise<void> {
  const cached = await cmr(['build'], { cwd: dir });
  expect(cached.stderr).toBe('');
  expect(cached.code).toBe(0);
  await rm(join(dir, 'clean'), { recursive: true, force: true });
  const clean = await cmr(['build', '--no-cache', '--out', 'clean'], { cwd: dir });
  expect(clean.code).toBe(0);
  const [a, b] = await Promise.all([snapshot(join(dir, 'dist')), snapshot(join(dir, 'clean'))]);
  expect(Object.keys(a).length).toBeGreaterThan(ISSUES * 4);
  expect(a).toEqual(b);
}

const inode = async (path: string) => (await stat(join(dir, 'dist', path))).ino;

describe('a cached rebuild writes exactly what a clean build writes', () => {
  const old = draftText(4).name.slice(0, 10);

  it('on the first build, then reuses every issue when nothing changed', async () => {
    await expectCachedEqualsClean();
    // Each issue: index.html, email.html, email.txt, issue.eml, digest.json; the site: archive and two feeds.
    expect(Object.keys(await snapshot(join(dir, 'dist')))).toHaveLength((ISSUES + 1) * 5 + 3);
    const before = await inode(`${old}/email.html`);
    const again = await cmr(['build'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(await inode(`${old}/email.html`)).toBe(before);
  });

  it('leaves the output as it is when nothing changed since the last build, saying the same', async () => {
    const first = await cmr(['build'], { cwd: dir });
    const folder = (await stat(join(dir, 'dist'))).ino;
    const again = await cmr(['build'], { cwd: dir });
    expect(again.code).toBe(0);
    // The output folder was not staged and swapped again: it is the same folder.
    expect((await stat(join(dir, 'dist'))).ino).toBe(folder);
    const withoutTime = (out: string) => out.replace(/ in \d+\.\d\d s$/m, '');
    expect(withoutTime(again.stdout)).toBe(withoutTime(first.stdout));
    expect(again.stdout.split('\n').filter((line) => line.startsWith('wrote '))).toHaveLength(ISSUES + 1);
  });

  it('builds again when a file of the output was removed by hand', async () => {
    await rm(join(dir, 'dist', old, 'email.txt'));
    await expectCachedEqualsClean();
  });

  it('builds again when a folder or a file was added inside the output by hand', async () => {
    await mkdir(join(dir, 'dist', old, 'notes'));
    await writeFile(join(dir, 'dist', old, 'notes', 'draft.txt'), 'not from cmr');
    await expectCachedEqualsClean();
    await cmr(['build'], { cwd: dir });
    await writeFile(join(dir, 'dist', 'stray.txt'), 'not from cmr either');
    await expectCachedEqualsClean();
  });

  it('after a draft is edited, rendering only that issue again', async () => {
    const untouched = await inode(`${draftText(9).name.slice(0, 10)}/index.html`);
    const edited = await inode(`${old}/index.html`);
    await appendFile(join(dir, 'digests', `${old}.md`), '\nA late correction to this issue.\n');
    await expectCachedEqualsClean();
    expect(await inode(`${draftText(9).name.slice(0, 10)}/index.html`)).toBe(untouched);
    expect(await inode(`${old}/index.html`)).not.toBe(edited);
    expect(await readFile(join(dir, 'dist', old, 'email.txt'), 'utf8')).toContain('A late correction to this issue.');
  });

  it('after an issue is added, which changes its neighbour and the archive', async () => {
    // The sample issue of the project is the newest; one more comes after it.
    const [email, page] = [await inode('2025-11-01/email.html'), await inode('2025-11-01/index.html')];
    const added = (await readFile(join(dir, 'digests', '2025-11-01.md'), 'utf8')).replace('date: 2025-11-01', 'date: 2025-11-08');
    await writeFile(join(dir, 'digests', '2025-11-08.md'), added);
    await expectCachedEqualsClean();
    const archive = await readFile(join(dir, 'dist', 'index.html'), 'utf8');
    expect(archive.indexOf('2025-11-08/')).toBeLessThan(archive.indexOf('2025-11-01/'));
    expect(await readFile(join(dir, 'dist', '2025-11-01', 'index.html'), 'utf8')).toContain('href="../2025-11-08/"');
    // The neighbour's web page alone was made again: its other files are the ones it had.
    expect(await inode('2025-11-01/index.html')).not.toBe(page);
    expect(await inode('2025-11-01/email.html')).toBe(email);
  });

  it('after a title changes, which the pages of both neighbours show', async () => {
    const [before, after] = [draftText(3).name.slice(0, 10), draftText(5).name.slice(0, 10)];
    const emails = [await inode(`${before}/email.html`), await inode(`${after}/email.html`)];
    const file = join(dir, 'digests', `${old}.md`);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: "A title changed after publication"'));
    await expectCachedEqualsClean();
    for (const neighbour of [before, after]) {
      expect(await readFile(join(dir, 'dist', neighbour, 'index.html'), 'utf8')).toContain('A title changed after publication');
    }
    expect([await inode(`${before}/email.html`), await inode(`${after}/email.html`)]).toEqual(emails);
  });

  it('after an issue is removed', async () => {
    await rm(join(dir, 'digests', '2025-11-08.md'));
    await expectCachedEqualsClean();
    expect(await readdir(join(dir, 'dist'))).not.toContain('2025-11-08');
  });

  it('after the config changes', async () => {
    const config = await readFile(join(dir, 'cmr.config.yaml'), 'utf8');
    await writeFile(join(dir, 'cmr.config.yaml'), config.replace('label: "Become a member"', 'label: "Join the institute"'));
    await expectCachedEqualsClean();
    expect(await readFile(join(dir, 'dist', old, 'email.html'), 'utf8')).toContain('Join the institute');
  });

  it('after a template changes', async () => {
    await appendFile(join(dir, 'templates', 'partials', 'web', 'cta.hbs'), '<p class="note">Templates changed.</p>\n');
    await expectCachedEqualsClean();
    expect(await readFile(join(dir, 'dist', old, 'index.html'), 'utf8')).toContain('Templates changed.');
  });

  it('and keeps no more than one build in the cache', async () => {
    // One folder of the build cache's format (beside the check cache and the email plans).
    const formats = (await readdir(join(dir, '.cache', 'cmr'))).filter((name) => /^v\d+$/.test(name));
    expect(formats).toHaveLength(1);
    const pages = await readdir(join(dir, '.cache', 'cmr', formats[0]!, 'pages'));
    // Each page is a folder of files and, beside it, its feed entry.
    expect(pages.filter((name) => !name.endsWith('.json'))).toHaveLength(ISSUES + 1);
    expect(pages.filter((name) => name.endsWith('.json'))).toHaveLength(ISSUES + 1);
  });
});
