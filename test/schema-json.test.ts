import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { readmeWithTables } from '../src/commands/docs.js';
import { draftJsonSchema, draftSchemaJson } from '../src/commands/schema.js';
import { parseDraft } from '../src/draft/parse.js';
import { validateDraft } from '../src/validate/digest.js';
import { cmr, ROOT } from './helpers/cli.js';
import { SAMPLE } from './helpers/sample.js';

const SYNC = 'run `npm run build && node scripts/sync-docs.mjs` to regenerate it';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

async function frontMatterOf(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(join(ROOT, file), 'utf8');
  const parsed = parseDraft({ file, text });
  if (!parsed.draft) throw new Error(parsed.diagnostics.map(String).join('\n'));
  return parsed.draft.data;
}

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(draftJsonSchema());
}

describe('JSON Schema of the front matter', () => {
  it('schema/draft.schema.json is the schema generated from the zod contract', async () => {
    const shipped = await readFile(join(ROOT, 'schema', 'draft.schema.json'), 'utf8');
    expect(shipped, SYNC).toBe(`${draftSchemaJson()}\n`);
  });

  it('cmr schema prints that same schema', async () => {
    const run = await cmr(['schema']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(await readFile(join(ROOT, 'schema', 'draft.schema.json'), 'utf8')));
  });

  it("accepts the sample digest's front matter (validated with ajv)", async () => {
    const validate = validator();
    const valid = validate(await frontMatterOf(SAMPLE));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects what the zod contract rejects: an unknown key, a non-URL link, a missing title', async () => {
    const validate = validator();
    const failures = async (file: string) => {
      expect(validate(await frontMatterOf(file))).toBe(false);
      return validate.errors!.map((e) => [e.instancePath, e.keyword]);
    };
    expect(await failures('fixtures/invalid/unknown-key.md')).toContainEqual(['', 'additionalProperties']);
    expect(await failures('fixtures/invalid/non-url-link.md')).toContainEqual(['/headlines/0/url', 'format']);
    expect(await failures('fixtures/invalid/missing-title.md')).toContainEqual(['', 'required']);
  });

  it('a draft carrying the yaml-language-server modeline is still a valid draft', async () => {
    const text = (await readFile(join(ROOT, SAMPLE), 'utf8')).replace(
      /^---\n/,
      '---\n# yaml-language-server: $schema=../schema/draft.schema.json\n',
    );
    const parsed = parseDraft({ file: SAMPLE, text });
    expect(parsed.diagnostics).toEqual([]);
    expect(validateDraft(parsed.draft!).diagnostics).toEqual([]);
  });
});

describe('README', () => {
  it('holds the current generated tables of front matter fields and rules', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme, SYNC).toBe(readmeWithTables(readme));
    expect(readme).toContain('| `repeat-from-earlier-issue` | warn |');
  });

  it('its example of rule settings is a valid config', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n(window_days:[\s\S]*?)```/.exec(readme)![1]!;
    const base = (await readFile(join(ROOT, 'cmr.config.yaml'), 'utf8')).replace(/^window_days:.*$/m, '');
    const loaded = parseConfig('cmr.config.yaml', new TextEncoder().encode(`${base}\n${example}`));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.config).toMatchObject({ window_days: 8, rules: { 'repeat-from-earlier-issue': 'error', 'insecure-url': 'off' } });
  });
});
