#!/usr/bin/env node
// The CLI is bundled into lib/ (by `npm run build`, which `npm ci` runs through `prepare`) as
// CommonJS, so that its chunks compile from V8's code cache (src/compile-cache.ts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('../lib/compile-cache.cjs').enableCompileCache();
require('../lib/cli.cjs');
