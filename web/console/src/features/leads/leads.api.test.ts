import { describe, expect, it } from 'vitest';
import { previewHead } from './leads.api';

describe('the preview’s head of a lead file', () => {
  it('sends a small file whole', async () => {
    const file = new File(['phone\n+13055550123\n'], 'small.csv');
    expect(await previewHead(file)).toBe(file);
  });

  it('cuts a large text file after its last whole line within the first MiB', async () => {
    const line = '+13055550123,Ann,Example\n';
    const file = new File([line.repeat(60_000)], 'large.csv', { type: 'text/csv' });
    const head = await previewHead(file);
    expect(head.size).toBeLessThanOrEqual(1024 * 1024);
    expect(head.size % line.length).toBe(0);
    expect((await head.text()).endsWith(line)).toBe(true);
  });

  it('sends a ZIP (an XLSX workbook) whole: a cut archive cannot be read', async () => {
    const zip = new Uint8Array(2 * 1024 * 1024);
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    const file = new File([zip], 'leads.xlsx');
    expect(await previewHead(file)).toBe(file);
  });
});
