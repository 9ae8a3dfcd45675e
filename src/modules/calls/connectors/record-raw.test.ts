import { describe, expect, it } from 'vitest';
import { csvRowsFromText } from './csv-rows.js';
import { csvSourceRow, mergeCsvRaw, jsonRaw } from './record-raw.js';

function onlyRow(text: string) {
  const [row] = csvRowsFromText(text);
  if (row?.kind !== 'row') throw new Error('not a row');
  return row;
}

describe('csvSourceRow', () => {
  it('keeps every value when a header repeats a name or has too few names', () => {
    const row = onlyRow('a,b,c,d');
    expect(csvSourceRow(row, ['src', 'src', null]).fields).toEqual({
      src: 'a',
      column2: 'b',
      column3: 'c',
      column4: 'd',
    });
  });

  it('never lets a positional name swallow another value', () => {
    const fields = csvSourceRow(onlyRow('a,b,c'), ['column2', 'column2', 'column2']).fields;
    expect(Object.values(fields).sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps a column whatever it is called', () => {
    const fields = csvSourceRow(onlyRow('x,y'), ['__proto__', 'constructor']).fields;
    expect(JSON.parse(JSON.stringify(fields))).toEqual({ ['__proto__']: 'x', constructor: 'y' });
  });

  it('keeps a quoted field spanning lines as one row starting on its first line', () => {
    const rows = csvRowsFromText('first\n"two\nlines",z');
    const second = rows[1];
    if (second?.kind !== 'row') throw new Error('not a row');
    expect(csvSourceRow(second, ['note', 'other'])).toEqual({
      line: 2,
      text: '"two\nlines",z',
      fields: { note: 'two\nlines', other: 'z' },
    });
  });
});

describe('mergeCsvRaw', () => {
  const row = (line: number, text: string) => ({ line, text, fields: { text } });

  it('unites the rows of two deliveries, a repeated row once', () => {
    const merged = mergeCsvRaw(
      { format: 'csv', rows: [row(1, 'a'), row(2, 'b')] },
      { format: 'csv', rows: [row(7, 'b'), row(8, 'c')] },
    );
    expect(merged).toEqual({ format: 'csv', rows: [row(1, 'a'), row(2, 'b'), row(8, 'c')] });
  });

  it('takes the incoming raw when either is not CSV', () => {
    const incoming = jsonRaw({ id: 1 });
    expect(mergeCsvRaw({ format: 'csv', rows: [row(1, 'a')] }, incoming)).toBe(incoming);
  });
});
