import { Parser } from 'htmlparser2';
import type { SelectorScope } from './email-selectors.js';
import { endTag, PARSED_DIFFERENTLY, startTag, TEXT_ONLY_ELEMENTS, VOID_ELEMENTS, wrapIn, type Attributes, type ElementTag } from './html-tag.js';

/** Attributes juice sets on an element, in the order it sets them. */
export type Edits = readonly (readonly [name: string, value: string])[];

/** Marks the elements juice is asked about; an attribute selector could see it, so those fall back earlier. */
const PROBE = 'data-cmr-probe';
/** Places learnt beyond this many are forgotten, so that no run of drafts can grow the cache without end. */
const KNOWN_ELEMENTS = 10_000;

interface Element {
  tag: ElementTag;
  /** The tag as selectors see it: its name, the classes and id they name, and its style. */
  seen: ElementTag;
  /** The element's place: the tags as selectors see them from the fragment's root down to it. */
  key: string;
  parent: Element | undefined;
}

/**
 * Styles HTML inserted into the email at render time (the sanitized editorial and disclaimer) exactly
 * as juice would style it in its place in the template, without running juice on the email. An
 * element's inlined style depends only on its place (the selectors match by tag, class, id and
 * ancestors), so juice is asked once per new place, on a small document of those places, and the
 * answer is kept. Returns undefined when the HTML holds something juice's parser could read
 * differently in the email; the caller then runs juice on the whole email.
 */
export class FragmentStyler {
  readonly #known: Map<string, Edits>;
  /**
   * The last fragment styled: each field has a styler of its own, so the disclaimer is styled
   * once, and a body is styled once when a draft is both measured and rendered. No more is
   * kept: a build styles each body once, and bodies kept for longer would outlive V8's young
   * collections only to die in the old generation.
   */
  #last: { html: string; styled: string } | undefined;
  readonly #opening: string;

  constructor(
    /** The elements around the place of the fragment in the template, outermost first. */
    private readonly chain: readonly ElementTag[],
    private readonly scope: SelectorScope,
    /** juice, as it inlines the template's CSS. */
    private readonly inline: (html: string) => string,
    /** What an earlier run learnt, and what to call when juice taught something new. */
    memory: { known: Iterable<readonly [string, Edits]>; learnt?: () => void } = { known: [] },
  ) {
    this.#opening = chain.map(startTag).join('');
    this.#known = new Map(memory.known);
    this.#learnt = memory.learnt;
  }

  readonly #learnt: (() => void) | undefined;

  /** What juice sets on elements, by place: everything learnt so far. */
  known(): [string, Edits][] {
    return [...this.#known];
  }

  style(html: string): string | undefined {
    if (this.#last?.html === html) return this.#last.styled;
    const parsed = this.#parse(html);
    if (!parsed) return undefined;
    if (this.#known.size > KNOWN_ELEMENTS) this.#known.clear();
    this.#learn(parsed.elements.filter((element) => !this.#known.has(element.key)));
    let styled = '';
    for (const piece of parsed.pieces) {
      if (typeof piece === 'string') styled += piece;
      else {
        const edits = this.#known.get(piece.key);
        if (!edits) return undefined; // juice did not report on the element: leave the email to juice
        for (const [name, value] of edits) piece.tag.attribs[name] = value;
        styled += startTag(piece.tag);
      }
    }
    this.#last = { html, styled };
    return styled;
  }

  /** The fragment as juice's parser reads it in its place: text as written, and each element. */
  #parse(html: string): { pieces: (string | Element)[]; elements: Element[] } | undefined {
    const pieces: (string | Element)[] = [];
    const elements: Element[] = [];
    const open: Element[] = [];
    let reading = false;
    let ending = false;
    let voidOpened = false;
    let exact = true;
    const parser = new Parser(
      {
        onopentag: (name, attribs, isImplied) => {
          if (!reading) return;
          // Text-only elements (a <style> would even add CSS) and elements the parsers disagree on go to juice.
          if (isImplied || TEXT_ONLY_ELEMENTS.has(name) || PARSED_DIFFERENTLY.has(name) || PROBE in attribs) exact = false;
          const parent = open.at(-1);
          const tag = { name, attribs };
          const seen = this.#seen(tag);
          const element = { tag, seen, parent, key: `${parent?.key ?? ''}/${JSON.stringify(seen)}` };
          pieces.push(element);
          elements.push(element);
          if (VOID_ELEMENTS.has(name)) voidOpened = true;
          else open.push(element);
        },
        onclosetag: (name, isImplied) => {
          if (!reading) return;
          if (voidOpened) voidOpened = false;
          else if (open.length === 0) exact &&= ending;
          else if (isImplied) exact = false;
          else {
            open.pop();
            pieces.push(`</${name}>`);
          }
        },
        ontext: (text) => {
          if (reading) pieces.push(text);
        },
        oncomment: (text) => {
          if (reading) pieces.push(`<!--${text}-->`);
        },
        onprocessinginstruction: () => {
          if (reading) exact = false;
        },
      },
      { decodeEntities: false },
    );
    parser.write(this.#opening);
    reading = true;
    parser.write(html);
    ending = true;
    parser.end();
    return exact ? { pieces, elements } : undefined;
  }

  /** Only the classes and id the CSS names can change what juice does to an element. */
  #seen({ name, attribs }: ElementTag): ElementTag {
    const seen: Attributes = {};
    const classes = attribs.class?.split(/\s+/).filter((name) => this.scope.classes.has(name));
    if (classes?.length) seen.class = classes.join(' ');
    if (attribs.id !== undefined && this.scope.ids.has(attribs.id)) seen.id = attribs.id;
    if (attribs.style !== undefined) seen.style = attribs.style;
    return { name, attribs: seen };
  }

  /** Asks juice, in one small document, what it sets on elements in places not seen before. */
  #learn(elements: readonly Element[]): void {
    const unknown = [...new Map(elements.map((element) => [element.key, element])).values()];
    if (unknown.length === 0) return;
    const probes = unknown.map((element, index) => {
      const probe = { name: element.seen.name, attribs: { ...element.seen.attribs, [PROBE]: String(index) } };
      return wrapIn(ancestors(element), startTag(probe) + endTag(probe));
    });
    new Parser({
      onopentag: (_name, attribs) => {
        const index = attribs[PROBE];
        if (index === undefined) return;
        const edits = Object.entries(attribs).filter(([name]) => name !== 'class' && name !== 'id' && name !== PROBE);
        this.#known.set(unknown[Number(index)]!.key, edits);
      },
    }, { decodeEntities: false }).end(this.inline(wrapIn(this.chain, probes.join(''))));
    this.#learnt?.();
  }
}

/** The tags of an element's ancestors inside the fragment, as selectors see them, outermost first. */
function ancestors(element: Element): ElementTag[] {
  const tags: ElementTag[] = [];
  for (let parent = element.parent; parent; parent = parent.parent) tags.unshift(parent.seen);
  return tags;
}
