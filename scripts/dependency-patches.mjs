// Changes to dependencies' code, applied when `npm run build` bundles them into lib/. Each
// one removes work a build does for every draft or every Markdown node and changes nothing a
// caller can observe; test/dependency-patches.test.ts holds the patched code to the original.
// A patch whose text is no longer in its file stops the build, so that an update of the
// dependency is reviewed instead of silently losing (or half-applying) the patch.

/**
 * @typedef {object} DependencyPatch
 * @property {string} file    the patched file, from node_modules/
 * @property {[string, string][]} replacements  each text, found exactly once, and what replaces it
 */

/** @type {DependencyPatch[]} */
export const dependencyPatches = [
  // The compiler copies its whole context into a new object for every micromark event, only to
  // change one property: about a third of the time it takes to turn events into a tree, and much
  // of the garbage. The handlers call what they need from `this` and keep none of it, so one
  // context whose `sliceSerialize` is set before each call serves them all.
  {
    file: 'mdast-util-from-markdown/lib/index.js',
    replacements: [
      [
        `        handler[events[index][1].type].call({
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }, events[index][1]);`,
        `        context.sliceSerialize = events[index][2].sliceSerialize
        handler[events[index][1].type].call(context, events[index][1]);`,
      ],
    ],
  },
  // Before visiting a node, the walker renames its visiting function after the node, for stack
  // traces, with `Object.defineProperty`: a cost on every node of every tree turned into HTML.
  {
    file: 'unist-util-visit-parents/lib/index.js',
    replacements: [
      [
        `      Object.defineProperty(visit, 'name', {
        value:
          'node (' + color(node.type + (name ? '<' + name + '>' : '')) + ')'
      })`,
        '',
      ],
    ],
  },
  // gray-matter looks its input up in its cache of parsed files before it checks whether it may
  // use that cache (only when called without options; cmr always passes them). A lookup by a
  // whole draft's text makes V8 intern the text: a copy of each draft, straight into the old
  // generation, where it waits for a full collection.
  {
    file: 'gray-matter/index.js',
    replacements: [
      [
        `  const cached = matter.cache[file.content];

  if (!options) {
    if (cached) {`,
        `  if (!options) {
    const cached = matter.cache[file.content];
    if (cached) {`,
      ],
    ],
  },
];

/** The patch of the module at `id` (an absolute path), if it has one. */
export function patchFor(id) {
  const path = id.replaceAll('\\', '/');
  return dependencyPatches.find((patch) => path.endsWith(`/node_modules/${patch.file}`));
}

/** `code` with `patch` applied; throws when one of its texts is not there exactly once. */
export function applyPatch(patch, code) {
  return patch.replacements.reduce((patched, [from, to]) => {
    const at = patched.indexOf(from);
    if (at === -1 || patched.indexOf(from, at + 1) !== -1) {
      throw new Error(
        `${patch.file} has changed: a text that scripts/dependency-patches.mjs replaces is ` +
          `${at === -1 ? 'no longer' : 'more than once'} in it. Review the patch against the new version.`,
      );
    }
    return patched.slice(0, at) + to + patched.slice(at + from.length);
  }, code);
}

/** A rolldown plugin that applies the patches to the modules it bundles. */
export function patchDependencies() {
  const applied = new Set();
  return {
    name: 'patch-dependencies',
    transform(code, id) {
      const patch = patchFor(id);
      if (!patch) return;
      applied.add(patch);
      return { code: applyPatch(patch, code) };
    },
    buildEnd(error) {
      const missed = dependencyPatches.filter((patch) => !applied.has(patch));
      // A patch of a module the bundle no longer includes is dead: say so rather than keep it.
      if (!error && missed.length > 0) this.error(`no module was patched for ${missed.map((p) => p.file).join(', ')}`);
    },
  };
}
