import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { collectDrafts, DEFAULT_DRAFTS } from '../build/collect.js';

const DATED = /^(\d{4}-\d{2}-\d{2})\.md$/;

export interface DatedDraft {
  /** Path relative to the project root. */
  file: string;
  date: string;
}

/** The drafts of `digests/` named by their date, oldest first. */
export async function datedDrafts(root: string): Promise<DatedDraft[]> {
  if (!existsSync(join(root, DEFAULT_DRAFTS))) return [];
  const files = await collectDrafts([join(root, DEFAULT_DRAFTS)], root);
  return files
    .flatMap((file) => {
      const date = DATED.exec(basename(file))?.[1];
      return date ? [{ file, date }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The newest issue, the one editors are working on. */
export async function latestDraft(root: string): Promise<DatedDraft | undefined> {
  return (await datedDrafts(root)).at(-1);
}

/** `iso` moved by `days`, as YYYY-MM-DD. */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
