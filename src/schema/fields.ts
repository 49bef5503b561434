import { z } from 'zod';

/** Is `value` a calendar date that exists, written YYYY-MM-DD? */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Is `value` an absolute http(s) URL with a host and no white space? */
export function isWebUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    // Parsed once: URL.canParse before new URL parsed every list entry's link twice.
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
}

/** An ISO 8601 calendar date (YYYY-MM-DD) that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: (issue) => `expected a date written YYYY-MM-DD, got "${String(issue.input)}"`,
    abort: true,
  })
  .refine(isRealDate, { error: (issue) => `${String(issue.input)} is not a date that exists` })
  .meta({ format: 'date', description: 'ISO 8601 calendar date, YYYY-MM-DD' });

/** An absolute http(s) URL. */
export const webUrl = z
  .string()
  .refine(isWebUrl, { error: (issue) => `expected an absolute http(s) URL, got "${String(issue.input)}"` })
  .meta({ format: 'uri', description: 'Absolute http:// or https:// URL' });

/** Text that is not empty once trimmed. */
export const text = (what: string) =>
  z.string().refine((value) => value.trim() !== '', { error: `${what} must not be empty` });
