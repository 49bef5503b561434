import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_CACHE_DIR } from '../src/check/cache.js';
import { runCheck } from '../src/commands/check.js';
import { FOLDER_RULES } from '../src/rules/folder-rules.js';
import { RULES } from '../src/rules/registry.js';
import { cmr, ROOT, scratchProject, type Run } from './helpers/cli.js';
import { issue, sharedDate } from './helpers/issues.js';

/** Every kind of draft the fixtures hold: each rule's triggers, invalid and hostile drafts, the sample. */
const PATHS = ['fixtures/rules', 'fixtures/invalid', 'fixtures/hostile/refused', 'fixtures/valid', 'digests'];

/** `cmr check` in this thread, from the sources, where the worker pool runs every task inline. */
async function checkInThisThread(args: { paths: string[]; format: string }): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (text: string) => out.push(`${text}\n`), err: (text: string) => err.push(`${text}\n`) };
  const code = await runCheck(args.paths, { root: ROOT, format: args.format, color: false, cache: false }, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('cmr check on worker threads', () => {
  it('the folder rules are those of the registry, in its order', () => {
    expect(FOLDER_RULES).toEqual(RULES.filter((rule) => rule.kind === 'folder'));
  });

  for (const format of ['json', 'pretty', 'github']) {
    it(`reports exactly what a check in one thread reports (${format})`, async () => {
      // The CLI runs from lib/, where the fixtures' drafts are checked on worker threads (on a
      // machine with two cores or more); from the sources, every draft is checked in this thread.
      const [threaded, inThread] = await Promise.all([
        cmr(['check', '--no-cache', '--format', format, ...PATHS]),
        checkInThisThread({ paths: PATHS, format }),
      ]);
      expect(threaded.stderr).toBe('');
      expect(threaded).toEqual(inThread);
      expect(threaded.code).toBe(1);
    });
  }
});

const RERUN = 'https://example.com/copper/record-again';
const LATER = 'digests/2025-11-08.md';
const SAMPLE = 'digests/2025-11-01.md';

describe('the check cache never gives a stale verdict', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const at = (path: string) => join(dir, path);

  beforeAll(async () => {
    ({ dir, cleanup } = await scratchProject());
    await writeFile(at(LATER), issue('2025-11-08', { title: 'Copper holds its record', url: RERUN }));
  });
  afterAll(() => cleanup());

  /** Checks with the cache and without it: the reports must be identical. Returns the problems' messages and rules. */
  async function check(paths: string[], ...options: string[]): Promise<[string, string, string][]> {
    const cached = await cmr(['check', '--format', 'json', ...options, ...paths], { cwd: dir });
    const clean = await cmr(['check', '--format', 'json', '--no-cache', ...options, ...paths], { cwd: dir });
    expect(cached.stderr).toBe('');
    expect(cached).toEqual(clean);
    return (JSON.parse(cached.stdout) as { rule: string; severity: string; message: string }[]).map((p) => [p.rule, p.severity, p.message]);
  }

  it('fills the cache on the first check and answers the same from it', async () => {
    expect(await check([LATER])).toEqual([]);
    expect((await readdir(at(CHECK_CACHE_DIR))).length).toBe(1);
    expect(await check([LATER])).toEqual([]);
  });

  it('names the line of an unchanged earlier issue once the checked draft comes to repeat it', async () => {
    const later = await readFile(at(LATER), 'utf8');
    const sample = await readFile(at(SAMPLE), 'utf8');
    const ran = 'https://example.com/placeholder/us-gets-rare-earth-reprieve-china';
    await writeFile(at(LATER), later.replace(RERUN, ran));
    const line = sample.split('\n').findIndex((text) => text.includes(ran)) + 1;
    expect(await check([LATER])).toEqual([
      ['repeat-from-earlier-issue', 'warning', `this URL already ran in the issue of 2025-11-01, ${SAMPLE}:${line}`],
    ]);
    await writeFile(at(LATER), later);
    expect(await check([LATER])).toEqual([]);
  });

  it('names an unchanged earlier issue whose title, cased otherwise, the checked draft comes to repeat', async () => {
    const later = await readFile(at(LATER), 'utf8');
    const sample = await readFile(at(SAMPLE), 'utf8');
    await writeFile(at(LATER), later.replace('Copper holds its record', 'LME Copper Hits Record Highs As Funds And Fundamentals Align'));
    const line = sample.split('\n').findIndex((text) => text.includes('LME copper hits record highs as funds and fundamentals align')) + 1;
    expect(await check([LATER])).toEqual([
      ['repeat-from-earlier-issue', 'warning', `this title already ran in the issue of 2025-11-01, ${SAMPLE}:${line}`],
    ]);
    await writeFile(at(LATER), later);
    expect(await check([LATER])).toEqual([]);
  });

  it('notices an edited earlier issue', async () => {
    const sample = await readFile(at(SAMPLE), 'utf8');
    const edited = sample.replace('https://example.com/placeholder/catl-taps-outside-suppliers', RERUN);
    expect(edited).not.toBe(sample);
    await writeFile(at(SAMPLE), edited);
    const line = edited.split('\n').findIndex((text) => text.includes(RERUN)) + 1;
    expect(await check([LATER])).toEqual([
      ['repeat-from-earlier-issue', 'warning', `this URL already ran in the issue of 2025-11-01, ${SAMPLE}:${line}`],
    ]);
  });

  it('notices an added earlier issue, and its removal', async () => {
    await writeFile(at('digests/2025-11-04.md'), issue('2025-11-04', { title: 'Copper at a record', url: RERUN }));
    expect(await check([LATER])).toEqual([
      ['repeat-from-earlier-issue', 'warning', 'this URL already ran in the issue of 2025-11-04, digests/2025-11-04.md:8'],
    ]);
    await rm(at('digests/2025-11-04.md'));
    expect((await check([LATER])).map(([, , message]) => message)).toEqual([expect.stringContaining('the issue of 2025-11-01')]);
  });

  it('notices an edited draft being checked', async () => {
    const later = await readFile(at(LATER), 'utf8');
    await writeFile(at(LATER), later.replace('Copper holds its record', 'Copper holds  its record'));
    expect(await check([LATER])).toEqual([
      ['title-whitespace', 'warning', 'the title of headlines[0] has double spaces'],
      ['repeat-from-earlier-issue', 'warning', expect.stringContaining('the issue of 2025-11-01')],
    ]);
  });

  it('checks again with --strict, and without it, each at its own severity', async () => {
    expect((await check([LATER], '--strict')).map(([rule, severity]) => [rule, severity])).toEqual([
      ['title-whitespace', 'error'],
      ['repeat-from-earlier-issue', 'error'],
    ]);
    expect((await check([LATER])).map(([, severity]) => severity)).toEqual(['warning', 'warning']);
  });

  it('notices a changed config, even where it changes only an earlier issue', async () => {
    // The sample has more than two tags and headlines: under this limit it is no issue to compare with.
    await appendFile(at('cmr.config.yaml'), '\nlimits:\n  list_entries: 2\n');
    expect(await check([LATER])).toEqual([['title-whitespace', 'warning', 'the title of headlines[0] has double spaces']]);
  });

  it('notices changed templates, which the email-size rule renders', async () => {
    const template = at('templates/email.hbs');
    const text = await readFile(template, 'utf8');
    await writeFile(template, text.replace('</body>', `<div>${'Filler text. '.repeat(9000)}</div></body>`));
    expect((await check([LATER])).map(([rule]) => rule)).toEqual(['email-size', 'title-whitespace']);
    expect((await readdir(at(CHECK_CACHE_DIR))).length).toBe(1);
  });

  it('places the date of a draft that shares it with another, cached or not', async () => {
    await writeFile(at('digests/extra.md'), issue('2025-11-08', { title: 'Another week', url: 'https://example.com/another' }));
    const run = await cmr(['check', '--format', 'json', 'digests'], { cwd: dir });
    const dates = (JSON.parse(run.stdout) as { file: string; line: number; column: number; rule: string; message: string }[]).filter(
      (p) => p.rule === 'duplicate-date',
    );
    expect(dates).toEqual([sharedDate('digests/extra.md', LATER, '2025-11-08')]);
    expect(await check(['digests'])).toContainEqual(['duplicate-date', 'error', dates[0]!.message]);
    await rm(at('digests/extra.md'));
  });

  it('answers, from a cache that two checks wrote at once, as a check without it does', async () => {
    const later = await readFile(at(LATER), 'utf8');
    await writeFile(at(LATER), later.replace('Copper holds  its record', 'Copper holds its record, again'));
    const json = (...args: string[]) => cmr(['check', '--format', 'json', ...args], { cwd: dir });
    const together = await Promise.all([json('digests'), json(LATER)]);
    expect(together).toEqual(await Promise.all([json('--no-cache', 'digests'), json('--no-cache', LATER)]));
    const problems = JSON.parse(together[0]!.stdout) as { rule: string; severity: string; message: string }[];
    expect(await check(['digests'])).toEqual(problems.map((p) => [p.rule, p.severity, p.message]));
    await writeFile(at(LATER), later);
  });

  it('gives the whole folder the same report with and without the cache', async () => {
    const report = await check(['digests']);
    expect(report.map(([rule]) => rule)).toContain('email-size');
    expect(await check(['digests'])).toEqual(report);
  });
});
