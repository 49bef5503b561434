/** Width of a plain-text line, as mail clients expect it. */
export const TEXT_WIDTH = 78;

/**
 * Wraps text at `width` columns. Words are never split, so a URL longer than the
 * line stands alone on its own line. `first` prefixes the first line, `rest` the others.
 */
export function wrap(text: string, width = TEXT_WIDTH, first = '', rest = first): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    // Only the text's ends split into empty words.
    if (word === '') continue;
    const next = words[i + 1];
    if (next && startsTicker(word)) {
      word = `${word} ${next}`;
      i++;
    }
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** `label` then `text`, wrapped so that continuation lines align under the text. */
export function hang(label: string, text: string, labelWidth = label.length, width = TEXT_WIDTH): string[] {
  return wrap(text, width, label.padEnd(labelWidth), ' '.repeat(labelWidth));
}

/** `label url` on one line when it fits, else the URL on a line of its own, never broken. */
export function labelled(label: string, url: string, width = TEXT_WIDTH): string {
  return label.length + 1 + url.length <= width ? `${label} ${url}` : `${label}\n${url}`;
}

/** A heading set off by a line of `char` as long as the heading. */
export function underline(text: string, char: string, width = TEXT_WIDTH): string[] {
  const lines = wrap(text, width);
  const longest = Math.max(...lines.map((line) => line.length));
  return [...lines, char.repeat(longest)];
}

/**
 * Rows of cells as aligned columns; numeric-looking cells align right. When the
 * table cannot fit in `width`, each row becomes one wrapped line of cells instead.
 */
export function alignColumns(rows: readonly (readonly string[])[], width = TEXT_WIDTH, gap = '  '): string[] {
  const aligned = alignRows(rows, gap);
  if (aligned.every((line) => line.length <= width)) return aligned;
  const [header = [], ...body] = rows;
  return body.flatMap((row) =>
    wrap(row.map((cell, i) => (header[i] && i > 0 ? `${header[i]}: ${cell}` : cell)).filter((c) => !/: $/.test(c)).join(' · '), width, '', '  '),
  );
}

function alignRows(rows: readonly (readonly string[])[], gap: string): string[] {
  // Folds rather than spreads: a table of many thousand rows would overflow the call stack.
  const count = rows.reduce((most, row) => Math.max(most, row.length), 0);
  const widths = Array.from({ length: count }, (_, i) => rows.reduce((most, row) => Math.max(most, (row[i] ?? '').length), 0));
  const numeric = widths.map((_, i) => rows.slice(1).every((row) => /^[-+−]?[\d.,]+\s*%?$|^$/.test(row[i] ?? '')));
  return rows.map((row) =>
    widths
      .map((width, i) => {
        const cell = row[i] ?? '';
        return numeric[i] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(gap)
      .trimEnd(),
  );
}

/**
 * "(ASX:" and "LRV)" stay on one line, so a ticker reads as one unit. Only a word ending in a
 * colon can open a ticker: checking that first spares the pattern nearly every word.
 */
function startsTicker(word: string): boolean {
  return word.endsWith(':') && /^\(?[A-Z][A-Za-z]{1,6}:$/.test(word);
}
