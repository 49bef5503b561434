import { isAlias, isCollection, isPair, Parser, type CST, type Document, type Node } from 'yaml';

/** Where nesting first goes past the limit, and how deep it is there. */
export interface TooDeep {
  /** Offset in the text that was scanned. */
  offset: number;
  depth: number;
}

/**
 * The first YAML collection nested deeper than `max` (the top mapping is depth 1).
 * The walk keeps its own stack: a hostile document must not overflow the call stack.
 */
export function yamlTooDeep(doc: Document, max: number): TooDeep | undefined {
  const pending: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { node, depth } = item;
    if (!isCollection(node)) continue;
    if (depth + 1 > max) return { offset: (node as Node).range?.[0] ?? 0, depth: depth + 1 };
    for (const child of [...node.items].reverse()) {
      if (isPair(child)) pending.push({ node: child.value, depth: depth + 1 }, { node: child.key, depth: depth + 1 });
      else if (!isAlias(child)) pending.push({ node: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * `yamlTooDeep` on the syntax tokens of `yaml`, for YAML the `yaml` package could not turn into
 * a document because it ran out of stack. How far its stack reaches depends on the thread
 * (worker threads have more) and on Node, so the problem is placed here instead: where the
 * nesting first goes past the limit, the same in every thread. Tokens nest without recursion.
 */
export function tokensTooDeep(yaml: string, max: number): TooDeep | undefined {
  const pending: { token: CST.Token | undefined; depth: number }[] = [];
  for (const token of new Parser().parse(yaml)) if (token.type === 'document') pending.unshift({ token: token.value, depth: 0 });
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { token, depth } = item;
    if (token?.type !== 'block-map' && token?.type !== 'block-seq' && token?.type !== 'flow-collection') continue;
    if (depth + 1 > max) return { offset: token.offset, depth: depth + 1 };
    for (const child of [...token.items].reverse()) {
      pending.push({ token: child.value, depth: depth + 1 });
      if (child.key) pending.push({ token: child.key, depth: depth + 1 });
    }
  }
  return undefined;
}

/** A block quote marker, or a list item marker followed by white space or the end of the line. */
const CONTAINER = /([ \t]*)(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))/y;
/** `- - -` and `* * *` are horizontal rules, not three nested lists. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * The first line of a Markdown text that opens more than `max` block quotes and
 * list items at its start (`> > - > …`). The Markdown parser nests one call per
 * level, so such a line would overflow its stack long before it could be rendered.
 */
export function markdownTooDeep(markdown: string, max: number): TooDeep | undefined {
  let lineStart = 0;
  for (const line of markdown.split('\n')) {
    if (!THEMATIC_BREAK.test(line)) {
      CONTAINER.lastIndex = 0;
      let depth = 0;
      for (let marker = CONTAINER.exec(line); marker; marker = CONTAINER.exec(line)) {
        if (++depth > max) return { offset: lineStart + marker.index + marker[1]!.length, depth };
      }
    }
    lineStart += line.length + 1;
  }
  return undefined;
}
