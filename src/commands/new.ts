import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { normalizeNewlines } from '../draft/load.js';
import { parseDraft } from '../draft/parse.js';
import { UsageError } from '../errors.js';
import { formatDate } from '../render/format.js';
import { isRealDate } from '../schema/fields.js';
import { SECTION_KEYS } from '../schema/digest.js';
import { validateDraft } from '../validate/digest.js';
import { DEFAULT_DRAFTS } from '../build/collect.js';
import { note, type Io } from './io.js';
import { addDays, datedDrafts, type DatedDraft } from './latest.js';

export interface NewOptions {
  root: string;
  date?: string;
}

/** An issue is weekly: the next one comes this many days after the latest. */
export const ISSUE_INTERVAL_DAYS = 7;

/** `cmr new`: writes the next issue's draft; exit 1, writing nothing, when that draft exists. */
export async function runNew(options: NewOptions, io: Io): Promise<number> {
  const date = options.date ?? (await nextIssueDate(options.root));
  if (!isRealDate(date)) throw new UsageError(`--date must be a date written YYYY-MM-DD, got "${date}"`);
  const file = join(DEFAULT_DRAFTS, `${date}.md`);
  const target = join(options.root, file);
  const text = scaffold(date);
  assertValid(file, text);
  await mkdir(dirname(target), { recursive: true });
  try {
    // `wx` fails if the file exists, even if it appeared a moment ago.
    await writeFile(target, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    io.err(`cmr: ${file} already exists; cmr new never overwrites a draft (edit it, or choose another --date)`);
    return 1;
  }
  const window = weekWindow(date);
  note(io, `created ${file}: the issue of ${formatDate(date, 'en')}, for links published ${window.from} to ${window.to}`);
  return 0;
}

/**
 * A week after the latest issue. A draft still exactly as `cmr new` wrote it is not an
 * issue yet, so running `cmr new` twice refuses instead of starting a second empty week.
 */
async function nextIssueDate(root: string): Promise<string> {
  let latest: DatedDraft | undefined;
  for (const draft of (await datedDrafts(root)).reverse()) {
    const text = normalizeNewlines(await readFile(join(root, draft.file), 'utf8'));
    if (text === scaffold(draft.date)) continue;
    latest = draft;
    break;
  }
  if (!latest) {
    throw new UsageError(`no draft named YYYY-MM-DD.md in ${DEFAULT_DRAFTS}/ to follow; give the issue date with --date YYYY-MM-DD`);
  }
  return addDays(latest.date, ISSUE_INTERVAL_DAYS);
}

/** The week an issue covers: the seven days before its date. */
export function weekWindow(date: string): { from: string; to: string } {
  return { from: addDays(date, -ISSUE_INTERVAL_DAYS), to: addDays(date, -1) };
}

/**
 * The draft of a new issue: every list present and empty, a placeholder title the
 * contract accepts, and the week it covers in a comment. The body's HTML comment is
 * never rendered, since raw HTML is dropped from every output.
 */
export function scaffold(date: string): string {
  const { from, to } = weekWindow(date);
  return [
    '---',
    `# The issue of ${formatDate(date, 'en')}: links published from ${from} to ${to}.`,
    '# Add links with `cmr add <section> <url>`; each list stays newest first.',
    '# Replace the placeholder title, and add summary, author and tags if you like.',
    `title: "Headline of the ${formatDate(date, 'en')} issue"`,
    `date: ${date}`,
    'markets: []',
    ...SECTION_KEYS.map((key) => `${key}: []`),
    '---',
    '',
    '<!-- The editorial, in Markdown. This comment is not published. -->',
    '',
  ].join('\n');
}

/** The scaffold is generated, so an invalid one is a bug in cmr, never the user's mistake. */
function assertValid(file: string, text: string): void {
  const parsed = parseDraft({ file, text });
  const diagnostics = parsed.draft ? validateDraft(parsed.draft).diagnostics : parsed.diagnostics;
  if (diagnostics.length > 0) throw new Error(`the new draft would be invalid: ${diagnostics.map(String).join('; ')}`);
}
