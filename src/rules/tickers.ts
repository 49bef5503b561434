import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../schema/suggest.js';
import { walkTree } from '../render/walk.js';
import { bodyPlace, sourceOf } from './body.js';
import type { DraftRule } from './types.js';

/** Exchanges accepted in tickers unless cmr.config.yaml sets `exchanges`. */
export const DEFAULT_EXCHANGES = ['ASX', 'NYSE', 'NASDAQ', 'TSX', 'TSXV', 'CSE', 'LSE', 'AIM', 'HKEX', 'OTCQX', 'OTCQB', 'OTC', 'FRA', 'JSE', 'SSE', 'SZSE'];

/** `(TSXV: UCU)` or `(TSXV: UCU | OTCQX: UURAF)`: exchange codes in capitals, then symbols. */
const TICKER_GROUP = /\(\s*[A-Z][A-Z.-]*\s*:\s*[A-Z0-9][A-Z0-9.-]*(?:\s*\|\s*[A-Z][A-Z.-]*\s*:\s*[A-Z0-9][A-Z0-9.-]*)*\s*\)/g;
const LISTING = /([A-Z][A-Z.-]*)\s*:\s*[A-Z0-9][A-Z0-9.-]*/g;

export const tickerFormat: DraftRule = {
  id: 'ticker-format',
  description: 'A ticker such as (TSXV: UCU) in the body names an exchange missing from the exchanges list',
  severity: 'warn',
  needsBody: true,
  check({ valid, config, body, report }) {
    const known = new Set(config.exchanges);
    const problems: Diagnostic[] = [];
    walkTree(body(), (node) => {
      // Every colon of the source is in the text too: most text has none, and no ticker.
      if (node.type !== 'text' || !node.value.includes(':')) return;
      const { raw, offset } = sourceOf(valid.draft, node);
      for (const group of raw.matchAll(TICKER_GROUP)) {
        for (const listing of group[0].matchAll(LISTING)) {
          const exchange = listing[1]!;
          if (known.has(exchange)) continue;
          const start = offset + group.index + listing.index;
          const guess = closest(exchange, config.exchanges);
          const hint = guess ? ` (did you mean "${guess}"?)` : '; add it to exchanges in cmr.config.yaml if it is real';
          const place = bodyPlace(valid.draft, start, start + exchange.length);
          problems.push(report(`unknown exchange "${exchange}" in the ticker ${group[0]}${hint}`, place));
        }
      }
    });
    return problems;
  },
};
