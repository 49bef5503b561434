import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_EXTENSIONS, extensionsFor, parseWith, type ExtensionName } from '../src/render/markdown.js';
import { markdownText, SEED } from './helpers/arbitraries.js';

// A body is parsed with only the GitHub extensions its characters allow (src/render/markdown.ts).
// Leaving one out must never change the tree, positions included.

describe('Markdown extensions chosen by a body’s characters', () => {
  it('give the tree that every extension gives', () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        expect(parseWith(text, extensionsFor(text))).toEqual(parseWith(text, ALL_EXTENSIONS));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('leave out exactly the extensions whose opening characters are missing', () => {
    const without = (name: ExtensionName) => ALL_EXTENSIONS.filter((other) => other !== name);
    expect(extensionsFor('Plain prose with a [link](https://example.com/).')).toEqual([]);
    expect(extensionsFor('| a |\n| - |\n')).toEqual(['table']);
    expect(extensionsFor('~~gone~~ and [^1] and - [x] done')).toEqual(['strikethrough', 'footnote', 'task list']);
    // Each extension matters where its characters are: the comparison above can tell.
    const samples: Record<ExtensionName, string> = {
      table: '| a |\n| - |\n',
      strikethrough: '~~gone~~',
      footnote: 'a[^1]\n\n[^1]: b\n',
      'task list': '- [x] done\n',
    };
    for (const [name, text] of Object.entries(samples) as [ExtensionName, string][]) {
      expect(parseWith(text, without(name))).not.toEqual(parseWith(text, ALL_EXTENSIONS));
    }
  });
});
