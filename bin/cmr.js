#!/usr/bin/env node
// The CLI is bundled into lib/ (by `npm run build`, which `npm ci` runs through `prepare`).
import '../lib/cli.js';
