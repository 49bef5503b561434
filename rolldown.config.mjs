// `npm run build`: bundles cmr and its dependencies into lib/, one file per command's modules.
// Loading a few large modules is much faster than resolving and loading hundreds of small
// ones, and every command of cmr starts by doing so (see README, Design).
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    cli: 'src/cli.ts',
    // Started as a thread by src/build/pool.ts, beside the chunk that starts it.
    worker: 'src/build/worker.ts',
    // For scripts/sync-docs.mjs.
    docs: 'src/commands/docs.ts',
    schema: 'src/commands/schema.ts',
  },
  platform: 'node',
  // juice is loaded with require() only when an email needs it (src/render/juice.ts).
  external: ['juice'],
  output: {
    dir: 'lib',
    format: 'esm',
    // Every chunk directly in lib/: src/package-paths.ts finds cmr's files from there.
    chunkFileNames: '[name]-[hash].js',
    cleanDir: true,
  },
});
