import { readDraft } from '/work/main/lib/draft/read.js';
import { loadConfig } from '/work/main/lib/config/load.js';
import { loadTemplates } from '/work/main/lib/render/templates.js';
import { renderIssue } from '/work/main/lib/render/issue.js';
import { parseMarkdown, markdownToHtml } from '/work/main/lib/render/markdown.js';
import { readdirSync } from 'node:fs';
const { config } = await loadConfig('/tmp/gen');
const templates = await loadTemplates('/work/main/templates');
const files = readdirSync('/tmp/gen/digests').slice(0, 40).map(f => '/tmp/gen/digests/' + f);
const t0 = performance.now();
const valids = [];
for (const f of files) valids.push((await readDraft(f, config.limits)).valid);
const t1 = performance.now();
let parse = 0, html = 0, all = 0;
for (const v of valids) { const a = performance.now(); const tree = parseMarkdown(v.draft.body, config.site_url); const b = performance.now(); markdownToHtml(tree); const c = performance.now(); parse += b - a; html += c - b; }
const t2 = performance.now();
for (const v of valids) renderIssue({ valid: v, config, templates });
const t3 = performance.now();
console.log('read/validate per draft', ((t1 - t0) / files.length).toFixed(1), 'ms; md parse', (parse / files.length).toFixed(1), 'toHtml', (html / files.length).toFixed(1), '; full render', ((t3 - t2) / files.length).toFixed(1), 'ms');
