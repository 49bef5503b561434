import { readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UsageError } from '../errors.js';

/** Where drafts live when no path is given. */
export const DEFAULT_DRAFTS = 'digests';

/** A path the user named that does not exist: a usage error, not an invalid draft. */
export class MissingPathError extends UsageError {}

/** The Markdown drafts under the given files and folders, sorted, each listed once. */
export async function collectDrafts(paths: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new MissingPathError(`no such file or folder: ${path}`);
    if (info.isDirectory()) {
      for (const file of draftsUnder(path, relative(cwd, path))) found.add(file);
    } else {
      found.add(relative(cwd, path));
    }
  }
  return [...found].sort();
}

/**
 * The Markdown files in `dir` and the folders in it, by their paths under `shown` (`dir` as the
 * caller names it). Walked folder by folder, synchronously: for a thousand drafts, several times
 * faster than Node 20's recursive `readdir`.
 */
function draftsUnder(dir: string, shown: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return draftsUnder(join(dir, entry.name), join(shown, entry.name));
    return entry.isFile() && entry.name.endsWith('.md') ? [join(shown, entry.name)] : [];
  });
}
