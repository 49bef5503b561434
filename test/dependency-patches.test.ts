import fc from 'fast-check';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyPatch, dependencyPatches, patchFor, type DependencyPatch } from '../scripts/dependency-patches.mjs';
import { draftText } from '../scripts/generate-archive.mjs';
import { parseDraft } from '../src/draft/parse.js';
import { ALL_EXTENSIONS, extensionsOf, parseWith } from '../src/render/markdown.js';
import { markdownText, SEED } from './helpers/arbitraries.js';
import { ROOT } from './helpers/cli.js';
import { SAMPLE } from './helpers/sample.js';

// `npm run build` patches dependencies as it bundles them (scripts/dependency-patches.mjs).
// Here each patched module is loaded beside its original and must behave exactly like it.

const MODULES = join(ROOT, 'node_modules');
const PATCHED = join(MODULES, '.cache', 'cmr-test', 'patched');

function patch(file: string): DependencyPatch {
  const found = dependencyPatches.find((candidate) => candidate.file === file);
  if (!found) throw new Error(`no patch of ${file}`);
  return found;
}

/** The original module and its patched copy, in a copy of its package: it imports the same dependencies. */
async function bothVersions<T>(file: string): Promise<{ original: T; patched: T }> {
  const source = join(MODULES, file);
  const copy = join(PATCHED, file);
  const packageName = file.split('/')[0]!;
  rmSync(join(PATCHED, packageName), { recursive: true, force: true });
  cpSync(join(MODULES, packageName), join(PATCHED, packageName), { recursive: true });
  writeFileSync(copy, applyPatch(patch(file), readFileSync(source, 'utf8')));
  const [original, patched] = await Promise.all([import(pathToFileURL(source).href), import(pathToFileURL(copy).href)]);
  return { original, patched };
}

/** A draft's Markdown body, as cmr splits it from the front matter. */
function bodyOf(text: string): string {
  const { draft, diagnostics } = parseDraft({ file: 'draft.md', text });
  if (!draft) throw new Error(diagnostics.map(String).join('\n'));
  return draft.body;
}

describe('dependency patches', () => {
  it('each apply to the installed version, every text found exactly once', () => {
    for (const each of dependencyPatches) {
      const source = readFileSync(join(MODULES, each.file), 'utf8');
      const patched = applyPatch(each, source);
      for (const [from, to] of each.replacements) {
        expect(patched).not.toContain(from);
        if (to) expect(patched).toContain(to);
      }
    }
  });

  it('stop the build when a text is missing or repeated', () => {
    const one = patch('mdast-util-from-markdown/lib/index.js');
    const [from] = one.replacements[0]!;
    expect(() => applyPatch(one, 'export {}')).toThrow(
      'mdast-util-from-markdown/lib/index.js has changed: a text that scripts/dependency-patches.mjs replaces is no longer in it. Review the patch against the new version.',
    );
    expect(() => applyPatch(one, `${from}\n${from}`)).toThrow('replaces is more than once in it');
  });

  it('are found by the path the bundler gives a module', () => {
    expect(patchFor(join(MODULES, 'unist-util-visit-parents/lib/index.js'))?.file).toBe('unist-util-visit-parents/lib/index.js');
    expect(patchFor('C:\\cmr\\node_modules\\mdast-util-from-markdown\\lib\\index.js')?.file).toBe('mdast-util-from-markdown/lib/index.js');
    expect(patchFor(join(MODULES, 'mdast-util-from-markdown/index.js'))).toBeUndefined();
  });

  describe('mdast-util-from-markdown', () => {
    type FromMarkdown = (value: string, options: object) => unknown;
    let original: FromMarkdown;
    let patched: FromMarkdown;
    const { syntax, tree } = extensionsOf(ALL_EXTENSIONS);
    const options = { extensions: syntax, mdastExtensions: tree };
    beforeAll(async () => {
      const both = await bothVersions<{ fromMarkdown: FromMarkdown }>('mdast-util-from-markdown/lib/index.js');
      ({ fromMarkdown: original } = both.original);
      ({ fromMarkdown: patched } = both.patched);
    });

    it('gives the same tree, positions included, on generated Markdown', () => {
      fc.assert(
        fc.property(markdownText, (text) => {
          expect(patched(text, options)).toEqual(original(text, options));
        }),
        { seed: SEED, numRuns: 2000 },
      );
    });

    it('gives the same tree for the sample digest and for archive-shaped bodies', () => {
      const bodies = [bodyOf(readFileSync(join(ROOT, SAMPLE), 'utf8')), ...[0, 1, 2, 3].map((i) => bodyOf(draftText(i).text))];
      for (const body of bodies) expect(patched(body, options)).toEqual(original(body, options));
    });
  });

  describe('unist-util-visit-parents', () => {
    type Visitor = (node: { type: string }, parents: unknown[]) => unknown;
    type Visit = (tree: unknown, visitor: Visitor) => void;
    type Module = { visitParents: Visit; SKIP: unknown; EXIT: unknown };
    let both: { original: Module; patched: Module };
    beforeAll(async () => {
      both = await bothVersions<Module>('unist-util-visit-parents/lib/index.js');
    });

    it('visits the same nodes in the same order, and skips and stops alike', () => {
      const tree = parseWith(bodyOf(draftText(5).text), ALL_EXTENSIONS);
      const walk = ({ visitParents, SKIP, EXIT }: Module) => {
        const seen: string[] = [];
        visitParents(tree, (node, parents) => {
          seen.push(`${parents.length} ${node.type}`);
          if (node.type === 'link') return SKIP;
          if (seen.length === 300) return EXIT;
        });
        return seen;
      };
      const seen = walk(both.patched);
      expect(seen).toHaveLength(300);
      expect(seen).toEqual(walk(both.original));
    });
  });
  describe('gray-matter', () => {
    type Matter = ((input: string, options?: object) => { data: object; content: string; matter: string }) & { cache: object };
    let both: { original: Matter; patched: Matter };
    beforeAll(async () => {
      const { original, patched } = await bothVersions<{ default: Matter }>('gray-matter/index.js');
      both = { original: original.default, patched: patched.default };
    });

    /** Calls `matter` with its cache watched; returns what it gave and how often it read the cache. */
    function watched(matter: Matter, text: string, options?: object) {
      let reads = 0;
      const cache = matter.cache;
      matter.cache = new Proxy(cache, { get: (target, key) => (reads++, Reflect.get(target, key)) });
      try {
        const { data, content, matter: yaml } = matter(text, options);
        return { split: { data, content, matter: yaml }, reads };
      } finally {
        matter.cache = cache;
      }
    }

    it('splits drafts as the original does, and reads its cache only when called without options', () => {
      const options = { language: 'yaml', engines: { yaml: { parse: (yaml: string) => ({ length: yaml.length }) } } };
      const texts = [readFileSync(join(ROOT, SAMPLE), 'utf8'), ...[1, 2, 3].map((n) => draftText(n).text), '---\n---\nEmpty front matter.\n', 'No front matter.\n'];
      for (const text of texts) {
        const [original, patched] = [watched(both.original, text, options), watched(both.patched, text, options)];
        expect(patched.split).toEqual(original.split);
        expect([original.reads, patched.reads]).toEqual([1, 0]);
        // Without options both look the text up and cache it: a second call is answered from the cache.
        const calls = (matter: Matter) => [watched(matter, text), watched(matter, text)];
        expect(calls(both.patched)).toEqual(calls(both.original));
        expect(Object.keys(both.patched.cache)).toEqual(Object.keys(both.original.cache));
      }
    });
  });
});
