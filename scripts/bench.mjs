#!/usr/bin/env node
// `npm run bench`: measures cmr on synthetic archives of 100 and 1,000 issues (see
// generate-archive.mjs). Each scenario runs several times; the table shows medians of wall
// time, CPU time (user + system, all threads) and peak RSS of the whole cmr process.
// Figures go to .bench/results.json. Options: --sizes 100,1000  --runs N (default 5, 3 at 1,000).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, draftText, writeArchive } from './generate-archive.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const BENCH = join(ROOT, '.bench');
const CLI = join(ROOT, 'bin', 'cmr.js');
const PROBE = join(ROOT, 'scripts', 'bench-probe.mjs');
const USAGE_FILE = join(BENCH, 'usage.json');
const DISCARDED = join(BENCH, 'discarded');

const options = parseArgs(process.argv.slice(2));

/** Bundles src/ into lib/ when lib/ is missing or older than a source file or the bundler's config. */
function buildIfNeeded() {
  const newest = (dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
  const sources = Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'rolldown.config.mjs')).mtimeMs);
  if (existsSync(join(ROOT, 'lib', 'cli.cjs')) && newest(join(ROOT, 'lib')) >= sources) return;
  console.log('bundling src/ into lib/ …');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build of lib/ failed');
}

/** The archive of `size` issues under .bench/, generated once per size and seed. */
async function archive(size) {
  const dir = join(BENCH, `archive-${size}`);
  const stamp = join(dir, '.generated');
  const wanted = `${size} ${DEFAULT_SEED} ${statSync(join(ROOT, 'scripts', 'generate-archive.mjs')).mtimeMs}`;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
    console.log(`generating ${size} drafts in ${dir} …`);
    await writeArchive(dir, size);
    await writeFile(stamp, wanted);
  }
  return dir;
}

/** Runs cmr once in `cwd`; resolves to wall seconds, CPU seconds and peak RSS in MiB. */
function measure(cwd, args) {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', PROBE, CLI, ...args], {
      cwd,
      env: { ...process.env, CMR_BENCH_USAGE: USAGE_FILE, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return fail(new Error(`cmr ${args.join(' ')} exited ${code} in ${cwd}:\n${stderr}`));
      const usage = JSON.parse(readFileSync(USAGE_FILE, 'utf8'));
      done({ wall, cpu: usage.cpuMicros / 1e6, rss: usage.maxRssKiB / 1024 });
    });
  });
}

/** Runs `args` quietly, for the unmeasured steps that set a scenario up. */
async function run(cwd, args) {
  await measure(cwd, args);
}

let discards = 0;

/**
 * Moves `path` out of the way, to be deleted when the benchmark ends. Deleting the 270 MB of a
 * cold build's output and cache right before the next cold build made that build's system time
 * grow run after run (0.8, 2.0, 2.6, 3.1 s at 1,000 issues on this project's ext4 disk; 1.3 s
 * again after a minute and a half of rest), so a cold build would have measured what the
 * benchmark deleted before it. Set aside, the disk is as a fresh clone finds it.
 */
async function setAside(path) {
  if (!existsSync(path)) return;
  await mkdir(DISCARDED, { recursive: true });
  await rename(path, join(DISCARDED, `${process.pid}-${discards++}`));
}

/** The scenarios of the benchmark; `setup` runs before each measured run, `teardown` after. */
function scenarios(dir, size) {
  const digests = join(dir, 'digests');
  const added = draftText(size);
  const addedFile = join(digests, added.name);
  const oldFile = join(digests, draftText(Math.floor(size / 3)).name);
  const oldText = draftText(Math.floor(size / 3)).text;
  const { name: newestName, text: newestText } = draftText(size - 1);
  const newestFile = join(digests, newestName);
  const clean = async () => {
    await setAside(join(dir, 'dist'));
    await setAside(join(dir, '.cache'));
  };
  return [
    { name: 'cold build', args: ['build'], setup: clean },
    { name: 'rebuild, nothing changed', args: ['build'], setup: () => run(dir, ['build']) },
    {
      name: 'rebuild, one issue added',
      args: ['build'],
      setup: async () => {
        await rm(addedFile, { force: true });
        await run(dir, ['build']);
        await writeFile(addedFile, added.text);
      },
      teardown: () => rm(addedFile, { force: true }),
    },
    {
      name: 'rebuild, one old issue edited',
      args: ['build'],
      setup: async (n) => {
        await writeFile(oldFile, oldText);
        await run(dir, ['build']);
        await writeFile(oldFile, `${oldText}\nA correction added to this issue, version ${n}.\n`);
      },
      teardown: () => writeFile(oldFile, oldText),
    },
    {
      // This week's draft as an editor or a pull request changes it: edited before every run,
      // checked against an archive that earlier runs of cmr have seen.
      name: 'check one draft',
      args: ['check', join('digests', newestName)],
      setup: async (n) => {
        await writeFile(newestFile, newestText);
        await run(dir, ['check', join('digests', newestName)]);
        await writeFile(newestFile, `${newestText}\nA sentence added while writing, version ${n}.\n`);
      },
      teardown: () => writeFile(newestFile, newestText),
    },
    // Drafts unchanged since the last check, which the setup makes sure of: on a fresh archive, the
    // first run would otherwise check every draft for the first time.
    { name: 'check the archive', args: ['check'], setup: () => run(dir, ['check']) },
    // As in CI on a fresh clone, without what earlier checks kept in .cache/cmr/.
    { name: 'check one draft, no cache', args: ['check', join('digests', newestName)], setup: () => setAside(join(dir, '.cache')) },
    { name: 'check the archive, no cache', args: ['check'], setup: () => setAside(join(dir, '.cache')) },
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  buildIfNeeded();
  await mkdir(BENCH, { recursive: true });
  const rows = [];
  for (const size of options.sizes) {
    const dir = await archive(size);
    const runs = options.runs ?? (size >= 1000 ? 3 : 5);
    for (const scenario of scenarios(dir, size)) {
      if (options.only && !scenario.name.includes(options.only)) continue;
      const samples = [];
      for (let n = 0; n < runs; n++) {
        await scenario.setup?.(n);
        samples.push(await measure(dir, scenario.args));
        await scenario.teardown?.();
      }
      const row = {
        scenario: scenario.name,
        issues: size,
        runs,
        wallSeconds: median(samples.map((s) => s.wall)),
        cpuSeconds: median(samples.map((s) => s.cpu)),
        peakRssMiB: median(samples.map((s) => s.rss)),
        samples,
      };
      rows.push(row);
      console.log(formatRow(row));
    }
  }
  await rm(DISCARDED, { recursive: true, force: true });
  const machine = { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
  const version = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version;
  // A narrowed run (--only) replaces its own rows and keeps the others of the last run.
  const previous = options.only && existsSync(join(BENCH, 'results.json')) ? JSON.parse(await readFile(join(BENCH, 'results.json'), 'utf8')).results : [];
  const kept = previous.filter((old) => !rows.some((row) => row.scenario === old.scenario && row.issues === old.issues));
  await writeFile(join(BENCH, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), cmr: version, machine, results: [...kept, ...rows] }, null, 2)}\n`);
  console.log(`\n${table(rows)}\n\n${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; medians; figures in .bench/results.json`);
}

function formatRow(row) {
  return `  ${row.scenario} (${row.issues}): ${row.wallSeconds.toFixed(2)} s wall, ${row.cpuSeconds.toFixed(2)} s CPU, ${row.peakRssMiB.toFixed(0)} MiB`;
}

function table(rows) {
  const lines = ['| scenario | issues | wall | CPU | peak RSS |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const row of rows) {
    lines.push(`| ${row.scenario} | ${row.issues} | ${row.wallSeconds.toFixed(2)} s | ${row.cpuSeconds.toFixed(2)} s | ${row.peakRssMiB.toFixed(0)} MiB |`);
  }
  return lines.join('\n');
}

function parseArgs(args) {
  const parsed = { sizes: [100, 1000], runs: undefined, only: undefined };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--sizes' && value) parsed.sizes = value.split(',').map(Number);
    else if (flag === '--runs' && value) parsed.runs = Number(value);
    else if (flag === '--only' && value) parsed.only = value;
    else {
      console.error('usage: npm run bench -- [--sizes 100,1000] [--runs N] [--only "scenario name"]');
      process.exit(2);
    }
  }
  return parsed;
}

await main();
