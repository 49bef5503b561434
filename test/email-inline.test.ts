import fc from 'fast-check';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import juice from 'juice';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { draftText } from '../scripts/generate-archive.mjs';
import { checkSource, readDraft } from '../src/draft/read.js';
import { compileEmail, type EmailPlan, type EmailTemplate } from '../src/render/email-template.js';
import type { Template } from '../src/render/templates.js';
import type { Config } from '../src/schema/config.js';
import type { ValidDraft } from '../src/validate/digest.js';
import { hostileBody, SEED, structuredDraft } from './helpers/arbitraries.js';
import { ROOT } from './helpers/cli.js';
import { emailSources, emailView, referenceEmail, type EmailSources } from './helpers/email-reference.js';
import { projectConfig, SAMPLE } from './helpers/sample.js';

/** Every construct the sanitizer lets through, and text that means something to juice. */
const EVERY_CONSTRUCT = `---
title: "Every construct"
date: 2025-11-08
---

# Heading one

## Heading two with *emphasis* and \`code\`

### Heading three

#### Heading four

##### Heading five

###### Heading six

A paragraph with **strong**, _emphasis_, ~~strikethrough~~, \`inline code\`, a [link](https://example.com/a?b=1&c=2 "Title \\"quoted\\""),
a relative [link](/about), a bare https://example.org/bare link, <https://example.net/auto>, an email me@example.com,
and a hard break  
after two spaces. A footnote reference[^1] and another[^note].

> A quote with a [link](https://example.com/q).
>
> > A nested quote.
> >
> > - a list inside
> >   - nested deeper
> >     1. ordered
>
> Back to the first level.

- item one
- item two
  - nested item
    - deeper item with \`code\`
- [ ] task open
- [x] task done

3. three
4. four

* loose item

* another loose item

  with a second paragraph

| Left | Center | Right | None |
| :--- | :----: | ----: | ---- |
| a | b | c | d |
| **bold** | \`code\` | [l](https://e.com) | ~~s~~ |

\`\`\`js
const x = 1 < 2 && "a";
\`\`\`

    indented code

![alt text](https://example.com/i.png "Image title")
![](https://example.com/empty-alt.png)
![relative](img/x.png)

---

Term with [reference link][ref] and ![ref image][img].

[ref]: https://example.com/ref "Ref title"
[img]: https://example.com/ref.png

<div style="color:red" onclick="x()">raw html dropped</div>

Text with <span>inline html</span>, &amp; entities &copy; &#169; &lt;tag&gt;, "quotes" 'apos', 100%> and {braces}.

[^1]: The first footnote with a [link](https://example.com/fn).
[^note]: A named footnote.

    With a code block.
`;

/** Text juice keeps as code, with the markup between: such an email is juiced whole. */
const CODE_DELIMITERS = `---
title: "Code delimiters"
date: 2025-11-08
---

A [link](https://example.com/t "a <% b") with *markup* before [another](https://example.com/u "c %> d").

Braces {{ around *markup* }} in the text.
`;

let config: Config;
let sources: EmailSources;
let inlinedOnce: EmailTemplate;
let reference: Template;

beforeAll(async () => {
  [config, sources] = await Promise.all([projectConfig(), emailSources(join(ROOT, 'templates'))]);
  inlinedOnce = await compileEmail(sources);
  reference = referenceEmail(sources);
});

function valid(text: string): ValidDraft {
  const { valid, diagnostics } = checkSource({ file: 'digests/draft.md', text });
  if (!valid) throw new Error(diagnostics.map(String).join('\n'));
  return valid;
}

async function renderedFixtures(): Promise<string[]> {
  const files = [SAMPLE];
  for (const dir of ['fixtures/valid', 'fixtures/hostile/rendered']) for (const name of await readdir(join(ROOT, dir))) files.push(`${dir}/${name}`);
  for (const rule of await readdir(join(ROOT, 'fixtures/rules'))) {
    for (const name of await readdir(join(ROOT, 'fixtures/rules', rule))) files.push(`fixtures/rules/${rule}/${name}`);
  }
  return files;
}

/** Each draft's email from the template inlined once, next to juice's over the whole email. */
function expectSameEmails(email: EmailTemplate, drafts: readonly ValidDraft[], juiced = reference): void {
  for (const draft of drafts) {
    const view = emailView(draft, config);
    expect(email.render(view), draft.digest.title).toBe(juiced(view));
  }
}

describe("the email template with its CSS inlined once", () => {
  it("is inlined once for cmr's own templates", () => {
    expect(inlinedOnce.juicedPerEmail).toBeUndefined();
  });

  it('gives the bytes juice gives for the sample, every fixture that renders and every Markdown construct', async () => {
    const drafts: ValidDraft[] = [valid(EVERY_CONSTRUCT), valid(CODE_DELIMITERS)];
    for (const file of await renderedFixtures()) {
      const { valid } = await readDraft(join(ROOT, file));
      if (valid) drafts.push(valid);
    }
    expect(drafts.length).toBeGreaterThan(20);
    expectSameEmails(inlinedOnce, drafts);
  });

  it('renders emails without running juice once it knows the places of their elements', () => {
    const juiceRuns = vi.spyOn(juice as unknown as { juiceDocument: (...args: unknown[]) => unknown }, 'juiceDocument');
    const views = (indexes: number[]) => indexes.map((i) => emailView(valid(draftText(i).text), config));
    for (const view of [emailView(valid(EVERY_CONSTRUCT), config), ...views([0, 1])]) inlinedOnce.render(view);
    juiceRuns.mockClear();
    for (const view of views([2, 3, 4, 5, 6])) inlinedOnce.render(view);
    expect(juiceRuns).not.toHaveBeenCalled();
    inlinedOnce.render(emailView(valid(CODE_DELIMITERS), config));
    expect(juiceRuns).toHaveBeenCalledTimes(1);
    juiceRuns.mockRestore();
  });

  it('remembered in a store, renders the same bytes in a later run without running juice at all', async () => {
    let saved: string | undefined;
    const store = { read: () => (saved === undefined ? undefined : (JSON.parse(saved) as EmailPlan)), write: (plan: EmailPlan) => void (saved = JSON.stringify(plan)) };
    const drafts = [valid(EVERY_CONSTRUCT), ...[0, 1, 2].map((i) => valid(draftText(i).text))];
    const first = await compileEmail({ ...sources, store });
    for (const draft of drafts) first.render(emailView(draft, config));
    expect(Object.keys((JSON.parse(saved!) as EmailPlan).known).sort()).toEqual(['bodyHtml', 'disclaimerHtml']);

    const juiceRuns = vi.spyOn(juice as unknown as { juiceDocument: (...args: unknown[]) => unknown }, 'juiceDocument');
    const later = await compileEmail({ ...sources, store });
    const emails = drafts.map((draft) => later.render(emailView(draft, config)));
    expect(juiceRuns).not.toHaveBeenCalled();
    juiceRuns.mockRestore();
    expect(emails).toEqual(drafts.map((draft) => reference(emailView(draft, config))));
  });

  it('gives the bytes juice gives for drafts shaped like a real archive', () => {
    expectSameEmails(inlinedOnce, Array.from({ length: 12 }, (_, i) => valid(draftText(i * 37).text)));
  });

  it('gives the bytes juice gives for drafts with hostile fields', () => {
    let rendered = 0;
    fc.assert(
      fc.property(structuredDraft, ({ text }) => {
        const { valid } = checkSource({ file: 'digests/draft.md', text });
        if (!valid) return;
        expectSameEmails(inlinedOnce, [valid]);
        rendered++;
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(rendered).toBeGreaterThan(50);
  });

  it('gives the bytes juice gives for hostile bodies', () => {
    fc.assert(
      fc.property(fc.array(hostileBody, { minLength: 1, maxLength: 4 }), (bodies) => {
        expectSameEmails(inlinedOnce, [valid(`---\ntitle: "Hostile body"\ndate: 2025-11-08\n---\n\n${bodies.join('\n\n')}\n`)]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('templates whose inlined CSS could depend on the data', () => {
  /** cmr's email templates with one partial or the email itself changed. */
  async function changed(file: string, change: (source: string) => string): Promise<{ email: EmailTemplate; juiced: Template }> {
    const partials = new Map(sources.partials);
    const edited = { source: sources.source, partials };
    if (file === 'email') edited.source = change(sources.source);
    else partials.set(file, change(partials.get(file)!));
    return { email: await compileEmail(edited), juiced: referenceEmail(edited) };
  }
  const addRule = (rule: string) => (style: string) => style.replace('</style>', `  ${rule}\n</style>`);

  const selectors = ['p + p', 'h2 ~ p', 'li:first-child', 'td:nth-child(2)', 'a[href^="https"]', 'p::before', 'td:not(.num)'];
  for (const selector of selectors) {
    it(`a rule on "${selector}" makes juice inline each email, with the same bytes as before`, async () => {
      const { email, juiced } = await changed('email/style', addRule(`${selector} { color: #ff0000; }`));
      expect(email.juicedPerEmail).toBe(`the selector "${selector}" depends on more than an element's tag, classes, id and ancestors`);
      expectSameEmails(email, [valid(EVERY_CONSTRUCT), valid(draftText(3).text)], juiced);
    });
  }

  it('a rule that juice never inlines (a:hover) keeps the template inlined once', async () => {
    const { email, juiced } = await changed('email/style', addRule('a:hover { color: #ff0000; }'));
    expect(email.juicedPerEmail).toBeUndefined();
    expectSameEmails(email, [valid(EVERY_CONSTRUCT)], juiced);
  });

  it('an editorial the HTML parser would read differently in its place makes juice inline that email, with the same bytes', async () => {
    const { email, juiced } = await changed('email', (source) => source.replace('{{{bodyHtml}}}', '<p>{{{bodyHtml}}}</p>'));
    expect(email.juicedPerEmail).toBeUndefined();
    expectSameEmails(email, [valid(EVERY_CONSTRUCT), valid(draftText(7).text)], juiced);
  });

  const templates: [name: string, file: string, change: (source: string) => string, why: string][] = [
    [
      'an element opened in a block and closed outside it',
      'email',
      (source) => source.replace('<tr><td class="content editorial">{{{bodyHtml}}}</td></tr>', '{{#if issue.author}}<tr><td class="content editorial">{{/if}}{{{bodyHtml}}}{{#if issue.author}}</td></tr>{{/if}}'),
      '{{/if}} is not at the level of HTML elements its block started at',
    ],
    ['a class written by Handlebars', 'email/section', (source) => source.replace('class="entry"', 'class="entry {{../key}}"'), 'Handlebars writes the class attribute of an element of the partial "email/section"'],
    ['other fields inserted as HTML', 'email', (source) => source.replace('<h1>{{issue.title}}</h1>', '<h1>{{{issue.title}}}</h1>'), '{{{issue.title}}} inserts raw HTML other than bodyHtml or disclaimerHtml'],
    ['a helper that rewrites the HTML it renders', 'email/cta', (source) => `{{#wrap}}${source}{{/wrap}}`, 'the block helper "wrap" may change the HTML it renders'],
    ['an unquoted attribute written by Handlebars', 'email/section', (source) => source.replace('href="{{url}}"', 'href={{url}}'), 'Handlebars writes the unquoted value of the href attribute of an element of the partial "email/section"'],
    ['a <style> inside a block', 'email', (source) => source.replace('{{> email/style}}', '{{#if event}}{{> email/style}}{{/if}}'), 'a <style> element of the partial "email/style" is inside a block'],
    [
      'a partial included inside different elements',
      'email',
      (source) => source.replace('  {{> email/cta}}', '  {{> email/cta}}\n  <tr><td class="box"><table>{{> email/cta}}</table></td></tr>'),
      '"email/cta" appears inside different elements in different places',
    ],
    ['the editorial read as text', 'email', (source) => source.replace('<title>{{issue.title}}</title>', '<title>{{issue.title}} {{bodyHtml}}</title>'), '{{bodyHtml}} reads a field of raw HTML'],
  ];
  for (const [name, file, change, why] of templates) {
    it(`${name} makes juice inline each email, with the same bytes as before`, async () => {
      const { email, juiced } = await changed(file, change);
      expect(email.juicedPerEmail).toBe(why);
      expectSameEmails(email, [valid(EVERY_CONSTRUCT), valid(draftText(5).text)], juiced);
    });
  }
});
