#!/usr/bin/env node
// `node scripts/bench-floor.mjs [size]`: the least a cold build of the benchmark's archive (see
// bench.mjs; run `npm run bench` once to generate it) can cost with cmr's stack, for comparison
// with `cmr build`. One worker thread per CPU reads its share of the drafts, parses each front
// matter with js-yaml and each body with cmr's remark parser, and renders the body's HTML with
// remark-html; nothing is validated, laid out, written or cached. Prints wall and CPU time.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

if (isMainThread) {
  const size = process.argv[2] ?? '1000';
  const dir = join(ROOT, '.bench', `archive-${size}`, 'digests');
  const files = readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => join(dir, name));
  const threads = availableParallelism();
  const started = performance.now();
  const shares = Array.from({ length: threads }, (_, k) => files.filter((_, i) => i % threads === k));
  await Promise.all(
    shares.map((share) => new Promise((done, fail) => new Worker(fileURLToPath(import.meta.url), { workerData: share }).on('message', done).on('error', fail))),
  );
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  const wall = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`${files.length} drafts on ${threads} threads: ${wall} s wall, ${((userCPUTime + systemCPUTime) / 1e6).toFixed(2)} s CPU`);
} else {
  const require = createRequire(import.meta.url);
  const jsYaml = require('js-yaml');
  const markdown = require(join(ROOT, 'lib', readdirSync(join(ROOT, 'lib')).find((name) => /^markdown-.*\.cjs$/.test(name))));
  let bytes = 0;
  for (const file of workerData) {
    const text = readFileSync(file, 'utf8');
    const end = text.indexOf('\n---', 4);
    const data = jsYaml.load(text.slice(4, end), { schema: jsYaml.CORE_SCHEMA });
    bytes += markdown.markdownToHtml(markdown.parseMarkdown(text.slice(end + 5), 'https://example.org/')).length + Object.keys(data).length;
  }
  parentPort.postMessage(bytes);
}
