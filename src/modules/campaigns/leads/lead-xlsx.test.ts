import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LeadFileError, type FileRecord } from './lead-file.js';
import { checkXlsxArchive, xlsxRecords } from './lead-xlsx.js';
import { workbookOf, zipOf } from '../../../../test/support/xlsx-files.js';

const chunked = (bytes: Buffer) =>
  async function* () {
    for (let at = 0; at < bytes.length; at += 7000)
      yield await Promise.resolve(bytes.subarray(at, at + 7000));
  };
const open = (bytes: Buffer) => () => Promise.resolve(chunked(bytes)());

async function recordsOf(bytes: Buffer, sheet?: string): Promise<FileRecord[]> {
  await checkXlsxArchive(open(bytes));
  const out: FileRecord[] = [];
  for await (const record of xlsxRecords(chunked(bytes)(), sheet)) out.push(record);
  return out;
}

describe('XLSX lead files', () => {
  it('reads numbers as written, dates as ISO dates, and skips empty rows', async () => {
    const bytes = await workbookOf([
      ['phone', 'first name', 'born', 'note'],
      [14155552671, 'Ada', new Date(Date.UTC(1990, 4, 17)), { richText: [{ text: 'bo' }, { text: 'ld' }] }],
      [],
      [442071838750, 'Bob', null, { formula: '1+1', result: 2 }],
    ]);
    expect(await recordsOf(bytes)).toEqual([
      { row: 1, record: ['phone', 'first name', 'born', 'note'] },
      { row: 2, record: ['14155552671', 'Ada', '1990-05-17', 'bold'] },
      { row: 4, record: ['442071838750', 'Bob', '', '2'] },
    ]);
  });

  it('reads the sheet the mapping names, and names the sheets when it is missing', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['not leads']);
    workbook.addWorksheet('Calls').addRow(['+14155552671']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await recordsOf(bytes)).toEqual([{ row: 1, record: ['not leads'] }]);
    expect(await recordsOf(bytes, 'Calls')).toEqual([{ row: 1, record: ['+14155552671'] }]);
    await expect(recordsOf(bytes, 'Leads')).rejects.toThrow(
      /no sheet named 'Leads' \(its sheets: Notes, Calls\)/,
    );
  });

  it('refuses an entry that declares a ratio above 100:1 before inflating it', async () => {
    const bomb = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) },
    ]);
    await expect(checkXlsxArchive(open(bomb))).rejects.toThrow(/inflates \d+ times its size/);
  });

  it('refuses an entry that inflates past the size it declares', async () => {
    const lying = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20), declared: 1000 },
    ]);
    const refused = await checkXlsxArchive(open(lying)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LeadFileError);
    expect((refused as Error).message).toMatch(/inflates to more than the 1000 bytes it declares/);
  });

  it('refuses an archive of too many entries and one cut short', async () => {
    const many = zipOf(Array.from({ length: 1001 }, (_, i) => ({ name: `e${i}`, data: Buffer.from('x') })));
    await expect(checkXlsxArchive(open(many))).rejects.toThrow(/1001 entries/);
    const bytes = await workbookOf([['phone'], ['+14155552671']]);
    await expect(checkXlsxArchive(open(bytes.subarray(0, bytes.length - 30)))).rejects.toThrow(LeadFileError);
  });
});
