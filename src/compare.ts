/**
 * Orders strings by their UTF-16 code units, as `<` does: for ISO dates the order of the
 * calendar, the same on every machine, and many times faster than `localeCompare`, which collates
 * through ICU (a build sorts a thousand issues more than once).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
