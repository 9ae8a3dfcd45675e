import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { SniffedType } from '../db/campaigns.tables.js';

/*
 * A lead file as records, in constant memory: its type sniffed from its first bytes (never its
 * name), its text decoded as it streams (UTF-8, or Windows-1252 when the head is not UTF-8), and
 * csv-parse reading records one after another. A record csv-parse cannot read (a stray quote) is
 * reported as a skipped row and the file goes on; a quoted field that runs on past
 * MAX_RECORD_BYTES (an unclosed quote) stops the file, since nothing after it can be trusted.
 */

export const SNIFF_BYTES = 64 * 1024;
export const MAX_RECORD_BYTES = 1024 * 1024;

export type Sniffed =
  | {
      readonly type: Exclude<SniffedType, 'xlsx'>;
      readonly delimiter: string;
      readonly encoding: 'utf-8' | 'windows-1252';
    }
  | { readonly type: 'xlsx' }
  | { readonly refused: string };

const magic: readonly (readonly [Buffer, string])[] = [
  [Buffer.from('%PDF'), 'a PDF document'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'a PNG image'],
  [Buffer.from('GIF8'), 'a GIF image'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'a JPEG image'],
  [Buffer.from([0x1f, 0x8b]), 'a gzip archive'],
  [Buffer.from('MZ'), 'a Windows executable'],
  [Buffer.from([0x7f, 0x45, 0x4c, 0x46]), 'an ELF executable'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'an old Excel (XLS) or Office file: save it as XLSX or CSV'],
  [Buffer.from('Rar!'), 'a RAR archive'],
  [Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), 'a 7-Zip archive'],
];

const delimiterTypes: Readonly<Record<string, Exclude<SniffedType, 'xlsx'>>> = {
  ',': 'csv',
  '\t': 'tsv',
  '|': 'psv',
  ';': 'ssv',
};

/** What the first bytes of a file are. */
export function sniffLeadFile(head: Buffer, delimiter?: string): Sniffed {
  if (head.length === 0) return { refused: 'is empty (0 bytes)' };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const names = head.toString('latin1');
    return names.includes('[Content_Types].xml') || names.includes('xl/')
      ? { type: 'xlsx' }
      : { refused: 'is a ZIP archive that is not an XLSX workbook' };
  }
  for (const [bytes, what] of magic)
    if (head.subarray(0, bytes.length).equals(bytes)) return { refused: `is ${what}` };
  if (
    head.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) ||
    head.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))
  )
    return { refused: 'is UTF-16 text: save it as UTF-8 CSV' };
  let nul = 0;
  for (const byte of head) if (byte === 0) nul++;
  // A NUL or two in a text file refuses the rows they are in; more is not text at all.
  if (nul > Math.max(2, head.length / 100)) return { refused: 'is binary, not a text file of rows' };
  const encoding = isUtf8Head(head) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(head);
  const chosen = delimiter ?? sniffDelimiter(text);
  const type = delimiterTypes[chosen];
  if (!type) return { refused: 'has no delimiter this import reads' };
  return { type, delimiter: chosen, encoding };
}

/** UTF-8 that may be cut in the middle of a character at the end of the head. */
function isUtf8Head(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The candidate that occurs most often outside quotes in the first line; a comma when none does. */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in delimiterTypes) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const [char, count] of counts)
    if (count > most) {
      best = char;
      most = count;
    }
  return best;
}

/** The head of a stream (at least `bytes` of it, or all of a shorter one) and the whole stream again. */
export async function peek(
  source: AsyncIterable<Buffer>,
  bytes = SNIFF_BYTES,
): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(taken);
  async function* chunks(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: head.subarray(0, bytes), chunks: chunks() };
}

export type FileRecord =
  /** `row`: the 1-based record number in the file, a header included. */
  { readonly row: number; readonly record: string[] } | { readonly row: number; readonly unreadable: string };

export class LeadFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeadFileError';
  }
}

/** The records of a delimited text file, one after another; a fatal problem throws LeadFileError. */
export async function* delimitedRecords(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  format: { readonly delimiter: string; readonly encoding: 'utf-8' | 'windows-1252' },
): AsyncGenerator<FileRecord> {
  const skipped: FileRecord[] = [];
  const parser = parse({
    delimiter: format.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
    on_skip: (error) => {
      if (!error) return;
      // Past this size csv-parse reads no further: the file stops here, said so.
      if (error.code === 'CSV_MAX_RECORD_SIZE') parser.destroy(tooLong());
      else skipped.push({ row: Number(error.records ?? 0) + 1, unreadable: readableCsvError(error.code) });
    },
  });
  async function* decoded(): AsyncGenerator<string> {
    const decoder = new TextDecoder(format.encoding);
    for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  const input = Readable.from(decoded());
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      // Skipped rows are reported as the parser meets them, which may be ahead of the records it
      // has handed over: each is yielded in its place.
      while ((skipped[0]?.row ?? Infinity) < item.info.records) yield skipped.shift() as FileRecord;
      yield { row: item.info.records, record: item.record };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw tooLong();
    throw error;
  } finally {
    input.destroy();
  }
  while (skipped.length > 0) yield skipped.shift() as FileRecord;
}

function tooLong(): LeadFileError {
  return new LeadFileError(
    `a row is longer than ${MAX_RECORD_BYTES} bytes: most likely a quote that is never closed; nothing after it was read`,
  );
}

function readableCsvError(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed before the end of the file';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a field is not doubled';
    default:
      return `cannot be read as a row (${code})`;
  }
}
