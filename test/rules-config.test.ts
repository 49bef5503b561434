import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { inputsFor } from '../src/rules/inputs.js';
import { applyRules } from '../src/rules/run.js';
import { RULES } from '../src/rules/registry.js';
import { severityOf } from '../src/rules/severity.js';
import { normalizeUrl } from '../src/rules/url.js';
import type { Config } from '../src/schema/config.js';
import { cmr, ROOT, scratchProject } from './helpers/cli.js';
import { projectConfig, validDraft } from './helpers/sample.js';

const CONFIG = join(ROOT, 'cmr.config.yaml');

async function configWith(extra: string) {
  const text = `${await readFile(CONFIG, 'utf8')}\n${extra}\n`;
  return { text, loaded: parseConfig('cmr.config.yaml', new TextEncoder().encode(text)) };
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('rules: in cmr.config.yaml', () => {
  it('gives each rule its default unless configured; strict turns warnings into errors', async () => {
    const { loaded } = await configWith('rules:\n  insecure-url: error\n  title-whitespace: "off"');
    const config = loaded.config!;
    const byId = Object.fromEntries(RULES.map((rule) => [rule.id, rule]));
    expect(severityOf(byId['insecure-url']!, config)).toBe('error');
    expect(severityOf(byId['title-whitespace']!, config)).toBe('off');
    expect(severityOf(byId['entry-order']!, config)).toBe('warn');
    expect(severityOf(byId['entry-order']!, config, true)).toBe('error');
    expect(severityOf(byId['title-whitespace']!, config, true)).toBe('off');
  });

  it('an unknown rule id is an error at its line that suggests the closest id', async () => {
    const { text, loaded } = await configWith('rules:\n  insecure-urls: error');
    expect(loaded.config).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.line, d.column, d.reason, d.ruleId])).toEqual([
      [lineOf(text, 'insecure-urls'), 3, 'unknown key "insecure-urls" (did you mean "insecure-url"?)', 'schema'],
    ]);
  });

  it('a severity other than off, warn or error is an error at its line', async () => {
    const { text, loaded } = await configWith('rules:\n  entry-order: warning');
    expect(loaded.diagnostics.map((d) => [d.line, d.column, d.reason])).toEqual([
      [lineOf(text, 'entry-order: warning'), 16, 'a rule is set to off, warn or error'],
    ]);
  });

  it('window_days defaults to 7 and exchanges to the list of the README', async () => {
    const text = (await readFile(CONFIG, 'utf8')).replace(/^window_days:.*$/m, '');
    const config = parseConfig('cmr.config.yaml', new TextEncoder().encode(text)).config!;
    expect(config.window_days).toBe(7);
    expect(config.exchanges).toEqual(['ASX', 'NYSE', 'NASDAQ', 'TSX', 'TSXV', 'CSE', 'LSE', 'AIM', 'HKEX', 'OTCQX', 'OTCQB', 'OTC', 'FRA', 'JSE', 'SSE', 'SZSE']);
  });
});

describe('rules applied to a draft', () => {
  it('a configured severity is the severity of its diagnostics; a rule set off reports nothing', async () => {
    const base = await projectConfig();
    const config: Config = { ...base, rules: { 'insecure-url': 'error', 'entry-order': 'off' } };
    const valid = await validDraft('fixtures/rules/insecure-url/triggers.md');
    const inputs = (await inputsFor(config, ROOT))(valid);
    const found = applyRules(valid, config, inputs).diagnostics;
    expect(found.map((d) => [d.ruleId, d.severity, d.line])).toEqual([
      ['insecure-url', 'error', 8],
      ['insecure-url', 'error', 12],
    ]);
    const off = applyRules(valid, { ...config, rules: { 'insecure-url': 'off' } }, inputs);
    expect(off.diagnostics).toEqual([]);
  });

  it('a rule that reads the body without a parser is a bug, not a silent pass', async () => {
    const config = await projectConfig();
    const valid = await validDraft('fixtures/rules/ticker-format/triggers.md');
    expect(() => applyRules(valid, config, {})).toThrow('needsBody');
  });
});

describe('normalizeUrl', () => {
  it('ignores scheme and host case, trailing slashes and utm_* parameters, and nothing else', () => {
    expect(normalizeUrl('HTTPS://Example.COM/a/b/?utm_source=x&id=2&UTM_Medium=y')).toBe('https://example.com/a/b?id=2');
    expect(normalizeUrl('https://example.com')).toBe(normalizeUrl('https://example.com/'));
    expect(normalizeUrl('https://example.com/a?id=1')).not.toBe(normalizeUrl('https://example.com/a?id=2'));
    expect(normalizeUrl('https://example.com/A')).not.toBe(normalizeUrl('https://example.com/a'));
  });
});

describe('cmr check options', () => {
  const warningsOnly = 'fixtures/rules/title-whitespace/triggers.md';

  it('warnings alone exit 0', async () => {
    const run = await cmr(['check', warningsOnly]);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 0 errors and 2 warnings in 1 draft');
  });

  it('--strict reports warnings as errors and exits 1', async () => {
    const run = await cmr(['check', '--strict', '--format', 'json', warningsOnly]);
    expect(run.code).toBe(1);
    const problems = JSON.parse(run.stdout) as { severity: string; rule: string }[];
    expect(problems.map((p) => [p.rule, p.severity])).toEqual([
      ['title-whitespace', 'error'],
      ['title-whitespace', 'error'],
    ]);
  });

  it('--max-warnings N exits 1 above N warnings, 0 at N', async () => {
    const over = await cmr(['check', '--max-warnings', '1', warningsOnly]);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('cmr: 2 warnings, more than --max-warnings 1 allows\n');
    const at = await cmr(['check', '--max-warnings', '2', warningsOnly]);
    expect(at.code).toBe(0);
  });

  it('a bad option value is a usage error, exit 2', async () => {
    const format = await cmr(['check', '--format', 'xml', warningsOnly]);
    expect(format).toMatchObject({ code: 2, stdout: '', stderr: 'cmr: unknown report format "xml": choose pretty, json, github\n' });
    const max = await cmr(['check', '--max-warnings', 'many', warningsOnly]);
    expect(max).toMatchObject({ code: 2, stdout: '', stderr: 'cmr: --max-warnings takes a whole number such as 0 or 10, not "many"\n' });
  });

  it('checking one draft still compares it with the earlier issues of its folder', async () => {
    const run = await cmr(['check', '--format', 'json', 'fixtures/rules/repeat-from-earlier-issue/triggers.md']);
    const problems = JSON.parse(run.stdout) as { message: string }[];
    expect(problems.map((p) => p.message)).toEqual([
      'this URL already ran in the issue of 2025-08-02, fixtures/rules/repeat-from-earlier-issue/earlier.md:8',
    ]);
  });

  it("a new digest that reruns a story of last week's digest names that digest", async () => {
    const project = await scratchProject();
    try {
      const sample = await readFile(join(project.dir, 'digests', '2025-11-01.md'), 'utf8');
      const rerun = 'https://example.com/placeholder/lme-copper-hits-record-highs-funds';
      const draft = [
        '---',
        'title: "Copper holds its record"',
        'date: 2025-11-08',
        'summary: "Copper stays above USD 12,000/t for a second week."',
        'headlines:',
        '  - date: 2025-11-06',
        '    title: "Copper extends its run"',
        `    url: ${rerun}`,
        '---',
        '',
        'A short week.',
        '',
      ].join('\n');
      await writeFile(join(project.dir, 'digests', '2025-11-08.md'), draft);
      const run = await cmr(['check', '--format', 'json', 'digests/2025-11-08.md'], { cwd: project.dir });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([
        {
          file: 'digests/2025-11-08.md',
          line: 8,
          column: 10,
          endLine: 8,
          endColumn: 10 + rerun.length,
          severity: 'warning',
          rule: 'repeat-from-earlier-issue',
          message: `this URL already ran in the issue of 2025-11-01, digests/2025-11-01.md:${lineOf(sample, rerun)}`,
        },
      ]);
    } finally {
      await project.cleanup();
    }
  });
});

describe('cmr rules', () => {
  it('lists every rule with its default and configured severity and its description', async () => {
    const project = await scratchProject();
    try {
      const config = join(project.dir, 'cmr.config.yaml');
      await writeFile(config, `${await readFile(config, 'utf8')}\nrules:\n  entry-order: error\n`);
      const run = await cmr(['rules'], { cwd: project.dir });
      expect(run.code).toBe(0);
      const rows = run.stdout.split('\n').map((line) => line.split(/ {2,}/));
      for (const rule of RULES) {
        const configured = rule.id === 'entry-order' ? 'error' : rule.severity;
        expect(rows).toContainEqual([rule.id, rule.severity, configured, rule.description]);
      }
      expect(rows).toContainEqual(['schema', 'A front matter field is missing, unknown or of the wrong type']);
    } finally {
      await project.cleanup();
    }
  });
});
