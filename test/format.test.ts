import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChange, formatDate, formatNumber } from '../src/render/format.js';
import { SEED } from './helpers/arbitraries.js';

// Plain English is formatted without Intl (it costs a short rebuild its locale data); it must
// read exactly as Intl's en-US does, which every other language still uses.
const intlNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const intlDate = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** Prices and changes as editors type them: a few decimals, sometimes on a rounding edge. */
const typedNumber = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000),
  fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 100 + 0.005),
  fc.double({ min: -1e20, max: 1e20, noNaN: true }),
  fc.constantFrom(0, -0, 1.005, 2.675, 0.125, 999.995, 1e-7, -1e-7, 0.005, 12000, 1e20),
);

describe('English numbers and dates', () => {
  it('read as Intl en-US reads them', () => {
    fc.assert(
      fc.property(typedNumber, (value) => {
        expect(formatNumber(value, 'en')).toBe(intlNumber.format(value));
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });

  it('print every date as Intl en-US prints it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        expect(formatDate(iso, 'en')).toBe(intlDate.format(new Date(`${iso}T00:00:00Z`)));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('examples', () => {
    expect(formatDate('2025-10-31', 'en')).toBe('October 31, 2025');
    expect(formatNumber(12000, 'en')).toBe('12,000');
    expect(formatNumber(1.005, 'en')).toBe('1.01');
    expect(formatChange(-1.5, 'en')).toBe('−1.5%');
    // Other languages go through Intl.
    expect(formatDate('2025-10-31', 'fr')).toBe('31 octobre 2025');
    expect(formatNumber(12000.5, 'de')).toBe('12.000,5');
  });
});
