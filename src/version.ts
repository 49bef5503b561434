import { readFileSync } from 'node:fs';
import { PACKAGE_FILE } from './package-paths.js';

/** cmr's own version, from its package.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(PACKAGE_FILE, 'utf8')) as { version: string }
).version;
