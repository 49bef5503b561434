/**
 * The form of a URL used to tell whether two links are the same story: scheme and
 * host in lower case (the URL parser does that), no trailing slash on the path, and
 * no `utm_*` tracking parameters, which newsletters add per campaign.
 */
export function normalizeUrl(value: string): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  for (const name of [...url.searchParams.keys()]) {
    if (name.toLowerCase().startsWith('utm_')) url.searchParams.delete(name);
  }
  // An emptied path reads back as `/`, so `https://a.org` and `https://a.org/` agree.
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href;
}

/** The form of a title used to tell whether two titles are the same: spacing and case ignored. */
export function normalizeTitle(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}
