#!/usr/bin/env node
// The compiled CLI lives in lib/ (built by `npm run build`, run by `npm ci` through `prepare`).
import '../lib/cli.js';
