import type { FeedEntry } from '../render/feeds.js';
import { renderIssue } from '../render/issue.js';
import type { Templates } from '../render/templates.js';
import { summarize, type IssueSummary } from '../render/view.js';
import { siteFiles, type SiteFile } from './archive.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';

export type { SiteFile };

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
