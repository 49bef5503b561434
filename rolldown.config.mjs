// `npm run build`: bundles cmr and its dependencies into lib/, one chunk per group of modules
// that a command loads. Loading a few large files is much faster than resolving and reading
// hundreds of small ones, and every command of cmr starts by doing so (see README, Design).
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    // bin/cmr.js enables the code cache, then starts the CLI.
    'compile-cache': 'src/compile-cache.ts',
    cli: 'src/cli.ts',
    // Started as a thread by src/build/pool.ts, beside the chunk that starts it.
    worker: 'src/build/worker.ts',
    // For scripts/sync-docs.mjs.
    docs: 'src/commands/docs.ts',
    schema: 'src/commands/schema.ts',
  },
  platform: 'node',
  // juice is loaded only when an email needs it (src/render/juice.ts), from node_modules/.
  external: ['juice'],
  output: {
    dir: 'lib',
    // CommonJS, not ES modules: Node 20 can compile CommonJS from V8's code cache
    // (src/compile-cache.ts) but has no such means for ES modules.
    format: 'cjs',
    entryFileNames: '[name].cjs',
    // Every chunk directly in lib/: src/package-paths.ts finds cmr's files from there.
    chunkFileNames: '[name]-[hash].cjs',
    cleanDir: true,
  },
});
