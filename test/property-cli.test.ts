import fc from 'fast-check';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawDraft, SEED, structuredDraft } from './helpers/arbitraries.js';
import { cmr, scratchProject } from './helpers/cli.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await scratchProject()));
afterAll(() => cleanup());

/** Writes `texts` as drafts into a fresh folder `name` of the scratch project. */
async function writeBatch(name: string, texts: readonly string[]): Promise<string[]> {
  await rm(join(dir, name), { recursive: true, force: true });
  await mkdir(join(dir, name));
  const files = texts.map((_, i) => `${name}/draft-${String(i).padStart(2, '0')}.md`);
  await Promise.all(texts.map((text, i) => writeFile(join(dir, files[i]!), text)));
  return files;
}

interface Reported {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

describe('cmr check and cmr build, spawned on batches of random drafts', () => {
  it('check reports each problem as file:line:column and exits 0 or 1; never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rawDraft, { minLength: 25, maxLength: 25 }), async (texts) => {
        const files = await writeBatch('batch', texts);
        const run = await cmr(['check', '--format', 'json', 'batch'], { cwd: dir });
        expect(run.stderr).toBe('');
        expect([0, 1]).toContain(run.code);
        const problems = JSON.parse(run.stdout) as Reported[];
        for (const problem of problems) {
          expect(files).toContain(problem.file);
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          expect(['error', 'warning']).toContain(problem.severity);
          expect(problem.rule).toMatch(/^[a-z-]+$/);
          expect(problem.message).not.toBe('');
        }
        expect(run.code).toBe(problems.some((p) => p.severity === 'error') ? 1 : 0);
      }),
      { seed: SEED, numRuns: 4 },
    );
  });

  it('build either writes every issue or, when a draft is invalid, nothing; exit 0 or 1; never a crash', async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(structuredDraft.map((draft) => draft.text), { minLength: 1, maxLength: 2 }), async (texts) => {
        await rm(join(dir, 'digests'), { recursive: true, force: true });
        await rm(join(dir, 'dist'), { recursive: true, force: true });
        // Each draft gets its own date so that valid ones do not collide.
        const dated = texts.map((text, i) => text.replace(/^date: 2025-11-08$/m, `date: 2025-10-0${i + 1}`));
        await writeBatch('digests', dated);
        const run = await cmr(['build'], { cwd: dir });
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
        expect([0, 1]).toContain(run.code);
        codes.push(run.code!);
        const written = await readdir(join(dir, 'dist')).catch(() => []);
        if (run.code === 1) expect(written).toEqual([]);
        // One folder per issue, then the archive and the two feeds.
        else expect(written).toHaveLength(texts.length + 3);
      }),
      { seed: SEED, numRuns: 8 },
    );
    expect(new Set(codes)).toEqual(new Set([0, 1]));
  });
});
