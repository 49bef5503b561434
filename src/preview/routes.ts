import { posix } from 'node:path';
import { ASSETS, type AssetPath } from './pages.js';

/** The outputs of a draft the preview serves, by URL name, and the rendered file each one is. */
export const OUTPUTS = {
  'web.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  'email.html': { file: 'email.html', type: 'text/html; charset=utf-8' },
  'email.txt': { file: 'email.txt', type: 'text/plain; charset=utf-8' },
} as const;
export type OutputName = keyof typeof OUTPUTS;

export type Route =
  | { kind: 'index' }
  | { kind: 'events' }
  | { kind: 'asset'; path: AssetPath }
  | { kind: 'draft'; id: string }
  | { kind: 'output'; id: string; output: OutputName }
  | { kind: 'refused'; status: 400 | 403; reason: string }
  | { kind: 'missing' };

/**
 * What a request path asks for. Every answer is generated in memory or is one of a
 * fixed list of assets, so no path is ever joined to a folder; still, anything that
 * tries to climb (`..`, also percent-encoded), holds a NUL or a backslash, or is not
 * in normal form is refused outright.
 */
export function route(target: string): Route {
  const raw = target.split(/[?#]/, 1)[0]!;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed percent-encoding' };
  }
  if (!path.startsWith('/') || path.includes('\0')) return { kind: 'refused', status: 400, reason: 'malformed path' };
  if (path.includes('\\') || path.split('/').some((segment) => segment === '..' || segment === '.') || posix.normalize(path) !== path) {
    return { kind: 'refused', status: 403, reason: 'path outside the preview' };
  }
  if (path === '/') return { kind: 'index' };
  if (path === '/events') return { kind: 'events' };
  if (Object.hasOwn(ASSETS, path)) return { kind: 'asset', path: path as AssetPath };
  const draft = /^\/draft\/(.+?)\/([^/]*)$/.exec(path);
  if (!draft) return { kind: 'missing' };
  const [, id, name] = draft as unknown as [string, string, string];
  if (name === '') return { kind: 'draft', id };
  return Object.hasOwn(OUTPUTS, name) ? { kind: 'output', id, output: name as OutputName } : { kind: 'missing' };
}
