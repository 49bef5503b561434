import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_DRAFTS } from '../build/collect.js';
import { CONFIG_FILE } from '../config/load.js';

export type Change = { kind: 'draft'; file: string } | { kind: 'config' } | { kind: 'templates' };

/** Editors save in bursts (write, rename, chmod); one rebuild follows the last event of a burst. */
export const DEBOUNCE_MS = 25;

/**
 * Watches the drafts folder, the config and the templates folder, and reports each
 * change once its burst of events is over. Folders are watched rather than files, so
 * that editors that save by writing a new file and renaming it are seen too. Each
 * folder is watched on its own: Node 20's recursive watching on Linux misses renames.
 */
export function watchProject(root: string, templates: string, onChange: (change: Change) => void): { close(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  const later = (key: string, change: Change) => {
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => (timers.delete(key), onChange(change)), DEBOUNCE_MS));
  };
  const watchers: FSWatcher[] = [];
  for (const folder of folders(join(root, DEFAULT_DRAFTS))) {
    watchers.push(
      watch(folder, (_, name) => {
        if (!name?.endsWith('.md')) return;
        const file = relative(root, join(folder, name));
        later(`draft:${file}`, { kind: 'draft', file });
      }),
    );
  }
  watchers.push(
    watch(root, (_, name) => {
      if (name === CONFIG_FILE) later('config', { kind: 'config' });
    }),
  );
  for (const folder of folders(templates)) watchers.push(watch(folder, () => later('templates', { kind: 'templates' })));
  return {
    close() {
      for (const watcher of watchers) watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}

/** A folder and every folder under it, as they are when the preview starts. */
function folders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const below = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
  return [dir, ...below.map((entry) => join(entry.parentPath, entry.name))];
}
