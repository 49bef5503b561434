import { readdir, stat } from 'node:fs/promises';
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
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        if (entry.isFile() && entry.name.endsWith('.md')) found.add(relative(cwd, join(entry.parentPath, entry.name)));
      }
    } else {
      found.add(relative(cwd, path));
    }
  }
  return [...found].sort();
}
