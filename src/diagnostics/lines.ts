import type { Point, Position } from 'unist';

/** Maps character offsets of a text to 1-based line and column numbers. */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.#starts.push(i + 1);
    }
  }

  point(offset: number): Point {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.#starts[low]! + 1, offset };
  }

  span(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(Math.max(start, end)) };
  }

  /** The text of one 1-based line, without its line break. */
  lineText(text: string, line: number): string {
    const start = this.#starts[line - 1];
    if (start === undefined) return '';
    const end = text.indexOf('\n', start);
    return text.slice(start, end === -1 ? undefined : end);
  }
}
