import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { byPosition, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { openCache, pageKeyOf, summariesByKey, type BuildCache, type Patched, type SiteRecord } from '../build/cache.js';
import { fromWire, toWire, type Checked } from '../build/checked.js';
import { expectedDate, planPages, type KnownDraft, type PageLookup, type PagesPlan } from '../build/plan.js';
import { openSite, recoverSite, type SiteWriter } from '../build/write.js';
import { repeatedDates, scanDrafts, type Scan } from '../build/scan.js';
import { siteFiles } from '../build/archive.js';
import { MIN_TASKS_FOR_THREADS, openPool, type Pool } from '../build/pool.js';
import { transferablesOf, type PageFiles, type PageRecord } from '../build/pages.js';
import { templatesDir } from '../render/templates-dir.js';
import { FEED_ENTRIES } from '../render/feeds.js';
import type { IssueSummary } from '../render/summary.js';
import type { Templates } from '../render/templates.js';
import { renderWebPage, type WebView } from '../render/web-page.js';
import type { Config } from '../schema/config.js';
import { formatPretty } from '../report/pretty.js';
import { byCodeUnits } from '../compare.js';
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
  let last: SiteRecord | undefined;
  const scan = await scanDrafts(options.root, paths, {
    cache: useCache ? (configBytes) => openCache(options.root, configBytes, dir) : undefined,
    // Nothing changed since the last build into `out`, which is still as it left it: done.
    lastBuild: async (cache, keys) => {
      siteKey = cache.siteKey(keys, out);
      last = await cache.lastSite(out);
      if (!last) return undefined;
      return last.key === siteKey ? { unchanged: true } : { unchanged: false, valid: summariesByKey(last) };
    },
  });
  const built: Built = scan.unchanged ? last! : await buildSite(scan, { root: options.root, out, templatesDir: dir, last }, io);
  if (!built.issues) {
    io.err(formatPretty(built.diagnostics, scan.files.length));
    io.err(`nothing written: fix the problems above, then build again`);
    return 1;
  }
  if (!scan.unchanged) await scan.cache?.saveSite(out, { key: siteKey!, issues: built.issues, pages: built.pages!, drafts: validByKey(scan.drafts) }, patchOf(last, built.changed));
  const shown = relative(options.root, out) || '.';
  for (const issue of built.issues) note(io, `wrote ${shown}/${issue.slug}/  ${issue.title}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  note(io, `built ${built.issues.length} ${built.issues.length === 1 ? 'issue' : 'issues'} and the archive into ${shown}/ in ${seconds} s`);
  return 0;
}

interface Where {
  root: string;
  out: string;
  templatesDir: string;
  /** The last build into `out`, when the output is still as it left it: only what changed since is written. */
  last?: SiteRecord;
}

/**
 * The issues written, newest first, and the page key of each by slug; or, when a draft or
 * the config is invalid, every problem found.
 */
type Built = { issues: IssueSummary[]; pages?: Record<string, string>; changed?: readonly string[] | 'all'; diagnostics?: undefined } | { issues?: undefined; diagnostics: Diagnostic[] };

/**
 * Validates every draft and writes the site in one pass over the drafts, on every core: each
 * draft is read once, and an issue is rendered as soon as its neighbours' summaries are known.
 * The output is staged beside `out`, whole or as a patch of what changed since the last build,
 * and put in place only if every draft is valid.
 */
async function buildSite(scan: Scan, where: Where, io: Io): Promise<Built> {
  const { config, cache } = scan;
  const drafts = scan.drafts;
  const pool = openPool({ root: where.root, templatesDir: where.templatesDir, cacheDir: cache?.dir, config }, drafts.filter((d) => !d.checked).length);
  const site = await openSite(where.out, { patch: where.last !== undefined });
  try {
    const knownInvalid = () => !config || hasErrors(problemsOf(drafts));
    // A draft whose place cannot be told from its name is validated before any is written.
    await checkDrafts(drafts.filter((d) => !d.checked && (!config || expectedDate(d) === undefined)), pool, config, cache);
    // Once a draft is known to be invalid nothing will be written: the rest are only validated, so every problem shows.
    // A few new or changed drafts (too few to start threads for) are validated first too: once their summaries are
    // known, the pages of their unchanged neighbours are found in the cache or remade from it, not rendered.
    const unknown = drafts.filter((d) => !d.checked);
    if (knownInvalid() || unknown.length < MIN_TASKS_FOR_THREADS) await checkDrafts(unknown, pool, config, cache);
    const invalid = knownInvalid();
    const plan = planPages(invalid ? [] : drafts, pageLookup(cache, where.last), {
      feedEntries: FEED_ENTRIES,
      runLength: runLength(drafts.length),
    });
    const total = invalid ? 0 : drafts.length;
    let done = 0;
    const progress = (slug: string) => io.progress?.(++done, total, slug);
    const pages: Record<string, string> = {};
    const job: IssuesJob = { site, pool, cache, progress, drafts, pages, inOutput: where.last?.pages ?? {} };
    const inFeeds = await writeIssues(plan, job);
    const issues = drafts.flatMap(({ file, checked }) => (checked?.summary ? [{ file, summary: checked.summary }] : []));
    const diagnostics = [...scan.diagnostics, ...problemsOf(drafts), ...(await repeatedDates(issues, config?.limits))].sort(byPosition);
    if (invalid || hasErrors(diagnostics)) {
      await site.abort();
      return { diagnostics };
    }
    const newestFirst = issues.map((issue) => issue.summary).sort((a, b) => byCodeUnits(b.date, a.date));
    const [{ loadTemplates }, { templateStores }] = await Promise.all([import('../render/templates.js'), import('../build/template-stores.js')]);
    // The web page and the feed entry share their partials with the archive and the feeds: asking for them too costs nothing.
    const templates = await loadTemplates(where.templatesDir, ['archive', 'feed', 'web', 'entry'], templateStores(cache ? where.root : undefined, where.templatesDir));
    inFeeds.push(...remakeIssues(plan, templates, job));
    io.progress?.(total, total, '');
    for (const file of siteFiles(newestFirst, inFeeds, config!, templates)) await site.write(file.path, file.content);
    const changed = await site.commit(Object.keys(where.last?.pages ?? {}).filter((slug) => pages[slug] === undefined));
    await cache?.prune();
    return { issues: newestFirst, pages, changed };
  } catch (error) {
    await site.abort();
    throw error;
  } finally {
    await pool.close();
  }
}

/** What a build that patched the last one's output changed, for the stamp of the output. */
function patchOf(previous: SiteRecord | undefined, changed?: readonly string[] | 'all'): Patched | undefined {
  return previous && Array.isArray(changed) ? { previous, changed } : undefined;
}

/** The slug of each valid draft, by its cache key. */
function validByKey(drafts: readonly KnownDraft[]): Record<string, string> {
  return Object.fromEntries(drafts.flatMap(({ key, checked }) => (key !== undefined && checked?.summary ? [[key, checked.summary.slug]] : [])));
}

/** Issues per run: short enough to share the work between threads and show progress, long enough that few drafts are read twice at run edges. */
function runLength(drafts: number): number {
  return Math.max(4, Math.min(16, Math.ceil(drafts / (availableParallelism() * 4))));
}

/** The problems of every draft known so far. */
function problemsOf(drafts: readonly KnownDraft[]): Diagnostic[] {
  return drafts.flatMap((d) => d.checked?.diagnostics.map(fromWire) ?? []);
}

/** Validates drafts without rendering them, and records their verdicts. */
async function checkDrafts(drafts: readonly KnownDraft[], pool: Pool, config: Config | undefined, cache?: BuildCache): Promise<void> {
  await Promise.all(
    drafts.map(async (draft) => {
      draft.checked = config ? await pool.run({ kind: 'check', file: draft.file }) : await checkWithoutConfig(draft.file);
      if (draft.key !== undefined) await cache?.saveChecked(draft.key, draft.checked);
    }),
  );
}

/** Without a valid config, drafts are still validated, so every problem shows at once. */
async function checkWithoutConfig(file: string): Promise<Checked> {
  const { readDraft } = await import('../draft/read.js');
  const result = await readDraft(file);
  return { file, diagnostics: result.diagnostics.map(toWire) };
}

/** Pages in the cache, by draft and neighbours; and the page each draft had in the last build into the output. */
function pageLookup(cache: BuildCache | undefined, last: SiteRecord | undefined): PageLookup {
  return {
    page(key, previous, next) {
      const pageKey = pageKeyOf(key, previous, next);
      return { pageKey, folder: cache?.page(pageKey) };
    },
    earlier(key) {
      const slug = last?.drafts[key];
      const pageKey = slug === undefined ? undefined : last!.pages[slug];
      return pageKey === undefined ? undefined : cache?.peek(pageKey);
    },
  };
}

interface IssuesJob {
  site: SiteWriter;
  pool: Pool;
  cache?: BuildCache;
  drafts: KnownDraft[];
  /** Filled with the page key of each issue written, by slug. */
  pages: Record<string, string>;
  /** The page key of each issue already in the output, by slug: those are left where they are. */
  inOutput: Readonly<Record<string, string>>;
  /** Called as each issue is written. */
  progress: (slug: string) => void;
}

const RUNS_IN_FLIGHT_PER_THREAD = 2;

/**
 * Has the threads validate and render the issues of each run while this thread links the
 * cached ones into the output; then writes what the threads rendered, recording each draft's
 * verdict. Only this thread writes. Returns the views of the issues the feeds carry.
 */
async function writeIssues(plan: PagesPlan, job: IssuesJob): Promise<WebView[]> {
  const { pool, cache, drafts, progress } = job;
  const byFile = new Map(drafts.map((draft) => [draft.file, draft]));
  const inFeeds: (WebView | undefined)[] = [];
  for (const page of plan.cached) {
    inFeeds.push(await placeIssue(page.slug, page.pageKey, { folder: page.folder }, plan.inFeeds.has(page.file), job));
    progress(page.slug);
  }
  // A few runs in flight per thread keep every thread busy; more would only hold rendered
  // issues in memory while this thread writes.
  const waiting = [...plan.runs];
  const writeRuns = async () => {
    for (let run = waiting.shift(); run; run = waiting.shift()) {
      const results = await pool.run({ kind: 'pages', ...run });
      for (const { pageKey, rendered, ...checked } of results) {
        const draft = byFile.get(checked.file)!;
        draft.checked = checked;
        if (draft.key !== undefined) await cache?.saveChecked(draft.key, checked);
        if (!checked.summary) continue;
        cache?.use({ page: pageKey });
        const page = rendered ? { rendered } : { folder: cache!.page(pageKey!)! };
        inFeeds.push(await placeIssue(checked.summary.slug, pageKey, page, plan.inFeeds.has(checked.file), job));
        progress(checked.summary.slug);
      }
      // Written: their bytes are freed sooner in the threads than in this one.
      pool.giveBack(transferablesOf(results));
    }
  };
  await Promise.all(Array.from({ length: RUNS_IN_FLIGHT_PER_THREAD * availableParallelism() }, writeRuns));
  return inFeeds.filter((view) => view !== undefined);
}

/**
 * Puts one issue's files into the output: rendered ones are stored in the cache and linked,
 * cached ones linked, and those already in the output as this page are left there. Returns
 * the issue's view when the feeds carry it.
 */
async function placeIssue(
  slug: string,
  pageKey: string | undefined,
  page: { rendered: PageFiles } | { folder: string },
  inFeeds: boolean,
  { site, cache, pages, inOutput }: IssuesJob,
): Promise<WebView | undefined> {
  if (pageKey !== undefined) pages[slug] = pageKey;
  if ('rendered' in page) {
    const { files, record } = page.rendered;
    if (pageKey === undefined || !cache) site.writeFolder(slug, files);
    else site.linkFolder(slug, cache.savePage(pageKey, files, record));
    return inFeeds ? (JSON.parse(Buffer.from(record).toString('utf8')) as PageRecord).view : undefined;
  }
  if (inOutput[slug] !== pageKey) site.linkFolder(slug, page.folder);
  return inFeeds ? cache!.record(page.folder).view : undefined;
}

/**
 * Makes again the web page of each issue whose neighbours alone changed, from the view kept with
 * its earlier page, whose other files it keeps; then links it into the output. Returns the views
 * of those the feeds carry.
 */
function remakeIssues(plan: PagesPlan, templates: Pick<Templates, 'web'>, { site, cache, pages, progress }: IssuesJob): WebView[] {
  return plan.remade.flatMap(({ file, slug, pageKey, from, previous, next }) => {
    const { view } = cache!.record(from);
    pages[slug] = pageKey;
    site.linkFolder(slug, cache!.derivePage(pageKey, from, { 'index.html': renderWebPage(templates, view, { previous, next }) }));
    progress(slug);
    return plan.inFeeds.has(file) ? [view] : [];
  });
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
