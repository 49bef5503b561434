import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This module is one folder below cmr's package root both as a source file (src/) and once
// bundled (every chunk sits directly in lib/), so the root is found the same way in both.

/** The folder of cmr's own code: `lib/` when built, `src/` under the tests. */
export const CODE_DIR = dirname(fileURLToPath(import.meta.url));
/** cmr's package folder. */
export const PACKAGE_ROOT = join(CODE_DIR, '..');
/** cmr's package.json: its version and its dependencies' exact versions. */
export const PACKAGE_FILE = join(PACKAGE_ROOT, 'package.json');
