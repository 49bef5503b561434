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
