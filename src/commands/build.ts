import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { openCache, type BuildCache } from '../build/cache.js';
import { openSite, type SiteWriter } from '../build/write.js';
import { scanDrafts, type ScannedIssue } from '../build/scan.js';
import { siteFiles } from '../build/archive.js';
import type { Pool } from '../build/pool.js';
import { loadTemplates, templatesDir } from '../render/templates.js';
import type { IssueSummary } from '../render/summary.js';
import type { Config } from '../schema/config.js';
import { formatPretty } from '../report/pretty.js';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';
import { progressBar, type Progress } from './progress.js';

export interface BuildOptions {
  root: string;
  out: string;
  /** Reuse and update the build cache in `.cache/cmr/` (the default). */
  cache?: boolean;
  /** No progress bar. */
  quiet?: boolean;
}

/** `cmr build`: renders every draft, or writes nothing at all if any draft is invalid. */
export async function runBuild(paths: string[], options: BuildOptions, io: Io): Promise<number> {
  const started = performance.now();
  const out = refuseUnsafeOut(options.root, options.out);
  const dir = templatesDir(options.root);
  const useCache = options.cache !== false;
  const scan = await scanDrafts(options.root, paths, {
    templatesDir: dir,
    cache: useCache ? (configBytes) => openCache(options.root, configBytes, dir) : undefined,
  });
  let issues: IssueSummary[];
  try {
    if (!scan.config || hasErrors(scan.diagnostics)) {
      io.err(formatPretty(scan.diagnostics, scan.files.length));
      io.err(`nothing written: fix the problems above, then build again`);
      return 1;
    }
    const progress = progressBar('rendering', scan.issues.length, process.stderr, options.quiet);
    try {
      issues = await writeSite(scan.issues, { out, config: scan.config, templatesDir: dir, pool: scan.pool, cache: scan.cache, progress });
    } finally {
      progress.done();
    }
    await scan.cache?.prune();
  } finally {
    await scan.pool.close();
  }
  const shown = relative(options.root, out) || '.';
  for (const issue of issues) io.out(`wrote ${shown}/${issue.slug}/  ${issue.title}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  io.out(`built ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'} and the archive into ${shown}/ in ${seconds} s`);
  return 0;
}

interface SiteJob {
  out: string;
  config: Config;
  templatesDir: string;
  pool: Pool;
  cache?: BuildCache;
  progress: Progress;
}

/**
 * Renders the issues oldest first, so each knows its neighbours, then the archive, into a new
 * output folder swapped in whole. Issues found in the cache are hard-linked, not rendered.
 */
async function writeSite(scanned: readonly ScannedIssue[], job: SiteJob): Promise<IssueSummary[]> {
  const ordered = [...scanned].sort((a, b) => a.summary.date.localeCompare(b.summary.date));
  const site = await openSite(job.out);
  try {
    await Promise.all(
      ordered.map(async (issue, i) => {
        await writeIssue(issue, ordered[i - 1]?.summary, ordered[i + 1]?.summary, site, job);
        job.progress.tick();
      }),
    );
    const newestFirst = ordered.map((issue) => issue.summary).reverse();
    const templates = await loadTemplates(job.templatesDir);
    for (const file of siteFiles(newestFirst, job.config, templates)) await site.write(file.path, file.content);
    await site.commit();
    return newestFirst;
  } catch (error) {
    await site.abort();
    throw error;
  }
}

async function writeIssue(issue: ScannedIssue, previous: IssueSummary | undefined, next: IssueSummary | undefined, site: SiteWriter, job: SiteJob) {
  const { slug } = issue.summary;
  const key = issue.key === undefined ? undefined : job.cache?.pageKey(issue.key, previous, next);
  let folder = key === undefined ? undefined : job.cache?.page(key);
  if (!folder) {
    const files = await job.pool.run({ kind: 'render', file: issue.file, previous, next });
    if (key === undefined || !job.cache) {
      await Promise.all(Object.entries(files).map(([name, content]) => site.write(`${slug}/${name}`, content)));
      return;
    }
    folder = await job.cache.savePage(key, files);
  }
  const cached = folder;
  await Promise.all((await readdir(cached)).map((name) => site.link(`${slug}/${name}`, join(cached, name))));
}

/** The output folder is replaced whole, so it must not be the project or its drafts. */
function refuseUnsafeOut(root: string, out: string): string {
  const target = resolve(root, out);
  const forbidden = [resolve('/'), resolve(root), resolve(root, 'digests'), resolve(root, 'templates'), resolve(root, 'src')];
  if (forbidden.includes(target) || resolve(root).startsWith(`${target}/`)) {
    throw new UsageError(`refusing to build into ${out}: it would replace the project's own files; choose a folder such as dist`);
  }
  return target;
}
