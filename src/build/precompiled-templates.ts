import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PrecompiledSet, PrecompiledStore } from '../render/template-set.js';
import { codeDigest } from './fingerprint.js';
import { writeWhole } from './json-files.js';

const require = createRequire(import.meta.url);

/**
 * Remembers precompiled template sets in `templates-v1/` of `cacheDir` (a project's `.cache/cmr/`,
 * or cmr's own prebuilt templates), each a CommonJS module named by its set and the hash of what
 * it was compiled from and of cmr's code. The module exports that hash last, so a module cut
 * short, or one written for other templates or code, is never used. Only the latest module of
 * each set is kept.
 *
 * CommonJS, loaded by `require`: cmr's own bundled code is compiled through `vm.Script` (see
 * src/compile-cache.ts), where `import()` of a file is not available.
 */
export function precompiledStore(cacheDir: string): PrecompiledStore {
  const dir = join(cacheDir, 'templates-v1');
  const keyOf = (identity: string) => createHash('sha256').update(codeDigest()).update('\0').update(identity).digest('hex');
  return {
    read(name, identity) {
      const key = keyOf(identity);
      const file = join(dir, `${name}-${key}.cjs`);
      if (!existsSync(file)) return undefined;
      try {
        const module = require(file) as Partial<PrecompiledSet> & { key?: unknown };
        if (module.key === key) return module as PrecompiledSet;
      } catch {
        // Not a module, or one cut short: compiled again and rewritten.
      }
      // require keeps what it loaded, not what failed to load: the module rewritten is read again.
      delete require.cache[file];
      return undefined;
    },
    write(name, identity, code) {
      const key = keyOf(identity);
      const file = `${name}-${key}.cjs`;
      writeWhole(join(dir, file), `${code}exports.key = ${JSON.stringify(key)};\n`);
      for (const old of readdirSync(dir)) if (old !== file && new RegExp(`^${name}-[0-9a-f]{64}\\.cjs$`).test(old)) rmSync(join(dir, old), { force: true });
    },
  };
}
