import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { LineIndex } from '../diagnostics/lines.js';
import { decodeText } from '../draft/load.js';
import { parseYaml } from '../draft/yaml.js';
import { configSchema, type Config } from '../schema/config.js';
import { validateAgainst } from '../validate/issues.js';

export const CONFIG_FILE = 'cmr.config.yaml';

export type LoadedConfig = { config: Config; diagnostics: [] } | { config?: undefined; diagnostics: Diagnostic[] };

/** Thrown when there is no config file at all: a setup mistake, not an invalid input. */
export class MissingConfigError extends UsageError {}

/** Reads and validates `cmr.config.yaml` in `root`. */
export async function loadConfig(root: string, file = join(root, CONFIG_FILE)): Promise<LoadedConfig> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new MissingConfigError(`no ${CONFIG_FILE} found at ${file}: cmr runs from the project root`);
  }
  // Named as drafts are, relative to where cmr runs, so editors and CI annotations find it.
  return parseConfig(relative(process.cwd(), file) || file, bytes);
}

/** Validates config bytes; pure, so tests and the preview server can call it directly. */
export function parseConfig(file: string, bytes: Uint8Array): LoadedConfig {
  const decoded = decodeText(file, bytes);
  if (!decoded.source) return decoded;
  const { text } = decoded.source;
  const lines = new LineIndex(text);
  const yaml = parseYaml(text, file, lines, 0);
  if (yaml.diagnostics.length > 0) return { diagnostics: yaml.diagnostics };
  const result = validateAgainst(configSchema, yaml.data ?? {}, { file, text, lines, doc: yaml.doc, yamlStart: 0 });
  return result.value ? { config: result.value, diagnostics: [] } : { diagnostics: result.diagnostics };
}
