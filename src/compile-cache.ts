import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { constants, Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { writeWhole } from './build/json-files.js';
import { CODE_DIR, PACKAGE_ROOT } from './package-paths.js';

/**
 * Where V8's compiled code for cmr's chunks is kept: inside cmr's own node_modules, as other
 * tools keep their caches, so it is never shared with another user and never counted as cmr's
 * code (src/build/fingerprint.ts hashes lib/).
 */
export const COMPILE_CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'cmr', 'compile-v1');

interface CompilingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

type ModuleStatics = typeof Module & { wrap(content: string): string; _resolveFilename(request: string, parent: unknown): string; _cache: unknown };

/**
 * Compiles cmr's bundled chunks (lib/*.cjs) from V8's code cache when it has them, as Node 22's
 * `module.enableCompileCache()` does; Node 20 has no such call. Compiling the code it loads is
 * a good part of a short command: a check or a rebuild starts about 60 ms sooner.
 *
 * A chunk's cache is named by the hash of its text and of Node's version and architecture, so a
 * changed chunk is compiled afresh; V8 also refuses data made by another V8 or with other flags.
 * The main thread writes what is missing when the process exits (with the functions that ran
 * compiled in it); worker threads only read. A cache that cannot be read or written is ignored.
 */
export function enableCompileCache(): void {
  const statics = Module as ModuleStatics;
  const prototype = Module.prototype as unknown as CompilingModule;
  const compile = prototype._compile;
  const ours = CODE_DIR + sep;
  const missing: { script: Script; file: string }[] = [];
  prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    if (!filename.startsWith(ours)) return compile.call(this, content, filename);
    const file = compileCacheFile(content, filename);
    const cachedData = readQuietly(file);
    // `import()` in a chunk loads as it would in any module of this process.
    const script = new Script(statics.wrap(content), { filename, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    if (cachedData === undefined || script.cachedDataRejected) missing.push({ script, file });
    const require = Object.assign((id: string) => this.require(id), {
      resolve: (request: string) => statics._resolveFilename(request, this),
      cache: statics._cache,
    });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  if (isMainThread) process.once('exit', () => saveMissing(missing));
}

/** Writes the compiled code that was missing, and drops that of chunks no longer in lib/ (a rebuilt bundle). */
function saveMissing(missing: readonly { script: Script; file: string }[]): void {
  if (missing.length === 0) return;
  for (const { script, file } of missing) writeQuietly(file, script.createCachedData());
  const current = new Set(chunksOf(CODE_DIR).map((chunk) => basename(compileCacheFile(readFileSync(chunk, 'utf8'), chunk))));
  for (const name of namesIn(COMPILE_CACHE_DIR)) if (!current.has(name)) removeQuietly(join(COMPILE_CACHE_DIR, name));
}

function chunksOf(dir: string): string[] {
  return namesIn(dir).filter((name) => name.endsWith('.cjs')).map((name) => join(dir, name));
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Where the compiled code of the chunk `filename` with this text is kept. */
export function compileCacheFile(content: string, filename: string): string {
  const key = createHash('sha256').update(`${process.version} ${process.arch}\0`).update(content).digest('hex').slice(0, 32);
  return join(COMPILE_CACHE_DIR, `${key}-${basename(filename)}.bin`);
}

function readQuietly(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeQuietly(file: string, data: Buffer): void {
  try {
    writeWhole(file, data);
  } catch {
    // Only the next start is slower.
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Only the cache is larger.
  }
}
