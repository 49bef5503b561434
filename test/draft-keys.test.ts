import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../src/build/cache.js';
import { BUILTIN_TEMPLATES } from '../src/render/templates-dir.js';
import { scratchProject } from './helpers/cli.js';

// Keys as a build computes them, with its start put later than the edits, so that the drafts'
// stamps are settled (see seeDraft) and may vouch for their bytes.
const LATER = Date.now() + 60_000;
let dir: string;
let cleanup: () => Promise<void>;
let draft: string;

beforeEach(async () => {
  ({ dir, cleanup } = await scratchProject());
  draft = join(dir, 'digests', '2025-11-01.md');
});
afterEach(() => cleanup());

const keysOf = async (startedMs: number) => (await openCache(dir, new Uint8Array([1]), BUILTIN_TEMPLATES)).draftKeys([draft], startedMs);

/** Rewrites the draft with `text`, then puts its modification time back. */
function editKeepingTime(text: string): void {
  const { atime, mtime } = statSync(draft);
  writeFileSync(draft, text);
  utimesSync(draft, atime, mtime);
}

describe('draft keys of the build cache', () => {
  it('stay the same while a draft is unchanged, and its stamp is recorded once settled', async () => {
    const first = await keysOf(LATER);
    expect(await keysOf(LATER)).toEqual(first);
    const format = readdirSync(join(dir, '.cache', 'cmr')).find((name) => /^v\d+$/.test(name))!;
    const recorded = JSON.parse(readFileSync(join(dir, '.cache', 'cmr', format, 'drafts.json'), 'utf8')) as Record<string, { stamp: string }>;
    expect(Object.keys(recorded)).toEqual([draft]);
  });

  it('change when a draft is edited to the same size with its modification time put back', async () => {
    const text = readFileSync(draft, 'utf8');
    const before = await keysOf(LATER);
    editKeepingTime(text.replace('Rare Earth', 'Rare Metal'));
    expect(statSync(draft).size).toBe(Buffer.byteLength(text));
    const after = await keysOf(LATER);
    expect(after).not.toEqual(before);
    editKeepingTime(text);
    expect(await keysOf(LATER)).toEqual(before);
  });

  it('read a draft that changed just before the build, whatever its stamp', async () => {
    const before = await keysOf(Date.now());
    const text = readFileSync(draft, 'utf8');
    editKeepingTime(text.replace('Rare Earth', 'Rare Metal'));
    expect(await keysOf(Date.now())).not.toEqual(before);
  });
});
