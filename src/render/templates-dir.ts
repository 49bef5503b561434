import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The templates shipped with cmr, used when a project has no `templates/` of its own. */
export const BUILTIN_TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

/** The project's templates folder if it has one, else the built-in one. */
export function templatesDir(root: string): string {
  const own = join(root, 'templates');
  return existsSync(own) ? own : BUILTIN_TEMPLATES;
}
