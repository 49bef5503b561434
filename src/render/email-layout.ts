import { Parser } from 'htmlparser2';
import { PARSED_DIFFERENTLY, startTag, TEXT_ONLY_ELEMENTS, VOID_ELEMENTS, type Attributes, type ElementTag } from './html-tag.js';

/** Where the parts of the email template sit in every email it renders, whatever the data. */
export interface EmailLayout {
  /** The text of every <style> element, in document order, joined as juice joins them. */
  css: string;
  /** Each partial the email includes, with the elements around the places it is included. */
  partials: ReadonlyMap<string, readonly ElementTag[]>;
  /** Each field inserted as raw HTML (`{{{bodyHtml}}}`), with the elements around it. */
  rawFields: ReadonlyMap<string, readonly ElementTag[]>;
}

export interface LayoutInput {
  source: string;
  partials: ReadonlyMap<string, string>;
  /** The view's fields of raw HTML that the renderer styles itself; any other raw insertion is refused. */
  rawFields: readonly string[];
  /** The helpers of the environment: a block may only call `if`, `unless`, `each` or `with`. */
  helpers: ReadonlySet<string>;
  /** The code delimiters juice keeps as they are (juice.codeBlocks). */
  codeBlocks: Readonly<Record<string, { start: string; end: string }>>;
  /** Handlebars' parser (Handlebars.parseWithoutProcessing), which comes with its compiler. */
  parse: (source: string) => hbs.AST.Program;
}

/**
 * Reads where each element, partial and raw HTML field of the email template stands in the
 * document, for the CSS to be inlined into the template once. It holds only when that place
 * cannot depend on the data: every block closes the elements it opens, Handlebars writes no
 * class, id or style attribute and no part of a tag, and the HTML parser juice uses reads the
 * template as written (no element it opens or closes by itself). Otherwise it says why not.
 */
export function readLayout(input: LayoutInput): { layout: EmailLayout } | { unsupported: string } {
  const reader = new LayoutReader(input);
  try {
    checkCodeBlocks(input);
    reader.read(input.source, { chain: [], rootContext: true, inBlock: false, including: [] });
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
  return { layout: { css: reader.css.join('\n'), partials: places(reader.partials), rawFields: places(reader.rawFields) } };
}

class Unsupported extends Error {}

function refuse(why: string): never {
  throw new Unsupported(why);
}

/** juice's code delimiters, with `{{{raw}}}` taken whole: juice leaves its last brace as text. */
const MUSTACHE = /{{~?{[\s\S]*?}~?}}|{{[\s\S]*?}}/g;
/** How juice stands in for a code block while it parses, in any case the parser writes it. */
const PLACEHOLDERS = /JUICE_CODE_BLOCK_(\d+)_/gi;
const PLACEHOLDER = /JUICE_CODE_BLOCK_\d+_/i;

/** Attributes CSS selectors and juice read: the ones Handlebars must not write. */
const MATCHED_ATTRIBUTES = ['class', 'id', 'style'];
/** Blocks that render their content as written, without changing it. */
const LAYOUT_BLOCKS = new Set(['if', 'unless', 'each', 'with']);
/** Blocks that keep the context, so `{{{bodyHtml}}}` inside them is still the view's. */
const CONTEXT_KEEPING = new Set(['if', 'unless']);

type Mustache =
  | { kind: 'comment' | 'escaped' | 'close'; text: string }
  | { kind: 'raw'; text: string; expression: string }
  | { kind: 'open'; text: string; helper: string; params: string; inverted: boolean }
  | { kind: 'else'; text: string; helper?: string; params: string }
  | { kind: 'partial'; text: string; name: string; params: string };

interface Scope {
  /** The elements around the source, outermost first. */
  chain: readonly ElementTag[];
  /** Whether the context is the view itself, as it is outside blocks and partials that change it. */
  rootContext: boolean;
  /** Whether the source is rendered inside a block, where it may appear any number of times. */
  inBlock: boolean;
  /** The partials being read, to refuse one that includes itself. */
  including: readonly string[];
}

interface Block {
  /** How many elements of the source were open when the block started. */
  depth: number;
  changesContext: boolean;
}

class LayoutReader {
  readonly css: string[] = [];
  readonly partials = new Map<string, string>();
  readonly rawFields = new Map<string, string>();
  readonly #mentions: RegExp;

  constructor(private readonly input: LayoutInput) {
    this.#mentions = new RegExp(`\\b(?:${input.rawFields.join('|')})\\b`);
  }

  /** Reads one template or partial inside the elements of `scope.chain`, as the HTML parser would. */
  read(source: string, scope: Scope): void {
    const mustaches = readMustaches(source, this.input.parse);
    let next = 0;
    const encoded = source.replace(MUSTACHE, () => `JUICE_CODE_BLOCK_${next++}_`);
    const open: ElementTag[] = [];
    const blocks: Block[] = [];
    const what = scope.including.length ? `the partial "${scope.including.at(-1)}"` : 'the template';
    let reading = false;
    let ending = false;
    let voidOpened = false;
    let style: string | undefined;
    const around = () => [...scope.chain, ...open];
    const rootContext = () => scope.rootContext && blocks.every((block) => !block.changesContext);

    const visit = (mustache: Mustache, inside: string | undefined) => {
      if (mustache.kind !== 'comment' && mustache.kind !== 'raw') this.#checkMentions(mustache);
      switch (mustache.kind) {
        case 'comment':
        case 'escaped':
          return;
        case 'raw':
          if (!this.input.rawFields.includes(mustache.expression)) refuse(`${mustache.text} inserts raw HTML other than ${this.input.rawFields.join(' or ')}`);
          if (TEXT_ONLY_ELEMENTS.has(inside ?? '')) refuse(`${mustache.text} is inside a <${inside}> element`);
          if (!rootContext()) refuse(`${mustache.text} is inside a block or partial that changes the context`);
          return place(this.rawFields, mustache.expression, around());
        case 'open':
          checkBlock(mustache.helper, this.input.helpers);
          blocks.push({ depth: open.length, changesContext: !mustache.inverted && !CONTEXT_KEEPING.has(mustache.helper) });
          return;
        case 'else': {
          const block = blocks.at(-1) ?? refuse(`${mustache.text} is outside a block`);
          if (open.length !== block.depth) refuse(`${mustache.text} is not at the level of HTML elements its block started at`);
          if (mustache.helper !== undefined) {
            checkBlock(mustache.helper, this.input.helpers);
            block.changesContext ||= !CONTEXT_KEEPING.has(mustache.helper);
          }
          return;
        }
        case 'close': {
          const block = blocks.pop() ?? refuse(`${mustache.text} closes no block`);
          if (open.length !== block.depth) refuse(`${mustache.text} is not at the level of HTML elements its block started at`);
          return;
        }
        case 'partial': {
          if (TEXT_ONLY_ELEMENTS.has(inside ?? '')) refuse(`${mustache.text} is inside a <${inside}> element`);
          const partial = this.input.partials.get(mustache.name) ?? refuse(`the partial "${mustache.name}" does not exist`);
          if (scope.including.includes(mustache.name)) refuse(`the partial "${mustache.name}" includes itself`);
          place(this.partials, mustache.name, around());
          this.read(partial, {
            chain: around(),
            rootContext: rootContext() && mustache.params === '',
            inBlock: scope.inBlock || blocks.length > 0,
            including: [...scope.including, mustache.name],
          });
          return;
        }
      }
    };

    const parser = new Parser(
      {
        onopentag: (name, attribs, isImplied) => {
          if (!reading) return;
          if (isImplied) refuse(`juice's HTML parser would open a <${name}> that ${what} does not write`);
          if (PLACEHOLDER.test(name)) refuse(`Handlebars writes the name of an element in ${what}`);
          if (PARSED_DIFFERENTLY.has(name)) refuse(`${what} holds a <${name}> element`);
          if (VOID_ELEMENTS.has(name)) {
            voidOpened = true;
            return;
          }
          open.push({ name, attribs: matchedAttributes(attribs) });
          if (name !== 'style') return;
          if (scope.inBlock || blocks.length > 0) refuse(`a <style> element of ${what} is inside a block`);
          if ('data-embed' in attribs) refuse(`a <style data-embed> element of ${what} is left to the email client`);
          style = '';
        },
        onattribute: (name, value, quote) => {
          if (!reading) return;
          if (PLACEHOLDER.test(name)) refuse(`Handlebars writes part of a tag of ${what} outside an attribute value`);
          const inValue = mustachesIn(value, mustaches);
          if (inValue.length === 0) return;
          if (MATCHED_ATTRIBUTES.includes(name)) refuse(`Handlebars writes the ${name} attribute of an element of ${what}`);
          if (!quote) refuse(`Handlebars writes the unquoted value of the ${name} attribute of an element of ${what}`);
          for (const mustache of inValue) {
            if (mustache.kind !== 'escaped' && mustache.kind !== 'comment') refuse(`${mustache.text} is inside the ${name} attribute`);
            if (mustache.kind === 'escaped') this.#checkMentions(mustache);
          }
        },
        onclosetag: (name, isImplied) => {
          if (!reading) return;
          if (voidOpened) {
            voidOpened = false;
            return;
          }
          if (open.length === 0) {
            if (!ending) refuse(`</${name}> in ${what} closes an element it did not open`);
            return;
          }
          if (isImplied && !(ending && scope.including.length === 0)) {
            refuse(ending ? `<${name}> is not closed in ${what}` : `juice's HTML parser would close <${name}> in ${what} by itself`);
          }
          if (blocks.length > 0 && open.length - 1 < blocks.at(-1)!.depth) refuse(`</${name}> in ${what} closes an element opened outside its block`);
          open.pop();
          // juice reads a <style> holding text, and drops an empty one.
          if (style) this.css.push(style);
          style = undefined;
        },
        ontext: (text) => {
          if (style !== undefined) {
            if (PLACEHOLDER.test(text)) refuse('Handlebars writes into a <style> element');
            style += text;
            return;
          }
          for (const mustache of mustachesIn(text, mustaches)) visit(mustache, (open.at(-1) ?? scope.chain.at(-1))?.name);
        },
        oncomment: (text) => {
          for (const mustache of mustachesIn(text, mustaches)) {
            if (mustache.kind !== 'escaped' && mustache.kind !== 'comment') refuse(`${mustache.text} is inside an HTML comment`);
            if (mustache.kind === 'escaped') this.#checkMentions(mustache);
          }
        },
        onprocessinginstruction: (_name, text) => {
          if (PLACEHOLDER.test(text)) refuse(`Handlebars writes into a <!…> declaration of ${what}`);
        },
      },
      { decodeEntities: false },
    );
    parser.write(scope.chain.map(startTag).join(''));
    reading = true;
    parser.write(encoded);
    ending = true;
    parser.end();
  }

  /** Anywhere but `{{{field}}}` and `{{#if field}}`, naming a styled field could call its styling helper. */
  #checkMentions(mustache: Exclude<Mustache, { kind: 'comment' | 'raw' }>): void {
    const testsField = (mustache.kind === 'open' || mustache.kind === 'else') && CONTEXT_KEEPING.has(mustache.helper ?? '');
    if (testsField && this.input.rawFields.includes(mustache.params)) return;
    if (this.#mentions.test(mustache.text)) refuse(`${mustache.text} reads a field of raw HTML`);
  }
}

/** A partial or a field must stand inside the same elements wherever it appears. */
function place(places: Map<string, string>, name: string, chain: readonly ElementTag[]): void {
  const key = JSON.stringify(chain);
  if ((places.get(name) ?? key) !== key) refuse(`"${name}" appears inside different elements in different places`);
  places.set(name, key);
}

function places(keys: ReadonlyMap<string, string>): Map<string, ElementTag[]> {
  return new Map([...keys].map(([name, key]) => [name, JSON.parse(key) as ElementTag[]]));
}

function matchedAttributes(attribs: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attribs).filter(([name]) => MATCHED_ATTRIBUTES.includes(name)));
}

function checkBlock(helper: string, helpers: ReadonlySet<string>): void {
  if (helpers.has(helper) && !LAYOUT_BLOCKS.has(helper)) refuse(`the block helper "${helper}" may change the HTML it renders`);
}

/** juice's other code delimiters (`<% %>`) must not appear, nor text that looks like its placeholders. */
function checkCodeBlocks({ source, partials, codeBlocks }: LayoutInput): void {
  const delimiters = Object.values(codeBlocks);
  if (!delimiters.some(({ start, end }) => start === '{{' && end === '}}')) refuse('juice does not keep {{ … }} as it is');
  for (const text of [source, ...partials.values()]) {
    if (/JUICE_CODE_BLOCK_/i.test(text)) refuse('the templates hold the text juice writes in place of code');
    for (const { start, end } of delimiters) {
      if (start !== '{{' && new RegExp(`${start}[\\S\\s]*?${end}`).test(text)) refuse(`juice would keep ${start} … ${end} as code`);
    }
  }
}

/** The mustaches of a source in order; each must be a whole Handlebars statement, as juice keeps it. */
function readMustaches(source: string, parse: LayoutInput['parse']): Mustache[] {
  let program: hbs.AST.Program;
  try {
    program = parse(source);
  } catch {
    refuse('Handlebars cannot parse it');
  }
  if (contentOf(program) !== source.split(MUSTACHE).join('')) refuse('juice would not keep each of its Handlebars statements whole');
  return (source.match(MUSTACHE) ?? []).map(classify);
}

/** The text of a template outside its statements, in order. */
function contentOf(program: hbs.AST.Program): string {
  return program.body
    .map((statement) => {
      if (statement.type === 'ContentStatement') return (statement as hbs.AST.ContentStatement).value;
      const { program: inner, inverse } = statement as Partial<hbs.AST.BlockStatement>;
      return (inner ? contentOf(inner) : '') + (inverse ? contentOf(inverse) : '');
    })
    .join('');
}

function mustachesIn(text: string, mustaches: readonly Mustache[]): Mustache[] {
  return [...text.matchAll(PLACEHOLDERS)].map((match) => mustaches[Number(match[1])]!);
}

/** What a Handlebars statement does, from its text. */
function classify(text: string): Mustache {
  const inner = text.slice(2, -2).replace(/^~/, '').replace(/~$/, '').trim();
  const sigil = inner[0] ?? '';
  const [, word = '', params = ''] = /^(\S*)\s*([\s\S]*)$/.exec('{&#^/>!*'.includes(sigil) ? inner.slice(1).trim() : inner) ?? [];
  switch (sigil) {
    case '!':
      return { kind: 'comment', text };
    case '{':
      return { kind: 'raw', text, expression: inner.endsWith('}') ? inner.slice(1, -1).trim() : refuse(`${text} is not a whole statement`) };
    case '&':
      return { kind: 'raw', text, expression: inner.slice(1).trim() };
    case '#':
      if (/^[>*]/.test(word)) refuse(`${text}: partial blocks and inline partials are not supported`);
      return { kind: 'open', text, helper: word, params, inverted: false };
    case '^':
      return word === '' ? { kind: 'else', text, params: '' } : { kind: 'open', text, helper: word, params, inverted: true };
    case '/':
      return { kind: 'close', text };
    case '>':
      if (!/^[\w./-]+$/.test(word)) refuse(`${text}: only partials named as they are written are supported`);
      return { kind: 'partial', text, name: word, params };
    case '*':
      return refuse(`${text}: decorators are not supported`);
  }
  const chained = /^else(?:\s+(\S+)\s*([\s\S]*))?$/.exec(inner);
  if (chained) return chained[1] === undefined ? { kind: 'else', text, params: '' } : { kind: 'else', text, helper: chained[1], params: chained[2] ?? '' };
  return { kind: 'escaped', text };
}
