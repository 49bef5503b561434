import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../draft/locate.js';
import type { DraftResult } from '../draft/read.js';
import type { FeedEntry } from '../render/feeds.js';
import { renderIssue } from '../render/issue.js';
import type { Templates } from '../render/templates.js';
import { summarize, type IssueSummary } from '../render/view.js';
import { siteFiles, type SiteFile } from './archive.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';

export type { SiteFile };

/** Two drafts with one date would both write `dist/<date>/`; report the later file. */
export function duplicateDates(results: readonly DraftResult[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const { valid } of results) {
    if (!valid) continue;
    const { date } = valid.digest;
    const first = seen.get(date);
    if (first === undefined) {
      seen.set(date, valid.draft.file);
      continue;
    }
    problems.push(
      diagnostic(`another draft, ${first}, already has the date ${date}; each issue needs its own date`, {
        file: valid.draft.file,
        rule: 'duplicate-date',
        field: 'date',
        place: locate(valid.draft, ['date']),
      }),
    );
  }
  return problems;
}

/**
 * Renders every issue, oldest first so each knows its neighbours, then the archive and
 * the feeds. Files are yielded one at a time so the caller can stream them to disk.
 */
export function* renderSite(drafts: readonly ValidDraft[], config: Config, templates: Templates): Generator<SiteFile, IssueSummary[]> {
  const ordered = [...drafts].sort((a, b) => a.digest.date.localeCompare(b.digest.date));
  const summaries = ordered.map((valid) => summarize(valid.digest, config));
  const entries: FeedEntry[] = [];
  for (const [i, valid] of ordered.entries()) {
    const { files, entry } = renderIssue({ valid, config, templates, previous: summaries[i - 1], next: summaries[i + 1] });
    entries.push(entry);
    for (const [name, content] of Object.entries(files)) yield { path: `${summaries[i]!.slug}/${name}`, content };
  }
  const newestFirst = [...summaries].reverse();
  yield* siteFiles(newestFirst, entries, config, templates);
  return newestFirst;
}
