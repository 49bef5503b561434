// `npm run build`: bundles cmr and its dependencies into lib/, one chunk per group of modules
// that a command loads. Loading a few large files is much faster than resolving and reading
// hundreds of small ones, and every command of cmr starts by doing so (see README, Design).
import { defineConfig } from 'rolldown';
import { patchDependencies } from './scripts/dependency-patches.mjs';

/**
 * gray-matter loads its own js-yaml 3 (and, through it, the esprima JavaScript parser) for its
 * default YAML engine, which cmr never uses: every call passes cmr's own engine
 * (src/draft/parse.ts) and `---js` front matter is refused before gray-matter sees it. Bundled
 * in their place, an engine that refuses to run, so that no command loads either of them.
 */
const grayMatterWithoutItsYaml = {
  name: 'gray-matter-without-its-yaml',
  resolveId(source, importer) {
    if (source === 'js-yaml' && importer?.includes('/node_modules/gray-matter/')) return '\0gray-matter-yaml';
  },
  load(id) {
    if (id !== '\0gray-matter-yaml') return;
    return 'const refuse = () => { throw new Error("gray-matter was called without cmr\'s YAML engine"); };\nmodule.exports = { safeLoad: refuse, safeDump: refuse };\n';
  },
};

export default defineConfig({
  input: {
    // bin/cmr.js enables the code cache, then starts the CLI.
    'compile-cache': 'src/compile-cache.ts',
    cli: 'src/cli.ts',
    // Started as a thread by src/build/pool.ts, beside the chunk that starts it.
    worker: 'src/build/worker.ts',
    // For scripts/prebuild-templates.mjs, which `npm run build` runs after bundling.
    prebuild: 'src/build/prebuild.ts',
    // For scripts/sync-docs.mjs.
    docs: 'src/commands/docs.ts',
    schema: 'src/commands/schema.ts',
  },
  platform: 'node',
  plugins: [grayMatterWithoutItsYaml, patchDependencies()],
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
