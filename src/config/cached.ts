import { fromWire, toWire, type WireDiagnostic } from '../build/checked.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Config } from '../schema/config.js';

/** The validated config as plain data, or its problems: what a cache keeps of the config's bytes. */
export interface ConfigRecord {
  config?: Config;
  diagnostics: WireDiagnostic[];
}

/** A cache opened for the config's bytes (among other things), keeping the record of that config. */
export interface ConfigStore {
  config(): ConfigRecord | undefined;
  saveConfig(record: ConfigRecord): void;
}

/**
 * The config, validated, or its problems: from `store` when it has them for these bytes, else
 * parsed and kept there. A run that finds it kept loads neither the YAML parser nor the schema.
 */
export async function cachedConfig(file: { name: string; bytes: Uint8Array }, store?: ConfigStore): Promise<{ config?: Config; diagnostics: Diagnostic[] }> {
  const cached = store?.config();
  if (cached) return { config: cached.config, diagnostics: cached.diagnostics.map(fromWire) };
  const { parseConfig } = await import('./load.js');
  const loaded = parseConfig(file.name, file.bytes);
  store?.saveConfig({ config: loaded.config, diagnostics: loaded.diagnostics.map(toWire) });
  return loaded;
}
