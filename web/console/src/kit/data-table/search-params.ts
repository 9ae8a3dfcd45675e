/**
 * Readers of a list page's address (validateSearch): each returns the value when it is well formed,
 * otherwise undefined, so a malformed address drops the filter rather than showing an error page.
 */

/** A trimmed, non-empty string of at most `max` characters (a number is read as its digits). */
export const searchText = (value: unknown, max = 256) => {
  if (typeof value === 'number') value = String(value);
  return typeof value === 'string' && value.trim() && value.trim().length <= max ? value.trim() : undefined;
};

/** An ISO date-time, normalised to UTC. */
export const searchInstant = (value: unknown) => {
  const given = searchText(value, 40);
  return given && !Number.isNaN(Date.parse(given)) ? new Date(given).toISOString() : undefined;
};

/** A comma-separated list of known values (unknown entries dropped; none left: no filter). */
export function searchOneOrMore(value: unknown, known: readonly string[]): string | undefined {
  const given = searchText(value);
  if (!given) return undefined;
  const entries = [...new Set(given.split(',').map((s) => s.trim()))].filter((s) => known.includes(s));
  return entries.length > 0 ? entries.join(',') : undefined;
}

/** The search without its undefined entries, so the address carries only what is set. */
export function compactSearch<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The whole state of a list as a query string: a saved view, a link to share. */
export function searchState(search: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

/** A saved state back into a list's search, read by the list's own `validateSearch`. */
export function searchFromState<T>(state: string, read: (search: Record<string, unknown>) => T): T {
  return read(Object.fromEntries(new URLSearchParams(state)));
}
