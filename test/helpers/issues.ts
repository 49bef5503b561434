/** A small valid issue with one headline, as a draft's text: its date is on line 3, columns 7 to 17. */
export function issue(date: string, headline: { title: string; url: string }): string {
  return [
    '---',
    `title: "The week of ${date}"`,
    `date: ${date}`,
    'summary: "A short week in critical minerals."',
    'headlines:',
    `  - date: ${date}`,
    `    title: "${headline.title}"`,
    `    url: ${headline.url}`,
    '---',
    '',
    'A short week.',
    '',
  ].join('\n');
}

/** The report of `file` sharing `date` with `other`, at the `date` field of a draft made by `issue`. */
export function sharedDate(file: string, other: string, date: string) {
  return {
    file,
    line: 3,
    column: 7,
    endLine: 3,
    endColumn: 17,
    severity: 'error',
    rule: 'duplicate-date',
    message: `another draft, ${other}, already has the date ${date}; each issue needs its own date`,
  };
}
