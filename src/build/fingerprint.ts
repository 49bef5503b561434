import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CODE_DIR, PACKAGE_FILE } from '../package-paths.js';

/**
 * Adds to `hash` what cmr's output depends on besides the project: its code, its version and
 * its dependencies' versions, and the templates in `templatesDir`. A changed renderer then
 * never reuses what the old one made, even before cmr's version number changes.
 */
export function addCodeAndTemplates(hash: Hash, templatesDir: string): Hash {
  hash.update(codeDigest());
  addFiles(hash, templatesDir);
  return hash;
}

let code: string | undefined;

/** The hash of cmr's code and package.json, read once per process: the build and check caches, the email plan and the precompiled templates all ask. */
export function codeDigest(): string {
  if (code === undefined) {
    const hash = createHash('sha256').update(readFileSync(PACKAGE_FILE));
    addFiles(hash, CODE_DIR);
    code = hash.digest('hex');
  }
  return code;
}

/** Every file under `dir`, by its path and bytes, in a stable order. Read synchronously: dozens of small files. */
function addFiles(hash: Hash, dir: string): void {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update('\0').update(relative(dir, file)).update('\0').update(readFileSync(file));
}
