import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Position } from 'unist';
import { byCodeUnits } from '../compare.js';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { DraftProblems } from '../rules/run.js';
import { placesOf, RunIndex, runKeys, type IssueEntries } from '../rules/runs.js';
import type { FolderRule } from '../rules/types.js';
import { duplicateDatesOf } from '../validate/issue-dates.js';
import type { CheckCache } from './cache.js';
import type { DraftRecord, Want } from './lint.js';

export interface GatherOptions {
  root: string;
  strict: boolean;
  cache?: CheckCache;
  /** The drafts' size limit: a larger file is never read, not even to key it. */
  maxBytes: number;
}

/**
 * What is wanted of each of `files`: from the cache when the draft, the config, the templates
 * and cmr are as they were and the record holds it, else read on the worker pool (threads
 * start only when enough drafts are left to check), and kept in the cache.
 */
export async function gatherRecords(files: readonly string[], want: Want, options: GatherOptions): Promise<Map<string, DraftRecord>> {
  const { root, strict, cache, maxBytes } = options;
  const holds = (record: DraftRecord) => {
    if (want === 'verdict') return record.verdict?.strict === strict;
    return want === 'entries' || !record.issue || record.issue.places !== undefined;
  };
  const records = new Map<string, DraftRecord>();
  const misses: string[] = [];
  for (const file of files) {
    const record = cache?.lookup(file, maxBytes);
    if (record && holds(record)) records.set(file, record);
    else misses.push(file);
  }
  if (misses.length === 0) return records;
  const { openPool } = await import('../build/pool.js');
  // Entries cost a draft's reading only, little more than handing it to a thread and back, and
  // each thread would first load the parsers: on two cores that was no faster, for a third more
  // CPU time, so only drafts being checked go to the threads.
  const pool = openPool({ root }, misses.length, want === 'verdict' ? undefined : 1);
  try {
    await Promise.all(
      misses.map(async (file) => {
        const { record, content } = await pool.run({ kind: 'lint', file, strict, want });
        records.set(file, record);
        // Keyed by the bytes the thread read, in case the draft changed since it was looked up.
        if (content !== undefined) cache?.put(file, content, record);
      }),
    );
  } finally {
    await pool.close();
  }
  return records;
}

/** A draft being checked: its own problems and, when it is a valid issue, its entries. */
export interface CheckedDraft {
  file: string;
  problems: DraftProblems;
  issue?: IssueEntries;
}

/** What the issues being checked are compared with the other issues of their folder for. */
export interface Comparison {
  /** Their URLs and titles: the folder rules are on. */
  runs: boolean;
  /** Their dates. */
  dates: boolean;
}

/** The checked drafts, with the issues that problems name placed, and what they were compared with. */
export interface Compared {
  checked: CheckedDraft[];
  /** What the issues of a folder ran, when runs are compared. */
  indexOf(folder: string): RunIndex;
  /**
   * For a checked issue whose date a draft of its folder that is not being checked has too, when
   * dates are compared: that draft (the first by name, if several).
   */
  sharingDate(file: string): string | undefined;
}

/**
 * Compares each checked issue with the other valid issues of its folder: the checked drafts are
 * known already; of the other drafts of each folder, those that may share a date with them or
 * have run one of their URLs or titles (see `mayMatter`) come from the cache, or are read,
 * entries only. Indexes what the issues of each folder ran, when runs are compared. Then places
 * the issues that a problem will name: those that share a date, those that repeat an entry of an
 * issue before them, and those issues. Places are read only there, since they cost about as
 * much as reading the draft.
 */
export async function compareIssues(checked: readonly CheckedDraft[], compare: Comparison, options: GatherOptions): Promise<Compared> {
  const checkedIssues = checked.flatMap((draft) => draft.issue ?? []);
  const inFolders = new Map<string, string[]>();
  if (compare.runs || compare.dates) {
    for (const folder of new Set(checkedIssues.map((issue) => dirname(issue.file)))) inFolders.set(folder, await folderDrafts(folder));
  }
  const issues = new Map(checked.map((draft) => [draft.file, draft.issue]));
  const others = [...inFolders.values()].flat().filter((file) => !issues.has(file));
  const compared = mayMatter(others, checkedIssues, compare, options);
  for (const [file, { issue }] of await gatherRecords(compared, 'entries', options)) issues.set(file, issue);
  const otherIssues = others.flatMap((file) => issues.get(file) ?? []);
  const sharing = compare.dates ? sharingWith(checkedIssues, otherIssues) : new Map<string, string>();

  const indexOf = (folder: string) => {
    const ran = inFolders.get(folder)!.flatMap((file) => issues.get(file) ?? []);
    const checkedHere = checkedIssues.filter((issue) => dirname(issue.file) === folder);
    return new RunIndex(oldestFirst(ran), checkedHere);
  };
  const indexes = new Map(compare.runs ? [...inFolders.keys()].map((folder) => [folder, indexOf(folder)]) : []);
  const named = [
    ...sharingDates(checkedIssues, sharing),
    ...checkedIssues.flatMap((issue) => {
      const ran = indexes.get(dirname(issue.file))?.namedBy(issue) ?? [];
      return ran.length > 0 ? [issue, ...ran] : [];
    }),
  ];
  const result = (placed: CheckedDraft[]): Compared => ({
    checked: placed,
    indexOf: (folder) => indexes.get(folder)!,
    sharingDate: (file) => sharing.get(file),
  });
  const unplaced = [...new Set(named.flatMap((issue) => (issue.places ? [] : [issue.file])))];
  if (unplaced.length === 0) return result([...checked]);

  for (const [file, { issue }] of await gatherRecords(unplaced, 'placed', options)) issues.set(file, issue);
  for (const folder of new Set(unplaced.map((file) => dirname(file)))) if (indexes.has(folder)) indexes.set(folder, indexOf(folder));
  return result(checked.map((draft) => ({ ...draft, issue: issues.get(draft.file) })));
}

/**
 * The problems of the checked issues whose date another of them has, or a draft of their folder,
 * when dates were compared; `name` gives the path a message shows for the other draft.
 */
export function sharedDateProblems(compared: Compared, name = (file: string) => file): Diagnostic[] {
  const issues = compared.checked.flatMap(({ issue }) => issue ?? []);
  return duplicateDatesOf(
    issues.map((issue) => {
      const other = compared.sharingDate(issue.file);
      return { ...issue, sharedWith: other && name(other), datePlace: () => placesOf(issue).date };
    }),
  );
}

/**
 * The drafts of `files` that may share a date with `issues` or hold one of their URLs or titles,
 * as far as these are compared: those whose record in the cache says so (its date, or a key it
 * shares with them: see `runKeys`), and those without a current record. The others can neither
 * share a date nor be named by a folder rule, and their entries are not read.
 */
function mayMatter(files: readonly string[], issues: readonly IssueEntries[], compare: Comparison, { cache, maxBytes }: GatherOptions): string[] {
  if (!cache) return [...files];
  const dates = new Set(compare.dates ? issues.map(({ date }) => date) : []);
  const sought = new Set(compare.runs ? issues.flatMap(runKeys) : []);
  return files.filter((file) => {
    const keys = cache.keysOf(file, maxBytes);
    return !keys || (keys.date !== undefined && dates.has(keys.date)) || keys.runs.some((key) => sought.has(key));
  });
}

/** For each of `checked` whose date an issue of `others` in its folder has too, the first such issue's file by name. */
function sharingWith(checked: readonly IssueEntries[], others: readonly IssueEntries[]): Map<string, string> {
  const dated = (file: string, date: string) => `${dirname(file)}\0${date}`;
  const first = new Map<string, string>();
  for (const { file, date } of others) {
    const known = first.get(dated(file, date));
    if (known === undefined || file < known) first.set(dated(file, date), file);
  }
  return new Map(
    checked.flatMap(({ file, date }) => {
      const other = first.get(dated(file, date));
      return other === undefined ? [] : [[file, other] as const];
    }),
  );
}

/** The issues whose date another issue being checked has too, or a draft of their folder (`sharing`). */
function sharingDates(issues: readonly IssueEntries[], sharing: ReadonlyMap<string, string>): IssueEntries[] {
  const count = new Map<string, number>();
  for (const { date } of issues) count.set(date, (count.get(date) ?? 0) + 1);
  return issues.filter(({ file, date }) => count.get(date)! > 1 || sharing.has(file));
}

/**
 * The drafts a folder's issues are compared with: its `.md` files, not those of the folders
 * inside it. An issue is compared with the others of its own folder only.
 */
async function folderDrafts(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => join(folder, entry.name));
}

/** Issues by date; issues of one date (an error of their own) by file name, so the order never depends on the disk. */
function oldestFirst(issues: readonly IssueEntries[]): IssueEntries[] {
  return [...issues].sort((a, b) => byCodeUnits(a.date, b.date) || byCodeUnits(a.file, b.file));
}

/**
 * The problems of each checked draft: its own, with what the folder rules find put where
 * they belong among them (see `DraftProblems`), comparing each issue with its folder's index.
 */
export function withFolderProblems(
  checked: readonly CheckedDraft[],
  rules: readonly { rule: FolderRule; severity: Severity }[],
  indexOf: (folder: string) => RunIndex,
): Diagnostic[] {
  return checked.flatMap(({ file, problems, issue }) => {
    const all = [...problems.diagnostics];
    if (!issue) return all;
    // From the last rule back, so that each insertion leaves the earlier places as they are.
    for (const { rule, severity } of [...rules].reverse()) {
      const at = problems.folderRulesAt[rule.id];
      if (at === undefined) continue;
      const lastRun = indexOf(dirname(file)).before(issue.date);
      const report = (reason: string, place: Position, field?: string) => diagnostic(reason, { file, rule: rule.id, severity, place, field });
      all.splice(at, 0, ...rule.check({ issue, lastRun, report }));
    }
    return all;
  });
}
