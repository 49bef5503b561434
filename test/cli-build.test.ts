import { readdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cmr, ROOT, scratchProject } from './helpers/cli.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await scratchProject());
});
afterEach(() => cleanup());

async function tree(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1)).sort();
}

describe('cmr build', () => {
  it('writes the five files of each issue, the archive and the feeds, one line per issue', async () => {
    const run = await cmr(['build'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await tree(join(dir, 'dist'))).toEqual([
      '2025-11-01/digest.json',
      '2025-11-01/email.html',
      '2025-11-01/email.txt',
      '2025-11-01/index.html',
      '2025-11-01/issue.eml',
      'feed.json',
      'feed.xml',
      'index.html',
    ]);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('wrote dist/2025-11-01/  A One-Year Rare Earth Truce as Copper Breaks Records');
    expect(lines[1]).toMatch(/^built 1 issue and the archive into dist\/ in \d+\.\d\d s$/);
    const data = JSON.parse(await readFile(join(dir, 'dist/2025-11-01/digest.json'), 'utf8'));
    expect(data.date).toBe('2025-11-01');
    expect(data.releases).toHaveLength(20);
  });

  it('lists issues newest first in the archive', async () => {
    const older = (await readFile(join(ROOT, 'fixtures/valid/minimal.md'), 'utf8')).replace('2025-11-08', '2025-10-25');
    await writeFile(join(dir, 'digests/2025-10-25.md'), older);
    const run = await cmr(['build'], { cwd: dir });
    expect(run.code).toBe(0);
    const archive = await readFile(join(dir, 'dist/index.html'), 'utf8');
    const hrefs = [...archive.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['2025-11-01/', '2025-10-25/']);
  });

  it('writes nothing when any draft is invalid, and says why', async () => {
    await copyFile(join(ROOT, 'fixtures/invalid/missing-title.md'), join(dir, 'digests/2025-11-08.md'));
    const run = await cmr(['build'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('digests/2025-11-08.md:2:1  error  "title" is required  (title)  schema');
    expect(run.stderr).toContain('nothing written');
    expect(await readdir(dir)).not.toContain('dist');
  });

  it('keeps the previous output whole when a later build fails', async () => {
    expect((await cmr(['build'], { cwd: dir })).code).toBe(0);
    const before = await readFile(join(dir, 'dist/2025-11-01/email.html'), 'utf8');
    await copyFile(join(ROOT, 'fixtures/invalid/yaml-syntax.md'), join(dir, 'digests/2025-11-08.md'));
    expect((await cmr(['build'], { cwd: dir })).code).toBe(1);
    expect(await readFile(join(dir, 'dist/2025-11-01/email.html'), 'utf8')).toBe(before);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['check', '--no-such-option'], /unknown option '--no-such-option'/],
    [['check', 'no/such/draft.md'], /no such file or folder: no\/such\/draft.md/],
    [['publish'], /unknown command 'publish'/],
    [['build', '--out', '.'], /refusing to build into \./],
    [['build', '--out', 'digests'], /refusing to build into digests/],
  ])('cmr %j', async (args, message) => {
    const run = await cmr(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a project without cmr.config.yaml', async () => {
    const run = await cmr(['check'], { cwd: join(dir, 'digests') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cmr: no cmr.config.yaml found/);
  });
});
