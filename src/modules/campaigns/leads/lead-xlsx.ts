import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { LeadFileError, type FileRecord } from './lead-file.js';

/*
 * XLSX lead files, in constant memory. An XLSX workbook is a ZIP archive, so before exceljs'
 * streaming WorkbookReader inflates anything the archive is checked in two passes over the stored
 * bytes:
 *   1. its central directory (read from the last bytes of the file): how many entries, their
 *      declared inflated sizes, each entry's ratio of inflated to compressed bytes;
 *   2. every entry inflated to nowhere, counting the bytes it really gives: an entry that inflates
 *      past what it declared, past the ratio or past the total limit stops the pass at once, so a
 *      ZIP bomb costs at most the limit in CPU time and nothing in memory.
 * Local headers must agree with the central directory (name and method), so the entries exceljs
 * reads (it walks local headers) are the ones checked. Then the first sheet (or the mapping's
 * `sheet`) is read row by row; cells become the strings the CSV path reads.
 */

export interface ZipLimits {
  /** Entries in the archive; a workbook of one sheet has about ten. */
  readonly maxEntries: number;
  /** Inflated bytes of all entries together, declared and actual. */
  readonly maxInflatedBytes: number;
  /** Inflated : compressed, checked on an entry that inflates to more than `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntries: 1000,
  maxInflatedBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

/** The end of the file kept to find the central directory: 1 MiB of entries and the largest comment. */
const TAIL_BYTES = 1024 * 1024 + 22 + 0xffff;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface CentralEntry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly inflated: number;
  readonly localOffset: number;
}

/** Opens the stored file again from its first byte. */
export type OpenFile = () => Promise<AsyncIterable<Buffer>>;

/** Throws LeadFileError naming why the archive is refused; resolves when it is safe to read. */
export async function checkXlsxArchive(open: OpenFile, limits: ZipLimits = defaultZipLimits): Promise<void> {
  const { tail, size } = await tailOf(await open());
  const entries = centralDirectory(tail, size, limits);
  await inflateAll(await open(), entries, limits);
}

async function tailOf(chunks: AsyncIterable<Buffer>): Promise<{ tail: Buffer; size: number }> {
  let tail = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > TAIL_BYTES * 2) tail = Buffer.from(tail.subarray(tail.length - TAIL_BYTES));
  }
  return { tail: tail.subarray(Math.max(0, tail.length - TAIL_BYTES)), size };
}

function refuse(reason: string): LeadFileError {
  return new LeadFileError(`is refused as a ZIP bomb or a damaged workbook: ${reason}`);
}

function centralDirectory(tail: Buffer, size: number, limits: ZipLimits): CentralEntry[] {
  let end = -1;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at--)
    if (tail.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  if (end < 0) throw refuse('it has no ZIP end record (the file is cut short or not a ZIP archive)');
  const count = tail.readUInt16LE(end + 10);
  const directoryBytes = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw refuse('it is a ZIP64 archive, larger than any lead file this import takes');
  if (count > limits.maxEntries)
    throw refuse(`it has ${count} entries; a workbook is taken with at most ${limits.maxEntries}`);
  const start = directoryOffset - (size - tail.length);
  if (start < 0 || start + directoryBytes > end)
    throw refuse('its central directory is not where its end record says');
  const entries: CentralEntry[] = [];
  let declared = 0;
  for (let at = start, n = 0; n < count; n++) {
    if (at + 46 > end || tail.readUInt32LE(at) !== CENTRAL) throw refuse('its central directory is damaged');
    const nameLength = tail.readUInt16LE(at + 28);
    const entry: CentralEntry = {
      method: tail.readUInt16LE(at + 10),
      compressed: tail.readUInt32LE(at + 20),
      inflated: tail.readUInt32LE(at + 24),
      name: tail.toString('utf8', at + 46, at + 46 + nameLength),
      localOffset: tail.readUInt32LE(at + 42),
    };
    at += 46 + nameLength + tail.readUInt16LE(at + 30) + tail.readUInt16LE(at + 32);
    if (entry.method !== 0 && entry.method !== 8)
      throw refuse(`entry ${entry.name} uses compression method ${entry.method}; XLSX uses deflate`);
    if (entry.localOffset + entry.compressed > size) throw refuse(`entry ${entry.name} runs past the file`);
    declared += entry.inflated;
    if (declared > limits.maxInflatedBytes)
      throw refuse(`its entries declare more than ${limits.maxInflatedBytes} bytes when inflated`);
    checkRatio(entry.name, entry.inflated, entry.compressed, limits);
    entries.push(entry);
  }
  return entries.sort((a, b) => a.localOffset - b.localOffset);
}

function checkRatio(name: string, inflated: number, compressed: number, limits: ZipLimits): void {
  if (inflated > limits.ratioFloorBytes && inflated / Math.max(compressed, 1) > limits.maxRatio)
    throw refuse(
      `entry ${name} inflates ${Math.round(inflated / Math.max(compressed, 1))} times its size (at most ${limits.maxRatio}:1 is taken)`,
    );
}

/** Reads bytes from a stream in order: a few to look at, or a run handed on without keeping it. */
class Cursor {
  private pending: Buffer = Buffer.alloc(0);
  position = 0;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(bytes: number): Promise<boolean> {
    while (this.pending.length < bytes) {
      const next = await this.source.next();
      if (next.done) return false;
      this.pending = this.pending.length === 0 ? next.value : Buffer.concat([this.pending, next.value]);
    }
    return true;
  }

  async read(bytes: number): Promise<Buffer | undefined> {
    if (!(await this.fill(bytes))) return undefined;
    const taken = this.pending.subarray(0, bytes);
    this.pending = this.pending.subarray(bytes);
    this.position += bytes;
    return taken;
  }

  async *run(bytes: number): AsyncGenerator<Buffer> {
    let left = bytes;
    while (left > 0) {
      if (this.pending.length === 0 && !(await this.fill(1))) return;
      const taken = this.pending.subarray(0, Math.min(left, this.pending.length));
      this.pending = this.pending.subarray(taken.length);
      this.position += taken.length;
      left -= taken.length;
      yield taken;
    }
  }

  async skipTo(position: number): Promise<void> {
    if (position < this.position) throw refuse('its entries overlap');
    for await (const _passed of this.run(position - this.position)) {
      // Passed over: bytes between entries are not looked at.
      continue;
    }
  }
}

async function inflateAll(
  chunks: AsyncIterable<Buffer>,
  entries: readonly CentralEntry[],
  limits: ZipLimits,
) {
  const cursor = new Cursor(chunks[Symbol.asyncIterator]());
  let total = 0;
  for (const entry of entries) {
    await cursor.skipTo(entry.localOffset);
    const header = await cursor.read(30);
    if (!header || header.readUInt32LE(0) !== LOCAL) throw refuse(`entry ${entry.name} has no local header`);
    const name = await cursor.read(header.readUInt16LE(26));
    await cursor.read(header.readUInt16LE(28));
    if (name?.toString('utf8') !== entry.name || header.readUInt16LE(8) !== entry.method)
      throw refuse(`entry ${entry.name}: its local header does not match the central directory`);
    let inflated = 0;
    const counter = new Writable({
      write(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        total += chunk.length;
        if (inflated > entry.inflated)
          done(refuse(`entry ${entry.name} inflates to more than the ${entry.inflated} bytes it declares`));
        else if (total > limits.maxInflatedBytes)
          done(refuse(`its entries inflate to more than ${limits.maxInflatedBytes} bytes`));
        else done();
      },
    });
    const data = Readable.from(cursor.run(entry.compressed));
    try {
      if (entry.method === 0) await pipeline(data, counter);
      else await pipeline(data, createInflateRaw(), counter);
    } catch (error) {
      if (error instanceof LeadFileError) throw error;
      throw refuse(`entry ${entry.name} cannot be inflated (${(error as Error).message})`);
    }
    checkRatio(entry.name, inflated, entry.compressed, limits);
  }
}

/** A cell's value as the text a CSV export of the sheet would carry. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Integers up to 1e21 print every digit (a phone number stays 14155552671, not 1.4E+10).
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    // exceljs reads a date cell as that day at 00:00 UTC: a date without a time stays a date.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return '';
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return cellText(value.text);
  return '';
}

/**
 * The rows of one sheet (the first, or the one named `sheet`) as records numbered as the sheet
 * numbers them. Run checkXlsxArchive on the same bytes first.
 */
export async function* xlsxRecords(
  chunks: AsyncIterable<Buffer>,
  sheet?: string,
): AsyncGenerator<FileRecord> {
  const input = Readable.from(chunks);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      const named = (worksheet as unknown as { name?: string }).name ?? '';
      seen.push(named);
      // Without a name, the first sheet of the workbook's own order when it is known.
      const wanted = sheet ?? firstSheetName(reader) ?? named;
      if (named !== wanted) continue;
      for await (const row of worksheet) {
        const values = row.values as ExcelJS.CellValue[];
        const record: string[] = [];
        for (let column = 1; column < values.length; column++) record.push(cellText(values[column]));
        if (record.every((text) => text.trim() === '')) continue;
        yield { row: row.number, record };
      }
      return;
    }
  } catch (error) {
    if (error instanceof LeadFileError) throw error;
    throw new LeadFileError(`cannot be read as an XLSX workbook (${(error as Error).message.slice(0, 200)})`);
  } finally {
    input.destroy();
  }
  throw new LeadFileError(
    sheet
      ? `has no sheet named '${sheet.slice(0, 31)}' (its sheets: ${seen.join(', ').slice(0, 300) || 'none'})`
      : 'has no sheet',
  );
}

function firstSheetName(reader: ExcelJS.stream.xlsx.WorkbookReader): string | undefined {
  const model = (reader as unknown as { model?: { sheets?: { name?: string; state?: string }[] } }).model;
  return model?.sheets?.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden')?.name;
}
