import type { Root } from 'mdast';
import { markdownToText, References } from './plain.js';
import type { IssueView, SectionView } from './view.js';
import { alignColumns, hang } from './wrap.js';

interface Reference {
  n: number;
  url: string;
}

/** An issue prepared for the plain-text template: wrapped blocks and numbered references. */
export interface TextView extends IssueView {
  text: {
    body: string;
    bodyRefs: Reference[];
    markets: string;
    sections: { title: string; lines: string; refs: Reference[] }[];
    disclaimer: string;
    closingRefs: Reference[];
  };
}

/** Lays out an issue as plain text. Links are numbered in reading order across the issue. */
export function textView(view: IssueView, body: Root, disclaimer: Root): TextView {
  const refs = new References();
  const bodyText = markdownToText(body, refs);
  const bodyRefs = refs.flush();
  const sections = view.sections.map((section) => ({ title: section.title, lines: entryLines(section, refs), refs: refs.flush() }));
  const disclaimerText = markdownToText(disclaimer, refs);
  return {
    ...view,
    text: {
      body: bodyText,
      bodyRefs,
      markets: marketLines(view),
      sections,
      disclaimer: disclaimerText,
      closingRefs: refs.flush(),
    },
  };
}

function entryLines(section: SectionView, refs: References): string {
  const labels = section.entries.map((entry) => `${entry.dateText} – `);
  const width = Math.max(...labels.map((label) => label.length));
  return section.entries
    .flatMap((entry, i) => {
      const by = `${entry.source ? ` (${entry.source})` : ''}${entry.company ? ` — ${entry.company}` : ''}`;
      return hang(labels[i]!, `${entry.title}${by} [${refs.number(entry.url)}]`, width);
    })
    .join('\n');
}

function marketLines(view: IssueView): string {
  if (view.markets.length === 0) return '';
  const rows = view.markets.map((m) => [m.name, m.venue, `${m.currency} ${m.price}/${m.unit}`, m.change]);
  const table = alignColumns([['Market', 'Venue', 'Price', 'Week'], ...rows]);
  const notes = view.markets.filter((m) => m.note).flatMap((m) => hang(`${m.name}: `, m.note, 2 + m.name.length));
  return [...table, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
