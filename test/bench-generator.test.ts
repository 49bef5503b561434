import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDraft } from '../src/draft/read.js';
import { draftText, EDITORIAL_WORDS, issueDate, SECTION_SIZES, writeArchive } from '../scripts/generate-archive.mjs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cmr-archive-'));
  await writeArchive(dir, 12);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the benchmark archive generator', () => {
  it('writes drafts that are valid, named and dated one week apart', async () => {
    const names = (await readdir(join(dir, 'digests'))).sort();
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `${issueDate(i)}.md`));
    expect(names.slice(0, 2)).toEqual(['2006-01-07.md', '2006-01-14.md']);
    for (const name of names) {
      const result = await readDraft(join(dir, 'digests', name));
      expect(result.diagnostics).toEqual([]);
      expect(result.valid?.digest.date).toBe(name.slice(0, 10));
    }
  });

  it('shapes each draft like a real issue: 3 markets, 18/2/5/20 entries, a 1,400-word editorial', async () => {
    const valid = (await readDraft(join(dir, 'digests', `${issueDate(5)}.md`))).valid!;
    expect(valid.digest.markets).toHaveLength(3);
    for (const [key, size] of Object.entries(SECTION_SIZES)) expect(valid.digest[key as keyof typeof SECTION_SIZES]).toHaveLength(size);
    const body = valid.draft.body;
    const words = body.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThanOrEqual(EDITORIAL_WORDS);
    expect(words).toBeLessThan(EDITORIAL_WORDS * 1.1);
    expect(body.match(/^## /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(body).toMatch(/^> /m);
    expect(body).toMatch(/^- /m);
    expect(body).toMatch(/\[[^\]]+\]\(https:\/\/[^)]+\)/);
    expect(body).toMatch(/\*\*[^*]+\*\*/);
    const bytes = Buffer.byteLength(draftText(5).text);
    expect(bytes).toBeGreaterThan(17_000);
    expect(bytes).toBeLessThan(23_000);
  });

  it('gives the same draft for the same seed and index, and another for another seed', () => {
    expect(draftText(3)).toEqual(draftText(3));
    expect(draftText(3, 8).text).not.toBe(draftText(3).text);
    expect(draftText(3, 8).name).toBe(draftText(3).name);
  });
});
