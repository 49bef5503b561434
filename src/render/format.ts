/** Formats an ISO date the way the digest prints it: "October 31, 2025". */
export function formatDate(iso: string, language: string): string {
  const key = `${language} ${iso}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    text = dateFormat(language).format(new Date(Date.UTC(year, month - 1, day)));
    formattedDates.set(key, text);
  }
  return text;
}

/**
 * The entries of a week share a handful of dates, and each Intl formatting costs about a
 * microsecond; an archive holds a few hundred dates a year, so keeping every one is cheap.
 */
const formattedDates = new Map<string, string>();

/** 12000 → "12,000" in the publication's language. */
export function formatNumber(value: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 });
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** Building an Intl format is costly; one per language serves every issue. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** 8 → "+8%", -1.5 → "−1.5%". */
export function formatChange(percent: number, language: string): string {
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '';
  return `${sign}${formatNumber(Math.abs(percent), language)}%`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: string): Intl.DateTimeFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    formats.set(language, format);
  }
  return format;
}

/** Plain `en` reads as US English, which writes "October 31, 2025". */
function locale(language: string): string {
  return language === 'en' ? 'en-US' : language;
}
