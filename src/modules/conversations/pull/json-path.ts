/**
 * Dotted paths into a JSON record, the JSONPath subset a field mapping needs: `recording.id`,
 * `parties[0].number`, `parties.0.number`, with or without a leading `$.`. A path that does not
 * lead anywhere reads as undefined, never an error: recorders leave fields out.
 */
export function pathSegments(path: string): string[] {
  const trimmed = path.trim().replace(/^\$\.?/, '');
  if (trimmed === '') return [];
  const segments: string[] = [];
  for (const part of trimmed.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push(index[1] ?? '0');
  }
  return segments;
}

export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of pathSegments(path)) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      current = Number.isInteger(index) ? (current as unknown[])[index] : undefined;
    } else if (typeof current === 'object' && current !== null) {
      current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/** A scalar as text (numbers too: ids are often numbers); null for empty, objects and absence. */
export function textAt(value: unknown, path: string | undefined): string | null {
  if (path === undefined) return null;
  const found = readPath(value, path);
  if (typeof found === 'string') return found.trim() === '' ? null : found.trim();
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  if (typeof found === 'bigint') return found.toString();
  return null;
}

export function numberAt(value: unknown, path: string | undefined): number | null {
  if (path === undefined) return null;
  const found = readPath(value, path);
  const number = typeof found === 'string' && found.trim() !== '' ? Number(found) : found;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/**
 * An instant from ISO 8601, RFC 2822 (Twilio's `Mon, 25 Nov 2019 19:02:15 +0000`) or epoch
 * seconds/milliseconds (numbers above 10^11 are taken as milliseconds).
 */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) return null;
    return new Date(number > 1e11 ? number : number * 1000);
  }
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  // ISO without a zone is taken as UTC, not the server's local time.
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : new Date(at);
}

export function dateAt(value: unknown, path: string | undefined): Date | null {
  return path === undefined ? null : toDate(readPath(value, path));
}

/** `{name}` placeholders replaced by URL-encoded values; an unknown name is left as it is. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : encodeURIComponent(String(value));
  });
}
