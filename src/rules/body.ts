import type { Node } from 'unist';
import type { Position } from 'unist';
import type { ParsedDraft } from '../draft/parse.js';

/** The place in the draft file of a span of its Markdown body (offsets into `draft.body`). */
export function bodyPlace(draft: ParsedDraft, start: number, end: number): Position {
  return draft.lines.span(draft.bodyStart + start, draft.bodyStart + end);
}

/** A body node as written in the file, escapes and all, with its body offset. */
export function sourceOf(draft: ParsedDraft, node: Node): { raw: string; offset: number } {
  const offset = node.position?.start.offset ?? 0;
  return { raw: draft.body.slice(offset, node.position?.end.offset ?? offset), offset };
}
