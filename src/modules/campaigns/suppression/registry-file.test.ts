import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customerNumbers } from './opt-out.handler.js';
import { toE164 } from './phone-number.js';
import { readRegistryFile } from './registry-file.js';

async function lines(chunks: string[]): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  const file = chunks.map((chunk) => Buffer.from(chunk));
  for await (const line of readRegistryFile(file, createHash('sha256'))) out.push(line);
  return out;
}

describe('registry files', () => {
  it('reads one number a line across chunk boundaries, joins FTC area-code rows, skips comments and blanks', async () => {
    expect(
      await lines([
        '\uFEFF# header comment\r\n201,555',
        '0123\n\n2015550124\r\n"+44 20 7946 0000";x\n',
        '2015550125',
      ]),
    ).toEqual(['2015550123', '2015550124', '+44 20 7946 0000', '2015550125']);
  });

  it('gives null for a line too long to be a number', async () => {
    expect(await lines([`${'9'.repeat(300)}\n2015550123\n`])).toEqual([null, '2015550123']);
  });

  it('normalises numbers to the E.164 string leads store', () => {
    expect(toE164('2015550123', 'US')).toBe('+12015550123');
    expect(toE164('+1 (201) 555-0123')).toBe('+12015550123');
    expect(toE164('hello', 'US')).toBeUndefined();
    expect(toE164('+999')).toBeUndefined();
  });
});

describe("a recording's customer number", () => {
  it('is the customer party, else the parties not marked agent; E.164 only', () => {
    expect(
      customerNumbers([
        { role: 'agent', number: '+12015550100' },
        { role: 'customer', number: '+1 415 555 0199' },
      ]),
    ).toEqual(['+14155550199']);
    expect(customerNumbers([{ role: 'agent', number: '+12015550100' }, { number: '+14155550199' }])).toEqual([
      '+14155550199',
    ]);
    expect(
      customerNumbers([
        { role: 'customer', number: '2001' },
        { role: 'agent', name: 'Ann' },
      ]),
    ).toEqual([]);
    expect(customerNumbers([{ role: 'customer', number: 'sip:bob@example.com' }])).toEqual([]);
  });
});
