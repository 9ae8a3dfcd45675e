import { describe, expect, it } from 'vitest';
import { meterNames } from '../meters.js';
import { priceLines, scalePrice } from './pricing.js';

const row = (day: string, meter: string, quantity: number | string, dimension = '') => ({
  day,
  meter,
  dimension,
  quantity: String(quantity),
});

describe('pricing a period', () => {
  it('lists every meter in catalogue order, used or not, with quantities in their units', () => {
    const { lines, totalCost } = priceLines([], new Map());
    expect(lines.map((line) => line.meter)).toEqual(meterNames);
    expect(lines.every((line) => line.quantity === '0' && line.cost === '0.000000')).toBe(true);
    expect(totalCost).toBe('0.000000');
  });

  it('sums days, converts base units and prices each line exactly', () => {
    const prices = new Map([
      ['call_records', scalePrice('0.001')],
      ['audio_minutes', scalePrice('0.02')],
      ['llm_input_tokens', scalePrice('0.15')],
      ['storage', scalePrice('0.0001')],
    ]);
    const { lines, totalCost, daily } = priceLines(
      [
        row('2024-05-01', 'call_records', 3),
        row('2024-05-02', 'call_records', 4),
        row('2024-05-01', 'audio_minutes', 90_000),
        row('2024-05-01', 'llm_input_tokens', 2_500),
        row('2024-05-01', 'storage', 2_000_000_000, 'audio'),
        row('2024-05-02', 'storage', 3_000_000_000, 'audio'),
        row('2024-05-02', 'storage', 500, 'exports'),
        row('2024-05-02', 'asterisk_minutes_from_a_newer_build', 7),
      ],
      prices,
    );
    const line = (meter: string, area: string | null = null) =>
      lines.find((l) => l.meter === meter && l.area === area);
    expect(line('call_records')).toMatchObject({
      quantity: '7',
      unit: 'record',
      unitPrice: '0.001',
      cost: '0.007000',
    });
    expect(line('audio_minutes')).toMatchObject({ quantity: '1.5', unit: 'minute', cost: '0.030000' });
    // 2 500 tokens at 0.15 per million: 0.000375.
    expect(line('llm_input_tokens')).toMatchObject({ quantity: '0.0025', cost: '0.000375' });
    // Byte-days: 5 GB-days at 0.0001.
    expect(line('storage', 'audio')).toMatchObject({
      module: 'conversations',
      quantity: '5',
      cost: '0.000500',
    });
    // Six decimals in the report: 500 bytes are a millionth of a GB-day, rounded up.
    expect(line('storage', 'exports')).toMatchObject({
      module: 'calls',
      quantity: '0.000001',
      cost: '0.000000',
    });
    expect(line('storage', null)).toBeUndefined();
    expect(line('orders')).toMatchObject({ quantity: '0', unitPrice: '0', cost: '0.000000' });
    expect(lines.some((l) => l.meter.startsWith('asterisk'))).toBe(false);
    expect(totalCost).toBe('0.037875');
    expect(daily).toContainEqual({ day: '2024-05-02', meter: 'storage', area: 'audio', quantity: '3' });
    expect(daily).toHaveLength(7);
  });

  it('sums costs before rounding them, so many tiny lines still add up', () => {
    // 1 ms at 0.004 per minute costs 0.0000000667 each; a line of 30 000 of them costs 0.002.
    const { lines, totalCost } = priceLines(
      [row('2024-05-01', 'audio_minutes', 30_000)],
      new Map([['audio_minutes', scalePrice('0.004')]]),
    );
    expect(lines.find((l) => l.meter === 'audio_minutes')?.cost).toBe('0.002000');
    expect(totalCost).toBe('0.002000');
  });
});
