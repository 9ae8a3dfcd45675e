import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseSync } from 'csv-parse/sync';

/** One CSV record with the exact text it came from, so a bad row can be quarantined verbatim. */
export type CsvRowItem =
  | { kind: 'row'; fields: string[]; raw: string; line: number }
  | { kind: 'error'; reason: string; raw: string };

/** A quoted field may span lines; past this many lines an open quote is taken for a stray one. */
const MAX_LINES_PER_RECORD = 20;

function quoteCount(text: string): number {
  let count = 0;
  for (const char of text) if (char === '"') count += 1;
  return count;
}

function parseRecord(raw: string, line: number): CsvRowItem | null {
  if (raw.trim() === '') return null;
  try {
    const rows = parseSync(raw, { relax_column_count: true }) as unknown;
    if (!Array.isArray(rows) || rows.length !== 1 || !Array.isArray(rows[0])) {
      return { kind: 'error', reason: `malformed CSV on line ${line}: not exactly one record`, raw };
    }
    return { kind: 'row', fields: (rows[0] as unknown[]).map(String), raw, line };
  } catch (error) {
    return { kind: 'error', reason: `malformed CSV on line ${line}: ${(error as Error).message}`, raw };
  }
}

/**
 * Cuts lines into CSV records and parses each record on its own with csv-parse. Parsing
 * record by record (rather than the whole file in one go) is what guarantees that a broken
 * row is reported with its own text and cannot swallow the rows after it: csv-parse's
 * error recovery resynchronises at the next quote and may skip a good row silently.
 */
class CsvRecordAssembler {
  private pending: { text: string; line: number }[] = [];

  push(text: string, line: number): CsvRowItem[] {
    this.pending.push({ text, line });
    return this.drain(false);
  }

  end(): CsvRowItem[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRowItem[] {
    const out: CsvRowItem[] = [];
    while (this.pending.length > 0) {
      let quotes = 0;
      let complete = -1;
      for (let i = 0; i < this.pending.length && i < MAX_LINES_PER_RECORD; i += 1) {
        quotes += quoteCount(this.pending[i]?.text ?? '');
        if (quotes % 2 === 0) {
          complete = i;
          break;
        }
      }
      if (complete < 0) {
        if (!final && this.pending.length < MAX_LINES_PER_RECORD) break;
        // An open quote that never closes: report that one line and carry on after it.
        const [stray] = this.pending.splice(0, 1);
        if (stray) {
          out.push({
            kind: 'error',
            reason: `malformed CSV on line ${stray.line}: quote not closed`,
            raw: stray.text,
          });
        }
        continue;
      }
      const lines = this.pending.splice(0, complete + 1);
      const item = parseRecord(lines.map((l) => l.text).join('\n'), lines[0]?.line ?? 0);
      if (item) out.push(item);
    }
    return out;
  }
}

/** Parses a whole CSV text; malformed records come back as `error` items, never as a throw. */
export function csvRowsFromText(text: string): CsvRowItem[] {
  const assembler = new CsvRecordAssembler();
  const items: CsvRowItem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => items.push(...assembler.push(line, index + 1)));
  items.push(...assembler.end());
  return items;
}

/** Streams CSV records from a readable, line by line, in constant memory. */
export async function* csvRowsFromStream(input: Readable): AsyncGenerator<CsvRowItem> {
  const assembler = new CsvRecordAssembler();
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of reader) {
    line += 1;
    yield* assembler.push(line === 1 ? text.replace(/^\uFEFF/, '') : text, line);
  }
  yield* assembler.end();
}
