import { locate } from '../draft/locate.js';
import { entryName, listedEntries } from './entries.js';
import type { DraftRule } from './types.js';

/** What is wrong with the spacing of a title, if anything. */
function spacingProblems(title: string): string[] {
  const problems: string[] = [];
  if (/^\s/.test(title)) problems.push('leading');
  if (/\s$/.test(title)) problems.push('trailing');
  if (/\S\s{2,}\S/.test(title)) problems.push('double');
  return problems;
}

export const titleWhitespace: DraftRule = {
  id: 'title-whitespace',
  description: 'A title has leading, trailing or double spaces',
  severity: 'warn',
  check({ valid, report }) {
    const titles = [
      { path: ['title'], name: 'the issue title', title: valid.digest.title },
      ...listedEntries(valid.digest).map((listed) => ({
        path: [listed.section, listed.index, 'title'],
        name: `the title of ${entryName(listed)}`,
        title: listed.entry.title,
      })),
    ];
    return titles.flatMap(({ path, name, title }) => {
      const problems = spacingProblems(title);
      if (problems.length === 0) return [];
      return [report(`${name} has ${problems.join(' and ')} spaces`, locate(valid.draft, path), path.join('.'))];
    });
  },
};
