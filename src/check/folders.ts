import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Position } from 'unist';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { DraftProblems } from '../rules/run.js';
import { RunIndex, type IssueEntries } from '../rules/runs.js';
import type { FolderRule } from '../rules/types.js';
import type { CheckCache } from './cache.js';
import type { DraftRecord } from './lint.js';

/** A draft to read: one being checked, or one its folder's issues are only compared with. */
export interface Wanted {
  file: string;
  entriesOnly: boolean;
}

export interface GatherOptions {
  root: string;
  strict: boolean;
  cache?: CheckCache;
  /** The drafts' size limit: a larger file is never read, not even to key it. */
  maxBytes: number;
}

/**
 * What checking each wanted draft finds: from the cache when the draft, the config, the
 * templates and cmr are as they were, else read on the worker pool (threads start only when
 * enough drafts are left to read), which records it in the cache.
 */
export async function gatherRecords(wanted: readonly Wanted[], options: GatherOptions): Promise<Map<string, DraftRecord>> {
  const { root, strict, cache, maxBytes } = options;
  const records = new Map<string, DraftRecord>();
  const misses: Wanted[] = [];
  for (const draft of wanted) {
    const key = cache?.keyOf(draft.file, maxBytes);
    const record = key === undefined ? undefined : cache!.lookup(draft.file, key);
    if (record && (draft.entriesOnly || record.verdict?.strict === strict)) records.set(draft.file, record);
    else misses.push(draft);
  }
  if (misses.length === 0) return records;
  const { openPool } = await import('../build/pool.js');
  const pool = openPool({ root }, misses.length);
  // The drafts being checked go first: they cost the most, so the threads end together.
  const ordered = [...misses.filter((m) => !m.entriesOnly), ...misses.filter((m) => m.entriesOnly)];
  try {
    await Promise.all(
      ordered.map(async ({ file, entriesOnly }) => {
        records.set(file, await pool.run({ kind: 'lint', file, strict, entriesOnly, cache: cache !== undefined }));
      }),
    );
  } finally {
    await pool.close();
  }
  return records;
}

/**
 * The valid issues of the folders of the checked drafts, which the folder rules compare each
 * of them with. The checked drafts are known already; the other drafts of each folder come
 * from the cache, or are read on the worker pool, entries only.
 */
export async function folderIssues(
  checked: readonly CheckedDraft[],
  options: GatherOptions,
): Promise<(folder: string) => readonly IssueEntries[]> {
  const known = new Map(checked.map((draft) => [draft.file, draft.issue]));
  const folders = new Map<string, string[]>();
  for (const folder of new Set(checked.flatMap((draft) => (draft.issue ? [dirname(draft.file)] : [])))) {
    folders.set(folder, await folderDrafts(folder));
  }
  const others = [...folders.values()].flat().filter((file) => !known.has(file));
  const records = await gatherRecords(others.map((file) => ({ file, entriesOnly: true })), options);
  return (folder) => (folders.get(folder) ?? []).flatMap((file) => (known.has(file) ? known.get(file) : records.get(file)?.issue) ?? []);
}

/**
 * The drafts a folder's issues are compared with: its `.md` files, not those of the folders
 * inside it. An issue is compared with the others of its own folder only.
 */
async function folderDrafts(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => join(folder, entry.name));
}

/** A draft being checked: its own problems and, when it is a valid issue, its entries. */
export interface CheckedDraft {
  file: string;
  problems: DraftProblems;
  issue?: IssueEntries;
}

/**
 * The problems of each checked draft: its own, with what the folder rules find put where
 * they belong among them (see `DraftProblems`). The folder rules compare each issue with
 * the valid issues of its folder, from `issuesOf`.
 */
export function withFolderProblems(
  checked: readonly CheckedDraft[],
  rules: readonly { rule: FolderRule; severity: Severity }[],
  issuesOf: (folder: string) => readonly IssueEntries[],
): Diagnostic[] {
  const indexes = new Map<string, RunIndex>();
  const indexOf = (folder: string) => {
    let index = indexes.get(folder);
    if (!index) {
      const inFolder = checked.flatMap((draft) => (draft.issue && dirname(draft.file) === folder ? [draft.issue] : []));
      indexes.set(folder, (index = new RunIndex(oldestFirst(issuesOf(folder)), inFolder)));
    }
    return index;
  };
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

/** Issues by date; issues of one date (an error of their own) by file name, so the order never depends on the disk. */
function oldestFirst(issues: readonly IssueEntries[]): IssueEntries[] {
  return [...issues].sort((a, b) => a.date.localeCompare(b.date) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
