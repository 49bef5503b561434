import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { openCache, type BuildCache } from '../build/cache.js';
import { openSite, recoverSite, type SiteWriter } from '../build/write.js';
import { scanDrafts, type ScannedIssue } from '../build/scan.js';
import { siteFiles } from '../build/archive.js';
import { openPool, type Pool } from '../build/pool.js';
import { templatesDir } from '../render/templates-dir.js';
import { FEED_ENTRIES, type FeedEntry } from '../render/feeds.js';
import type { IssueSummary } from '../render/summary.js';
import type { Config } from '../schema/config.js';
import { formatPretty } from '../report/pretty.js';
import { UsageError } from '../errors.js';
import { note, type Io } from './io.js';

export interface BuildOptions {
  root: string;
  out: string;
  /** Reuse and update the build cache in `.cache/cmr/` (the default). */
  cache?: boolean;
}

/** `cmr build`: renders every draft, or writes nothing at all if any draft is invalid. */
export async function runBuild(paths: string[], options: BuildOptions, io: Io): Promise<number> {
  const started = performance.now();
  const out = refuseUnsafeOut(options.root, options.out);
  // A build killed while swapping may have left the previous output aside; even a
  // build that fails below puts it back.
  await recoverSite(out);
  const dir = templatesDir(options.root);
  const useCache = options.cache !== false;
  let siteKey: string | undefined;
  let lastIssues: IssueSummary[] | undefined;
  const scan = await scanDrafts(options.root, paths, {
    cache: useCache ? (configBytes) => openCache(options.root, configBytes, dir) : undefined,
    // Nothing changed since the last build into `out`, which is still as it left it: done.
    unchanged: async (cache, keys) => {
      siteKey = cache.siteKey(keys, out);
      lastIssues = await cache.lastSite(out, siteKey);
      return lastIssues !== undefined;
    },
  });
  if (!scan.config || hasErrors(scan.diagnostics)) {
    io.err(formatPretty(scan.diagnostics, scan.files.length));
    io.err(`nothing written: fix the problems above, then build again`);
    return 1;
  }
  const issues = scan.unchanged ? lastIssues! : await writeChanges(scan, { root: options.root, out, templatesDir: dir }, io);
  if (!scan.unchanged) await scan.cache?.saveSite(out, siteKey!, issues);
  const shown = relative(options.root, out) || '.';
  for (const issue of issues) note(io, `wrote ${shown}/${issue.slug}/  ${issue.title}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  note(io, `built ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'} and the archive into ${shown}/ in ${seconds} s`);
  return 0;
}

/** Renders what changed into a new output folder, swapped in whole, and prunes the cache. */
async function writeChanges(
  scan: Awaited<ReturnType<typeof scanDrafts>>,
  where: { root: string; out: string; templatesDir: string },
  io: Io,
): Promise<IssueSummary[]> {
  const total = scan.issues.length;
  let done = 0;
  const progress = (slug: string) => io.progress?.(++done, total, slug);
  const issues = await writeSite(scan.issues, { ...where, config: scan.config!, cache: scan.cache, progress });
  io.progress?.(total, total, '');
  await scan.cache?.prune();
  return issues;
}

interface SiteJob {
  root: string;
  out: string;
  config: Config;
  templatesDir: string;
  cache?: BuildCache;
  /** Called as each issue is written. */
  progress: (slug: string) => void;
}

/** An issue in publication order, with its neighbours and, when cached, its files' folder. */
interface Placed {
  issue: ScannedIssue;
  previous?: IssueSummary;
  next?: IssueSummary;
  key?: string;
  folder?: string;
}

/**
 * Renders the issues oldest first, so each knows its neighbours, then the archive, into a new
 * output folder swapped in whole. Issues found in the cache are hard-linked, not rendered;
 * threads start only when enough issues are left to render.
 */
async function writeSite(scanned: readonly ScannedIssue[], job: SiteJob): Promise<IssueSummary[]> {
  const ordered = [...scanned].sort((a, b) => a.summary.date.localeCompare(b.summary.date));
  const placed = ordered.map((issue, i): Placed => {
    const [previous, next] = [ordered[i - 1]?.summary, ordered[i + 1]?.summary];
    const key = issue.key === undefined ? undefined : job.cache?.pageKey(issue.key, previous, next);
    return { issue, previous, next, key, folder: key === undefined ? undefined : job.cache?.page(key) };
  });
  const pool = openPool({ root: job.root, templatesDir: job.templatesDir }, placed.filter((p) => !p.folder).length);
  const site = await openSite(job.out);
  // Only the newest issues' entries are read back from the cache: the feeds carry no more.
  const inFeeds = new Set(placed.slice(-FEED_ENTRIES));
  try {
    const entries = await Promise.all(
      placed.map(async (issue) => {
        const entry = await writeIssue(issue, site, pool, job.cache, inFeeds.has(issue));
        job.progress(issue.issue.summary.slug);
        return entry;
      }),
    );
    const newestFirst = ordered.map((issue) => issue.summary).reverse();
    const { loadTemplates } = await import('../render/templates.js');
    const templates = await loadTemplates(job.templatesDir);
    const feedEntries = entries.filter((entry) => entry !== undefined);
    for (const file of siteFiles(newestFirst, feedEntries, job.config, templates)) await site.write(file.path, file.content);
    await site.commit();
    return newestFirst;
  } catch (error) {
    await site.abort();
    throw error;
  } finally {
    await pool.close();
  }
}

/** Writes one issue's files, rendered or linked from the cache, and returns its feed entry when `inFeeds`. */
async function writeIssue(
  { issue, previous, next, key, folder }: Placed,
  site: SiteWriter,
  pool: Pool,
  cache: BuildCache | undefined,
  inFeeds: boolean,
): Promise<FeedEntry | undefined> {
  const { slug } = issue.summary;
  if (!folder) {
    const { files, entry } = await pool.run({ kind: 'render', file: issue.file, previous, next });
    if (key === undefined || !cache) {
      await Promise.all(Object.entries(files).map(([name, content]) => site.write(`${slug}/${name}`, content!)));
      return entry;
    }
    folder = await cache.savePage(key, files, entry);
  }
  const cached = folder;
  const names = await readdir(cached);
  await Promise.all(names.map((name) => site.link(`${slug}/${name}`, join(cached, name))));
  return inFeeds ? cache!.entry(cached) : undefined;
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
