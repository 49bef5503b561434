import { Parser } from 'htmlparser2';
import { isRealDate } from '../schema/fields.js';

/** What a linked page says about itself. */
export interface PageMeta {
  title?: string;
  /** Publication date, YYYY-MM-DD as the publisher wrote it (its own time zone). */
  date?: string;
}

/**
 * Reads a page's title (`og:title`, else `<title>`) and publication date
 * (`article:published_time`, else the first `<time datetime>`). The parser only
 * collects text and attributes: nothing of the page runs.
 */
export function pageMeta(html: string): PageMeta {
  const found: { ogTitle?: string; title: string; inTitle: boolean; published?: string; time?: string } = { title: '', inTitle: false };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') found.inTitle = true;
        if (name === 'meta') {
          const key = (attributes.property ?? attributes.name ?? '').toLowerCase();
          if (key === 'og:title') found.ogTitle ??= attributes.content;
          if (key === 'article:published_time') found.published ??= attributes.content;
        }
        if (name === 'time' && attributes.datetime) found.time ??= attributes.datetime;
      },
      ontext(text) {
        if (found.inTitle) found.title += text;
      },
      onclosetag(name) {
        if (name === 'title') found.inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return {
    title: oneLine(found.ogTitle) || oneLine(found.title) || undefined,
    date: isoDay(found.published) ?? isoDay(found.time),
  };
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The calendar day of a date or timestamp, as written (2025-11-03T23:30:00-05:00 is 2025-11-03). */
export function isoDay(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const day = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  if (day) return isRealDate(day) ? day : undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}
