import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_DRAFTS } from '../commands/drafts.js';
import { CONFIG_FILE } from '../config/load.js';

export type Change = { kind: 'draft'; file: string } | { kind: 'config' } | { kind: 'templates' };

/** Editors save in bursts (write, rename, chmod); one rebuild follows the last event of a burst. */
export const DEBOUNCE_MS = 40;

/**
 * Watches the drafts folder, the config and the templates folder, and reports each
 * change once its burst of events is over. Folders are watched rather than files, so
 * that editors that save by writing a new file and renaming it are seen too.
 */
export function watchProject(root: string, templates: string, onChange: (change: Change) => void): { close(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  const later = (key: string, change: Change) => {
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => (timers.delete(key), onChange(change)), DEBOUNCE_MS));
  };
  const watchers: FSWatcher[] = [];
  const drafts = join(root, DEFAULT_DRAFTS);
  if (existsSync(drafts)) {
    watchers.push(
      watch(drafts, { recursive: true }, (_, name) => {
        if (name?.endsWith('.md')) later(`draft:${name}`, { kind: 'draft', file: relative(root, join(drafts, name)) });
      }),
    );
  }
  watchers.push(
    watch(root, (_, name) => {
      if (name === CONFIG_FILE) later('config', { kind: 'config' });
    }),
  );
  if (existsSync(templates)) watchers.push(watch(templates, { recursive: true }, () => later('templates', { kind: 'templates' })));
  return {
    close() {
      for (const watcher of watchers) watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}
