import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../diagnostics/lines.js';
import { decodeText } from '../draft/load.js';
import { parseYaml } from '../draft/yaml.js';
import { configSchema, type Config } from '../schema/config.js';
import { validateAgainst } from '../validate/issues.js';
import { readConfigFile } from './file.js';

export { CONFIG_FILE, MissingConfigError } from './file.js';

export type LoadedConfig = { config: Config; diagnostics: [] } | { config?: undefined; diagnostics: Diagnostic[] };

/** Reads and validates `cmr.config.yaml` in `root`. */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  const { name, bytes } = await readConfigFile(root);
  return parseConfig(name, bytes);
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
