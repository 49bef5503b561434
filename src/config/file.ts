import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UsageError } from '../errors.js';

export const CONFIG_FILE = 'cmr.config.yaml';

/** Thrown when there is no config file at all: a setup mistake, not an invalid input. */
export class MissingConfigError extends UsageError {}

/** The config's bytes, and its name as problems report it. Reads without validating, so nothing of the schema loads. */
export async function readConfigFile(root: string): Promise<{ name: string; bytes: Uint8Array }> {
  const file = join(root, CONFIG_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new MissingConfigError(`no ${CONFIG_FILE} found at ${file}: cmr runs from the project root`);
  }
  // Named as drafts are, relative to where cmr runs, so editors and CI annotations find it.
  return { name: relative(process.cwd(), file) || file, bytes };
}
