import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ConfigRecord, ConfigStore } from '../config/cached.js';
import type { PageRecord } from './pages.js';
import type { IssueSummary } from '../render/summary.js';
import type { Checked } from './checked.js';
import { addCodeAndTemplates } from './fingerprint.js';
import { readJson, writeJson, writeWhole } from './json-files.js';
import { contentOf, seeDraft, vouches, type Stamp } from '../draft/state.js';

/** Where the build cache lives, under the project root; git-ignored. */
export const CACHE_DIR = join('.cache', 'cmr');
/** Bumped when what the cache stores changes shape, so old entries are never misread. */
const FORMAT = 'v7';
/** Verdicts, one file per draft key. */
const CHECKED = 'checked';
/** Pages: a page's files (linked into the output) in a folder and, beside it, its record (see `PageRecord`). */
const PAGES = 'pages';

/**
 * The stored results of a build, by key: validation verdicts per draft key, rendered files
 * per page key. A worker thread opens the same store by its folder to read and add pages.
 */
export interface CacheStore {
  /** The folder of the store, for a worker thread to open it too. */
  dir: string;
  checked(key: string): Promise<Checked | undefined>;
  saveChecked(key: string, checked: Checked): Promise<void>;
  /** The folder of an issue's cached files, if they are cached. */
  page(key: string): string | undefined;
  /**
   * Stores an issue's files and its page record (as JSON), and returns the files' folder; the
   * files are made read-only. Synchronous, like the writing of an issue's output folder (see FolderWriter).
   */
  savePage(key: string, files: Readonly<Record<string, Uint8Array>>, record: Uint8Array): string;
  /**
   * Stores under `key` the page of `folder` with some of its files replaced by `files`, and returns
   * its folder: the other files and the record are the same files, hard-linked.
   */
  derivePage(key: string, folder: string, files: Readonly<Record<string, string>>): string;
  /** The record stored with the files of `folder`; read synchronously, as the few a build needs are. */
  record(folder: string): PageRecord;
}

/**
 * A content-addressed build cache. A draft's key hashes its path and bytes with the bytes of
 * the config, of every template and cmr's own code, so any change to any of them is a miss.
 * Validation results are kept per draft key; rendered files per draft key and neighbours.
 */
export interface BuildCache extends CacheStore, ConfigStore {
  /**
   * The key of each draft: its path and the hash of its bytes. A draft whose stat is as the last
   * build recorded it, long enough before `startedMs` (see `seeDraft`), is not read again.
   */
  draftKeys(files: readonly string[], startedMs?: number): string[];
  /** The folder of a cached page, as `page`, without keeping it for this build: what a new page is made from. */
  peek(key: string): string | undefined;
  /** Records keys that this build used, also through another thread, so that prune keeps them. */
  use(keys: { checked?: string; page?: string }): void;
  /** Forgets every entry this build did not use, so the cache stays the size of one site. */
  prune(): Promise<void>;
  /** The key of a whole build: every draft's key, in order, and where the output goes. */
  siteKey(draftKeys: readonly string[], out: string): string;
  /** The last build into `out`, if the output folder is still as that build left it. */
  lastSite(out: string): Promise<SiteRecord | undefined>;
  /** Records a finished build into `out`: its key, the issues it wrote newest first and their pages. */
  saveSite(out: string, record: Omit<SiteRecord, 'stamp'>, patched?: Patched): Promise<void>;
}

/** A build that patched the output of the last one. */
export interface Patched {
  /** The last build's record, as `lastSite` found it still true of the output. */
  previous: SiteRecord;
  /** The names at the top of the output that the patch added, replaced or removed. */
  changed: readonly string[];
}

/** The key of an issue's rendered files: its draft and the summaries of its neighbours. */
export function pageKeyOf(draftKey: string, ...neighbours: (IssueSummary | undefined)[]): string {
  return createHash('sha256').update(draftKey).update(`[${neighbours.map(jsonOf).join(',')}]`).digest('hex');
}

/**
 * A neighbour's summary as JSON (`null` for none), made once per summary: planning a build keys
 * each issue by both its neighbours, so each summary would be written out twice.
 */
function jsonOf(summary: IssueSummary | undefined): string {
  if (summary === undefined) return 'null';
  let json = summaryJson.get(summary);
  if (json === undefined) summaryJson.set(summary, (json = JSON.stringify(summary)));
  return json;
}

const summaryJson = new WeakMap<IssueSummary, string>();

/** A draft as a build last saw it: its stat (see `seeDraft`) and the hash of its bytes. */
interface Recorded {
  stamp: Stamp;
  content: string;
}

/** What is kept of the last build into an output folder. */
export interface SiteRecord {
  key: string;
  /** The modification times of the output folder and its folders after that build (see `folderStamp`). */
  stamp: Record<string, number>;
  issues: IssueSummary[];
  /** The page key of each issue's folder in the output, by slug. */
  pages: Record<string, string>;
  /** The slug of each draft built, by draft key: all of them valid (their summaries are in `issues`). */
  drafts: Record<string, string>;
}

/** The summary of each draft a build built, by draft key. */
export function summariesByKey({ issues, drafts }: SiteRecord): Map<string, IssueSummary> {
  const bySlug = new Map(issues.map((issue) => [issue.slug, issue]));
  return new Map(Object.entries(drafts).map(([key, slug]) => [key, bySlug.get(slug)!]));
}

export async function openCache(root: string, configBytes: Uint8Array, templatesDir: string): Promise<BuildCache> {
  const dir = join(root, CACHE_DIR, FORMAT);
  const store = cacheStore(dir);
  for (const folder of [CHECKED, PAGES]) mkdirSync(join(dir, folder), { recursive: true });
  const baseKey = addCodeAndTemplates(createHash('sha256').update(configBytes), templatesDir).digest('hex');
  const used = { checked: new Set<string>(), pages: new Set<string>() };
  let pagesListed: Set<string> | undefined;
  // The stamp and content hash of each draft whose stamp can vouch for its bytes.
  const seenFile = join(dir, 'drafts.json');
  // The config this cache was opened with, as the last build validated it: kept with the key of its bytes.
  const configFile = join(dir, 'config.json');
  const peek = (key: string) => {
    // A build asks for every issue's page: one listing of the pages costs less than a
    // thousand lookups. Pages this build saves are added to it.
    pagesListed ??= new Set(readdirSync(join(dir, PAGES)));
    return pagesListed.has(`${key}.json`) ? join(dir, PAGES, key) : undefined;
  };
  const siteFile = (out: string) => join(dir, `site-${createHash('sha256').update(out).digest('hex').slice(0, 16)}.json`);

  return {
    ...store,
    draftKeys(files, startedMs = Date.now()) {
      const startedNs = BigInt(startedMs) * 1_000_000n;
      const known = readJson<Record<string, Recorded>>(seenFile) ?? {};
      const seen: Record<string, Recorded> = {};
      const keys = files.map((file) => {
        const now = seeDraft(file, Number.MAX_SAFE_INTEGER, startedNs);
        const content = vouches(now, known[file]) ? known[file]!.content : contentOf(readFileSync(file));
        if (now?.stamp !== undefined) seen[file] = { stamp: now.stamp, content };
        return createHash('sha256').update(baseKey).update('\0').update(file).update('\0').update(content).digest('hex');
      });
      if (JSON.stringify(seen) !== JSON.stringify(known)) writeJson(seenFile, seen);
      return keys;
    },
    config() {
      const stored = readJson<{ key: string; record: ConfigRecord }>(configFile);
      return stored?.key === baseKey ? stored.record : undefined;
    },
    saveConfig(record) {
      writeJson(configFile, { key: baseKey, record });
    },
    use({ checked, page }) {
      if (checked !== undefined) used.checked.add(checked);
      if (page !== undefined) used.pages.add(page);
    },
    async checked(key) {
      used.checked.add(key);
      return store.checked(key);
    },
    async saveChecked(key, checked) {
      used.checked.add(key);
      await store.saveChecked(key, checked);
    },
    page(key) {
      used.pages.add(key);
      return peek(key);
    },
    peek,
    savePage(key, files, record) {
      used.pages.add(key);
      pagesListed?.add(`${key}.json`);
      return store.savePage(key, files, record);
    },
    derivePage(key, folder, files) {
      used.pages.add(key);
      pagesListed?.add(`${key}.json`);
      return store.derivePage(key, folder, files);
    },
    siteKey: (draftKeys, out) => {
      const hash = createHash('sha256').update(baseKey).update('\0').update(out);
      for (const key of draftKeys) hash.update('\0').update(key);
      return hash.digest('hex');
    },
    async lastSite(out) {
      const record = readJson<SiteRecord>(siteFile(out));
      return record && stillAsStamped(out, record.stamp) ? record : undefined;
    },
    async saveSite(out, record, patched) {
      writeJson(siteFile(out), { ...record, stamp: folderStamp(out, patched) });
    },
    async prune() {
      // Entries are `<key>.json` files and, for pages, `<key>` folders beside them. Synchronous,
      // like the output's writing: a rebuild drops only a few.
      const stale = (folder: string, keep: Set<string>) => {
        for (const name of readdirSync(folder)) if (!keep.has(name.endsWith('.json') ? name.slice(0, -5) : name)) rmSync(join(folder, name), { recursive: true, force: true });
      };
      stale(join(dir, CHECKED), used.checked);
      stale(join(dir, PAGES), used.pages);
    },
  };
}

/** The checked verdicts and rendered pages kept under `dir`, without any bookkeeping of use. */
export function cacheStore(dir: string): CacheStore {
  const checkedDir = join(dir, CHECKED);
  const pagesDir = join(dir, PAGES);
  /**
   * An empty folder for the page `key`. A page's files are written in place, not aside and
   * renamed: that costs five times as much, and a page is only ever read once its record, written
   * last and whole, is there. A folder left by a build that died half way through writing it is
   * replaced.
   */
  const freshPage = (key: string) => {
    const page = join(pagesDir, key);
    if (existsSync(page)) rmSync(page, { recursive: true, force: true });
    mkdirSync(page);
    return page;
  };
  return {
    dir,
    async checked(key) {
      // Small files read synchronously: much faster than through the thread pool, a thousand at a time.
      return readJson<Checked>(join(checkedDir, `${key}.json`));
    },
    async saveChecked(key, checked) {
      writeFileSync(join(checkedDir, `${key}.json`), JSON.stringify(checked));
    },
    page(key) {
      // The record is written last: without it, the page's folder may be incomplete.
      return existsSync(join(pagesDir, `${key}.json`)) ? join(pagesDir, key) : undefined;
    },
    savePage(key, files, record) {
      const page = freshPage(key);
      // Read-only, because the output folder shares these files through hard links.
      for (const [name, content] of Object.entries(files)) writeFileSync(join(page, name), content!, { mode: 0o444 });
      // Whole or not at all: its presence says the page is complete, and a build may read it.
      writeWhole(`${page}.json`, record);
      return page;
    },
    derivePage(key, folder, files) {
      const page = freshPage(key);
      for (const name of readdirSync(folder)) if (!(name in files)) linkSync(join(folder, name), join(page, name));
      for (const [name, content] of Object.entries(files)) writeFileSync(join(page, name), content, { mode: 0o444 });
      linkSync(`${folder}.json`, `${page}.json`);
      return page;
    },
    record(folder) {
      // A few small files, each read faster directly than by a round trip through libuv's threads.
      return JSON.parse(readFileSync(`${folder}.json`, 'utf8')) as PageRecord;
    },
  };
}

/**
 * The modification times of `out` and of each folder in it, by path under `out`: a file added,
 * removed or renamed anywhere in the output changes one of them. Empty when `out` is gone.
 * A folder whose time is still that of the last stamp holds the folders it held then, so only
 * the folders that changed are listed. After a patch, the folders at the top of `out` that it
 * left alone keep their times from the last stamp without a look: the build checked them all
 * against that stamp when it started (`stillAsStamped`). Read synchronously: a thousand stat
 * calls take a few milliseconds this way, many more through the thread pool.
 */
function folderStamp(out: string, patched?: Patched): Record<string, number> {
  const previous = patched?.previous.stamp ?? {};
  const changed = new Set(patched?.changed);
  const known = new Map<string, string[]>();
  for (const folder of Object.keys(previous)) {
    if (folder === '') continue;
    const parent = known.get(dirname(folder));
    if (parent) parent.push(folder);
    else known.set(dirname(folder), [folder]);
  }
  const stamp: Record<string, number> = {};
  const keep = (folder: string) => {
    stamp[folder] = previous[folder]!;
    for (const child of known.get(folder) ?? []) keep(child);
  };
  const visit = (folder: string) => {
    const stats = statSync(join(out, folder), { throwIfNoEntry: false });
    if (!stats?.isDirectory()) return;
    stamp[folder] = stats.mtimeMs;
    const inside = previous[folder] === stats.mtimeMs ? (known.get(folder === '' ? '.' : folder) ?? []) : foldersIn(out, folder);
    for (const child of inside) {
      if (patched && folder === '' && !changed.has(child) && previous[child] !== undefined) keep(child);
      else visit(child);
    }
  };
  visit('');
  return stamp;
}

/** The folders directly in `folder` of `out`, by path under `out`. */
function foldersIn(out: string, folder: string): string[] {
  return readdirSync(join(out, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(folder, entry.name));
}

/**
 * Whether `out` is as `folderStamp` found it: each of its folders then is still there with the
 * same time. Any folder added since changed the time of the one it was added to, so only the
 * folders of the stamp are looked at, without listing any.
 */
function stillAsStamped(out: string, stamp: Readonly<Record<string, number>>): boolean {
  const folders = Object.entries(stamp);
  return folders.length > 0 && folders.every(([folder, time]) => statSync(join(out, folder), { throwIfNoEntry: false })?.mtimeMs === time);
}
