import { loadConfig } from '../config/load.js';
import { formatPretty } from '../report/pretty.js';
import { RULES, STRUCTURAL_RULES } from '../rules/registry.js';
import { severityOf } from '../rules/severity.js';
import type { Config } from '../schema/config.js';
import type { Io } from './io.js';

/** `cmr rules`: every rule with its default and configured severity. Exit 1 if the config is invalid. */
export async function runRules(options: { root: string }, io: Io): Promise<number> {
  const loaded = await loadConfig(options.root);
  if (!loaded.config) {
    io.err(formatPretty(loaded.diagnostics, 0));
    return 1;
  }
  io.out(rulesListing(loaded.config));
  return 0;
}

/** The listing `cmr rules` prints: aligned columns, then the checks that are always errors. */
export function rulesListing(config: Config): string {
  const rows = [
    ['rule', 'default', 'configured', 'description'],
    ...RULES.map((rule) => [rule.id, rule.severity, severityOf(rule, config), rule.description]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
  const structural = Object.entries(STRUCTURAL_RULES).map(([id, description]) => `${id.padEnd(widths[0]!)}  ${description}`);
  return [...lines, '', 'Always errors, whatever the config says:', ...structural].join('\n');
}

/** The rules table of the README, generated so it cannot drift from the registry. */
export function rulesMarkdown(): string {
  return [
    '| rule | default | what it reports |',
    '| --- | --- | --- |',
    ...RULES.map((rule) => `| \`${rule.id}\` | ${rule.severity} | ${rule.description} |`),
  ].join('\n');
}
