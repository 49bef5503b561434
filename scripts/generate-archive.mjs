#!/usr/bin/env node
// Generates a synthetic archive of weekly drafts shaped like real issues, for `npm run bench`.
// Each draft is about 19 KB: front matter with 3 markets and 18/2/5/20 dated entries, then a
// 1,400-word editorial with sections, a quote, links, emphasis and a list. The same seed and
// index always give the same draft, so an archive of 100 is the first 100 of an archive of 1,000.
//
//   node scripts/generate-archive.mjs <project-dir> <count> [--seed N]
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
export const DEFAULT_SEED = 7;
export const FIRST_ISSUE = '2006-01-07';
export const EDITORIAL_WORDS = 1400;
export const SECTION_SIZES = { headlines: 18, media: 2, interviews: 5, releases: 20 };

/** mulberry32: a small, fast, seeded PRNG; returns floats in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The date of issue `index`, one week after the previous one. */
export function issueDate(index, days = 0) {
  const date = new Date(`${FIRST_ISSUE}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + index * 7 + days);
  return date.toISOString().slice(0, 10);
}

const MINERALS = ['copper', 'lithium', 'nickel', 'cobalt', 'graphite', 'tungsten', 'antimony', 'gallium', 'germanium', 'vanadium', 'manganese', 'niobium', 'tin', 'uranium', 'rare earths', 'scandium'];
const PLACES = ['Quebec', 'Nevada', 'Western Australia', 'Ontario', 'Chile', 'Finland', 'Namibia', 'Idaho', 'Saskatchewan', 'Brazil', 'Kazakhstan', 'Greenland', 'Tanzania', 'British Columbia', 'Sweden', 'Arizona'];
const FIRMS = ['Northwind Metals', 'Boreal Lithium', 'Granite Peak Resources', 'Silver Fern Mining', 'Aurora Cathode', 'Redstone Minerals', 'Tamarack Refining', 'Blue Heron Materials', 'Kestrel Rare Earths', 'Ironbark Holdings', 'Coldwater Tungsten', 'Meridian Graphite', 'Halcyon Nickel', 'Pinecrest Cobalt', 'Larchmont Magnets', 'Driftwood Vanadium'];
const SOURCES = ['Reuters', 'Bloomberg', 'Financial Times', 'Mining Weekly', 'The Northern Miner', 'Globe and Mail', 'Nikkei Asia', 'Fastmarkets', 'Argus Media', 'Benchmark Minerals'];
const VENUES = ['LME', 'CME', 'SHFE', 'China spot', 'Fastmarkets', 'Rotterdam'];
const CURRENCIES = ['USD', 'CNY', 'EUR', 'CAD'];
const VERBS = ['secures', 'expands', 'delays', 'restarts', 'finances', 'acquires', 'commissions', 'suspends', 'upgrades', 'permits', 'reviews', 'doubles'];
const NOUNS = ['offtake agreement', 'processing plant', 'feasibility study', 'drill program', 'refinery', 'stockpile', 'export licence', 'joint venture', 'magnet factory', 'supply contract', 'pilot line', 'royalty deal'];
const ADJECTIVES = ['long-delayed', 'strategic', 'modest', 'record', 'fragile', 'ambitious', 'tentative', 'heavy', 'integrated', 'allied', 'domestic', 'volatile'];
const WORDS = ['prices', 'buyers', 'smelters', 'investors', 'governments', 'analysts', 'traders', 'producers', 'refiners', 'permits', 'tariffs', 'inventories', 'margins', 'contracts', 'capacity', 'demand', 'supply', 'policy', 'quotas', 'shipments', 'the market', 'the sector', 'the week', 'the outlook', 'funding', 'output', 'grades', 'feedstock', 'the chain', 'battery makers'];
const LINKS = ['moved', 'held', 'slipped', 'climbed', 'waited', 'shifted', 'tightened', 'eased', 'rallied', 'stalled', 'improved', 'narrowed'];
const CONNECTORS = ['while', 'because', 'although', 'as', 'after', 'before', 'even though', 'since', 'and', 'but'];
const SHORT = ['the', 'a', 'of', 'to', 'in', 'on', 'for', 'with', 'at', 'by', 'more', 'less', 'new', 'old', 'its', 'their', 'some', 'most'];
const HEADINGS = ['Policy and trade', 'Markets', 'Processing and refining', 'Capital and deals', 'Member spotlight', 'Exploration', 'Supply chains', 'What to watch'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slugify(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function headline(random) {
  const firm = pick(random, FIRMS);
  return `${firm} ${pick(random, VERBS)} ${pick(random, ADJECTIVES)} ${pick(random, MINERALS)} ${pick(random, NOUNS)} in ${pick(random, PLACES)}`;
}

function entry(random, date, kind, n) {
  const title = headline(random);
  const host = kind === 'releases' ? 'newswire.example.com' : 'news.example.com';
  const lines = [`  - date: ${date}`, `    title: "${title}"`, `    url: https://${host}/${date.replaceAll('-', '/')}/${kind}/${slugify(title).slice(0, 24)}-${n}`];
  if (kind === 'releases') lines.push(`    company: ${pick(random, FIRMS)} Inc.`);
  else lines.push(`    source: ${pick(random, SOURCES)}`);
  return lines.join('\n');
}

function market(random) {
  const lines = [
    `  - name: ${capitalize(pick(random, MINERALS))}`,
    `    venue: ${pick(random, VENUES)}`,
    `    price: ${Math.round(1000 + random() * 120000)}`,
    `    currency: ${pick(random, CURRENCIES)}`,
    '    unit: t',
  ];
  if (random() < 0.7) lines.push(`    change_pct: ${(random() * 20 - 10).toFixed(1)}`);
  if (random() < 0.5) lines.push(`    note: "${pick(random, ADJECTIVES)} trading after ${pick(random, WORDS)} ${pick(random, LINKS)}"`);
  return lines.join('\n');
}

/** One sentence of 10 to 20 words; some words are emphasized, linked or bold. */
function sentence(random) {
  const words = [capitalize(pick(random, WORDS)), pick(random, LINKS)];
  while (words.length < 10 + Math.floor(random() * 11)) {
    const roll = random();
    if (roll < 0.2) words.push(pick(random, CONNECTORS));
    else if (roll < 0.26) words.push(`in ${pick(random, PLACES)}`);
    else if (roll < 0.32) words.push(`*${pick(random, ADJECTIVES)}*`);
    else if (roll < 0.34) words.push(`**${pick(random, FIRMS)}**`);
    else if (roll < 0.355) words.push(`[${pick(random, NOUNS)}](https://example.com/${Math.floor(random() * 1e4)})`);
    else if (roll < 0.45) words.push(pick(random, MINERALS));
    else if (roll < 0.55) words.push(pick(random, ADJECTIVES));
    else if (roll < 0.82) words.push(pick(random, SHORT));
    else words.push(pick(random, WORDS));
  }
  return `${words.join(' ')}.`;
}

function countWords(text) {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The editorial: paragraphs under `##` sections, one quote and one list, about `target` words. */
function editorial(random, target) {
  const blocks = [];
  let words = 0;
  const add = (block) => {
    blocks.push(block);
    words += countWords(block);
  };
  const headings = [...HEADINGS].sort(() => random() - 0.5).slice(0, 4);
  let section = 0;
  let quoted = false;
  let listed = false;
  while (words < target) {
    if (blocks.length > 0 && blocks.length % 4 === 0 && section < headings.length) add(`## ${headings[section++]}`);
    if (!quoted && words > target / 4) {
      quoted = true;
      add(`> “${sentence(random)} ${sentence(random)}”`);
      continue;
    }
    if (!listed && words > target / 2) {
      listed = true;
      add(Array.from({ length: 4 }, () => `- ${sentence(random)}`).join('\n'));
      continue;
    }
    const count = 3 + Math.floor(random() * 4);
    add(Array.from({ length: count }, () => sentence(random)).join(' '));
  }
  return blocks.join('\n\n');
}

/** The draft of issue `index`: its file name and text. */
export function draftText(index, seed = DEFAULT_SEED) {
  const random = createRandom(seed * 100_003 + index);
  const date = issueDate(index);
  const list = (kind) =>
    // Newest first, spread over the six days before the issue, as cmr check expects.
    Array.from({ length: SECTION_SIZES[kind] }, (_, n) => entry(random, issueDate(index, -1 - Math.floor((n * 6) / SECTION_SIZES[kind])), kind, n)).join('\n');
  const title = headline(random);
  const text = [
    '---',
    `title: "Issue ${index + 1}: ${title}"`,
    `date: ${date}`,
    `summary: "${sentence(random).replace(/[*[\]()"]/g, '').slice(0, 130).trim()}"`,
    'author: "Critical Minerals Institute Directors"',
    `tags: [${pick(random, MINERALS)}, ${pick(random, MINERALS)}, ${pick(random, PLACES)}]`,
    'markets:',
    ...Array.from({ length: 3 }, () => market(random)),
    ...Object.keys(SECTION_SIZES).flatMap((kind) => [`${kind}:`, list(kind)]),
    '---',
    '',
    editorial(random, EDITORIAL_WORDS),
    '',
  ].join('\n');
  return { name: `${date}.md`, text };
}

/** Writes a project of `count` drafts into `dir`: config and templates of this repository, drafts in digests/. */
export async function writeArchive(dir, count, seed = DEFAULT_SEED) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'digests'), { recursive: true });
  await cp(join(ROOT, 'cmr.config.yaml'), join(dir, 'cmr.config.yaml'));
  await cp(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  for (let index = 0; index < count; index++) {
    const { name, text } = draftText(index, seed);
    await writeFile(join(dir, 'digests', name), text);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count, flag, seed] = process.argv.slice(2);
  if (!dir || !count || !/^\d+$/.test(count) || (flag !== undefined && (flag !== '--seed' || !/^\d+$/.test(seed ?? '')))) {
    console.error('usage: node scripts/generate-archive.mjs <project-dir> <count> [--seed N]');
    process.exit(2);
  }
  await writeArchive(resolve(dir), Number(count), seed === undefined ? DEFAULT_SEED : Number(seed));
  console.log(`wrote ${count} drafts into ${join(dir, 'digests')}/`);
}
