import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cmr, scratchProject } from './helpers/cli.js';
import { issue, sharedDate } from './helpers/issues.js';

const DATE = '2025-11-08';
/** Two drafts of one folder with one date, and nothing else in common: no URL or title a folder rule would compare. */
const FIRST = 'digests/2025-11-08.md';
const SECOND = 'digests/late.md';
const FIRST_TEXT = issue(DATE, { title: 'Copper holds its record', url: 'https://example.com/copper/record' });
const secondText = (date: string) => issue(date, { title: 'Nickel slips again', url: 'https://example.com/nickel/slips' });

describe('cmr check compares the date of a named draft with every other draft of its folder', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const at = (path: string) => join(dir, path);

  beforeEach(async () => {
    ({ dir, cleanup } = await scratchProject());
    await writeFile(at(FIRST), FIRST_TEXT);
    await writeFile(at(SECOND), secondText(DATE));
  });
  afterEach(() => cleanup());

  /** `cmr check --format json`: its exit code and its problems, parsed. */
  async function check(...args: string[]): Promise<{ code: number | null; problems: unknown }> {
    const run = await cmr(['check', '--format', 'json', ...args], { cwd: dir });
    expect(run.stderr).toBe('');
    return { code: run.code, problems: JSON.parse(run.stdout) };
  }

  /**
   * Checks `file` without the cache, then twice with it: the first fills it, the second finds
   * every draft's record current, so that only the date kept with each record tells which
   * drafts to compare with.
   */
  async function checkEachWay(file: string): Promise<{ code: number | null; problems: unknown }[]> {
    return [await check('--no-cache', file), await check(file), await check(file)];
  }

  const failing = (file: string, other: string) => ({ code: 1, problems: [sharedDate(file, other, DATE)] });

  it('reports the named draft, whichever of the two it is, with and without the cache', async () => {
    expect(await checkEachWay(SECOND)).toEqual(Array(3).fill(failing(SECOND, FIRST)));
    expect(await checkEachWay(FIRST)).toEqual(Array(3).fill(failing(FIRST, SECOND)));
  });

  it('reports it with the folder rules off', async () => {
    await appendFile(at('cmr.config.yaml'), '\nrules:\n  repeat-from-earlier-issue: "off"\n');
    expect(await checkEachWay(SECOND)).toEqual(Array(3).fill(failing(SECOND, FIRST)));
    expect(await checkEachWay(FIRST)).toEqual(Array(3).fill(failing(FIRST, SECOND)));
  });

  it('reports the later file once when the whole folder is named, and then one draft from what that check kept', async () => {
    for (const args of [['--no-cache'], [], []]) expect(await check(...args, 'digests')).toEqual(failing(SECOND, FIRST));
    expect(await check(FIRST)).toEqual(failing(FIRST, SECOND));
  });

  it('reports a named draft that comes first by the draft not named, and a later one by the first named', async () => {
    const third = 'digests/later.md';
    await writeFile(at(third), issue(DATE, { title: 'Lithium rebounds', url: 'https://example.com/lithium/rebounds' }));
    for (const args of [['--no-cache'], [], []]) {
      expect(await check(...args, FIRST, third)).toEqual({ code: 1, problems: [sharedDate(FIRST, SECOND, DATE), sharedDate(third, FIRST, DATE)] });
    }
  });

  it('passes the named draft once the other moves to a date of its own, and reports it again once it moves back', async () => {
    expect(await check(FIRST)).toEqual(failing(FIRST, SECOND));
    await writeFile(at(SECOND), secondText('2025-11-15'));
    expect([await check(FIRST), await check(FIRST), await check('--no-cache', FIRST)]).toEqual(Array(3).fill({ code: 0, problems: [] }));
    await writeFile(at(SECOND), secondText(DATE));
    expect(await checkEachWay(FIRST)).toEqual(Array(3).fill(failing(FIRST, SECOND)));
  });

  it('compares no draft of another folder', async () => {
    await rm(at(SECOND));
    await mkdir(at('digests/older'));
    await writeFile(at('digests/older/late.md'), secondText(DATE));
    expect(await checkEachWay(FIRST)).toEqual(Array(3).fill({ code: 0, problems: [] }));
    expect(await checkEachWay('digests/older/late.md')).toEqual(Array(3).fill({ code: 0, problems: [] }));
  });
});
