import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { COMPILE_CACHE_DIR, compileCacheFile } from '../src/compile-cache.js';
import { cmr, ROOT } from './helpers/cli.js';

// The CLI runs from the bundle in lib/, its chunks compiled from V8's code cache when it has them.
const CLI_CHUNK = join(ROOT, 'lib', 'cli.cjs');
const cacheOfCli = () => compileCacheFile(readFileSync(CLI_CHUNK, 'utf8'), CLI_CHUNK);

describe('the code cache of the bundled CLI', () => {
  it('is written after a run, named by the chunk it was compiled from', async () => {
    rmSync(cacheOfCli(), { force: true });
    const run = await cmr(['rules']);
    expect(run.code).toBe(0);
    // This V8 accepts it as the compiled form of the chunk, as cmr's next start will.
    const script = new Script(wrap(readFileSync(CLI_CHUNK, 'utf8')), { filename: CLI_CHUNK, cachedData: readFileSync(cacheOfCli()) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('gives the same answers as a run that compiles everything, and replaces data V8 refuses', async () => {
    const fresh = await cmr(['rules']);
    writeFileSync(cacheOfCli(), 'not compiled code');
    const refused = await cmr(['rules']);
    expect(refused).toEqual(fresh);
    expect(readFileSync(cacheOfCli(), 'utf8')).not.toBe('not compiled code');
    const cached = await cmr(['rules']);
    expect(cached).toEqual(fresh);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('repeat-from-earlier-issue');
  });

  it('drops the code of chunks that are no longer in lib/ when it writes', async () => {
    const old = join(COMPILE_CACHE_DIR, '0123456789abcdef0123456789abcdef-cli-OldChunk.cjs.bin');
    writeFileSync(old, 'compiled from a bundle since rebuilt');
    rmSync(cacheOfCli(), { force: true });
    expect((await cmr(['rules'])).code).toBe(0);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(cacheOfCli())).toBe(true);
  });

  it('is named after the text of the chunk, so a rebuilt chunk never runs old code', () => {
    const text = readFileSync(CLI_CHUNK, 'utf8');
    expect(compileCacheFile(`${text};`, CLI_CHUNK)).not.toBe(compileCacheFile(text, CLI_CHUNK));
    expect(compileCacheFile(text, CLI_CHUNK)).toBe(cacheOfCli());
  });
});
