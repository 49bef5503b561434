import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-paths.js';

/** The templates shipped with cmr, used when a project has no `templates/` of its own. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');

/** The project's templates folder if it has one, else the built-in one. */
export function templatesDir(root: string): string {
  const own = join(root, 'templates');
  return existsSync(own) ? own : BUILTIN_TEMPLATES;
}
