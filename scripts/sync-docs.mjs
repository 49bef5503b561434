#!/usr/bin/env node
// Regenerates what is derived from the code: schema/draft.schema.json and the
// tables of README.md between `<!-- generated:NAME -->` markers. Run after
// `npm run build`: `node scripts/sync-docs.mjs`. Tests fail until it has been run.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { draftSchemaJson } = require('../lib/schema.cjs');
const { readmeWithTables } = require('../lib/docs.cjs');

const root = new URL('..', import.meta.url);
await writeFile(new URL('schema/draft.schema.json', root), `${draftSchemaJson()}\n`);
const readme = new URL('README.md', root);
await writeFile(readme, readmeWithTables(await readFile(readme, 'utf8')));
console.log('updated schema/draft.schema.json and the generated tables of README.md');
