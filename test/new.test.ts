import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDraft } from '../src/draft/read.js';
import { SECTION_KEYS } from '../src/schema/digest.js';
import { scaffold, weekWindow } from '../src/commands/new.js';
import { detail, leveledIo, note, processIo, verbosityOf } from '../src/commands/io.js';
import { cmr, scratchProject } from './helpers/cli.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await scratchProject());
});
afterEach(() => cleanup());

describe('cmr new', () => {
  it('creates the issue a week after the sample, which passes cmr check', async () => {
    const run = await cmr(['new'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'created digests/2025-11-08.md: the issue of November 8, 2025, for links published 2025-11-01 to 2025-11-07\n',
    );
    const result = await readDraft(join(dir, 'digests/2025-11-08.md'));
    expect(result.diagnostics).toEqual([]);
    const digest = result.valid!.digest;
    expect(digest.date).toBe('2025-11-08');
    for (const key of SECTION_KEYS) expect(digest[key]).toEqual([]);
    expect(result.valid!.draft.text).toContain('# The issue of November 8, 2025: links published from 2025-11-01 to 2025-11-07.\n');

    // It passes: the editorial rules only remind the editor, as warnings, of what is still empty.
    const check = await cmr(['check', '--format', 'json'], { cwd: dir });
    expect(check.code).toBe(0);
    const problems = JSON.parse(check.stdout) as { file: string; severity: string; rule: string }[];
    expect(problems.map((p) => [p.file, p.severity, p.rule])).toEqual([
      ['digests/2025-11-08.md', 'warning', 'summary-length'],
      ...['headlines', 'media', 'interviews', 'releases'].map(() => ['digests/2025-11-08.md', 'warning', 'empty-section']),
    ]);
  });

  it('refuses to overwrite on a second run, exit 1, leaving the draft as it was', async () => {
    expect((await cmr(['new'], { cwd: dir })).code).toBe(0);
    const file = join(dir, 'digests/2025-11-08.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Headline of the', 'Edited'));
    // Once edited, the draft counts as the latest issue: the next is a week later.
    expect((await cmr(['new'], { cwd: dir })).code).toBe(0);
    const edited = await readFile(file, 'utf8');

    const again = await cmr(['new', '--date', '2025-11-08'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('cmr: digests/2025-11-08.md already exists; cmr new never overwrites a draft (edit it, or choose another --date)\n');
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it('refuses on a plain second run while the new draft is untouched', async () => {
    expect((await cmr(['new'], { cwd: dir })).code).toBe(0);
    const second = await cmr(['new'], { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('digests/2025-11-08.md already exists');
  });

  it('takes the date from --date, and prints nothing with --quiet', async () => {
    const run = await cmr(['new', '--date', '2025-11-10', '--quiet'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(await readFile(join(dir, 'digests/2025-11-10.md'), 'utf8')).toBe(scaffold('2025-11-10'));
  });

  it.each([['2025-11-31'], ['next week']])('rejects --date %s with exit 2', async (date) => {
    const run = await cmr(['new', '--date', date], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cmr: --date must be a date written YYYY-MM-DD, got "${date}"\n`);
  });
});

describe('weekWindow', () => {
  it('is the seven days before the issue, across month and year ends', () => {
    expect(weekWindow('2025-11-08')).toEqual({ from: '2025-11-01', to: '2025-11-07' });
    expect(weekWindow('2026-01-03')).toEqual({ from: '2025-12-27', to: '2026-01-02' });
    expect(weekWindow('2024-03-01')).toEqual({ from: '2024-02-23', to: '2024-02-29' });
  });
});

describe('leveled output', () => {
  const record = () => {
    const lines: string[] = [];
    return { lines, io: { out: (t: string) => lines.push(`out ${t}`), err: (t: string) => lines.push(`err ${t}`) } };
  };

  it.each([
    ['quiet', ['out result', 'err problem']],
    ['normal', ['out result', 'err problem', 'out wrote']],
    ['verbose', ['out result', 'err problem', 'out wrote', 'err took 3 ms']],
  ] as const)('%s prints %j', (verbosity, expected) => {
    const { lines, io: base } = record();
    const io = leveledIo(verbosity, base, undefined);
    io.out('result');
    io.err('problem');
    note(io, 'wrote');
    detail(io, 'took 3 ms');
    expect(lines).toEqual(expected);
  });

  it('draws progress only on a terminal, wiping it when done', () => {
    const drawn: string[] = [];
    const terminal = { write: (text: string) => drawn.push(text) };
    expect(leveledIo('normal', processIo, undefined).progress).toBeUndefined();
    expect(leveledIo('quiet', processIo, terminal).progress).toBeUndefined();
    const progress = leveledIo('normal', processIo, terminal).progress!;
    progress(1, 2, '2025-11-01/index.html');
    progress(2, 2, 'index.html');
    expect(drawn).toEqual([`\r\x1b[K[${'#'.repeat(15)}${'-'.repeat(15)}] 1/2 2025-11-01/index.html`, '\r\x1b[K']);
  });

  it('takes --quiet over --verbose', () => {
    expect(verbosityOf({ quiet: true, verbose: true })).toBe('quiet');
    expect(verbosityOf({ verbose: true })).toBe('verbose');
    expect(verbosityOf({})).toBe('normal');
  });

  it('every command has --quiet, --verbose and an example in its --help', async () => {
    for (const command of ['build', 'check', 'new', 'add', 'preview']) {
      const help = await cmr([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/-q, --quiet/);
      expect(help.stdout).toMatch(/--verbose/);
      expect(help.stdout).toMatch(new RegExp(`Example:\\n  \\$ cmr ${command}`));
    }
  });
});
