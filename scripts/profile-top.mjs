#!/usr/bin/env node
// Summarizes a V8 CPU profile (from `node --cpu-prof`): self time by package or source file,
// and the top functions.   node scripts/profile-top.mjs <file.cpuprofile> [count]
import { readFileSync } from 'node:fs';

const [file, count = '15'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/profile-top.mjs <file.cpuprofile> [count]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);

/** node_modules/<package>, or the source file under lib/ or src/, or a V8 category. */
function owner(url) {
  if (!url) return '(native / GC / idle)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  const own = /\/(lib|src)\/(.*)$/.exec(url);
  if (own) return `cmr ${own[2]}`;
  return url.startsWith('node:') ? 'node internals' : url;
}

const byOwner = new Map();
const byFunction = new Map();
let total = 0;
for (const node of profile.nodes) {
  const ms = (hits.get(node.id) ?? 0) * interval;
  if (ms === 0) continue;
  total += ms;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = owner(url);
  byOwner.set(key, (byOwner.get(key) ?? 0) + ms);
  const fn = `${functionName || '(anonymous)'}  ${key}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
}

const top = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .map(([name, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
console.log(`${file}: ${total.toFixed(0)} ms sampled\n\nself time by package or file:\n${top(byOwner)}\n\ntop functions:\n${top(byFunction)}`);
