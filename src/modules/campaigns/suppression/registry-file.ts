import type { Hash } from 'node:crypto';

/** A line longer than this is not a number (nor a CSV row of one). */
const MAX_LINE = 256;

/**
 * The numbers of a registry file, one per line, as text to parse: blank lines and `#` comments are
 * skipped; of a CSV row the first column is taken, except that the FTC's `area code,number` rows
 * (`201,5550123`) are joined. Yields null for a line that cannot hold a number (too long). The bytes
 * go through `hash` as read. Constant memory: a line at a time.
 */
export async function* readRegistryFile(
  file: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  hash: Hash,
): AsyncGenerator<string | null> {
  let rest = '';
  let first = true;
  const decoder = new TextDecoder('utf-8');
  const line = (raw: string): string | null | undefined => {
    let text = raw.trim();
    if (first) {
      first = false;
      text = text.replace(/^\uFEFF/, '');
    }
    if (text === '' || text.startsWith('#')) return undefined;
    if (text.length > MAX_LINE) return null;
    const cells = text.split(/[,;\t|]/).map((cell) => cell.trim().replace(/^"|"$/g, ''));
    const [a, b] = cells;
    if (a !== undefined && b !== undefined && /^\d{3}$/.test(a) && /^\d{7}$/.test(b)) return a + b;
    // A header row (`phone`, `number`) reads as no number: rejected, counted.
    return a ?? null;
  };
  for await (const chunk of file) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    rest += decoder.decode(bytes, { stream: true });
    const lines = rest.split(/\r?\n/);
    rest = lines.pop() ?? '';
    if (rest.length > MAX_LINE * 4) {
      rest = '';
      yield null;
    }
    for (const raw of lines) {
      const value = line(raw);
      if (value !== undefined) yield value;
    }
  }
  rest += decoder.decode();
  const value = line(rest);
  if (value !== undefined) yield value;
}
