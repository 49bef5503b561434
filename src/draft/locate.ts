import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Position } from 'unist';
import type { YamlSource } from './yaml.js';

type Segment = PropertyKey;

/**
 * Maps a front matter field path (as zod reports it) to where it is written.
 * With `key`, points at that key of the mapping at `path` (for unknown keys).
 * A missing field points at the closest enclosing node that exists.
 */
export function locate(draft: YamlSource, path: readonly Segment[], key?: string): Position {
  const { node, complete } = walk(draft.doc, path);
  const target = complete && key !== undefined ? (keyNode(node, key) ?? node) : node;
  const range = target?.range;
  if (!range) return draft.lines.span(0, 3);
  return draft.lines.span(draft.yamlStart + range[0], draft.yamlStart + range[1]);
}

function walk(doc: Document | undefined, path: readonly Segment[]): { node: Node | undefined; complete: boolean } {
  let node = (doc?.contents ?? undefined) as Node | undefined;
  for (const segment of path) {
    const next = child(node, segment);
    if (!next) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

function child(node: Node | undefined, segment: Segment): Node | undefined {
  if (isSeq(node) && typeof segment === 'number') return node.items[segment] as Node | undefined;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair) return undefined;
    // A key with no value (`title:`) has a null value node; point at the key then.
    return ((isScalar(pair.value) && pair.value.range && pair.value.source === '' ? pair.key : pair.value) ??
      pair.key) as Node | undefined;
  }
  return undefined;
}

function keyNode(node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return pair?.key as Node | undefined;
}
