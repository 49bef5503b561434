/** Formats an ISO date the way the digest prints it: "October 31, 2025". */
export function formatDate(iso: string, language: string): string {
  const key = `${language} ${iso}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    text = language === 'en' ? `${MONTHS[month - 1]} ${day}, ${year}` : dateFormat(language).format(new Date(Date.UTC(year, month - 1, day)));
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
  if (language === 'en' && Math.abs(value) < 1e21) return englishNumber(value);
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

// Plain English is written here without Intl: the first Intl format a process builds loads its
// locale data, about 10 ms of a short rebuild. A property test holds both to Intl's output.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * As Intl's en-US with at most 2 decimals, which rounds the shortest decimal that reads back as
 * `value` (1.005 → "1.01"), half away from zero.
 */
function englishNumber(value: number): string {
  const [digits, decimals = ''] = (Math.abs(value) < 1e-6 ? '0' : String(Math.abs(value))).split('.') as [string, string?];
  // Hundredths as a whole number, rounded on the third decimal.
  let hundredths = BigInt(digits + decimals.slice(0, 2).padEnd(2, '0'));
  if ((decimals[2] ?? '0') >= '5') hundredths += 1n;
  const text = hundredths.toString().padStart(3, '0');
  const whole = text.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',');
  const fraction = text.slice(-2).replace(/0+$/, '');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Plain `en` reads as US English, which writes "October 31, 2025". */
function locale(language: string): string {
  return language === 'en' ? 'en-US' : language;
}
