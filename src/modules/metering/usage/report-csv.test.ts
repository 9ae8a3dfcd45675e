import { describe, expect, it } from 'vitest';
import { csvField, reportCsv } from './report-csv.js';

describe('the cost-allocation CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvField('The "Best" Shop')).toBe('"The ""Best"" Shop"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a header and one CRLF-ended row per line', () => {
    const csv = reportCsv(
      { id: 'ten_1', name: 'Acme, "North"' },
      { from: '2024-05-01', to: '2024-05-31' },
      'EUR',
      [
        {
          meter: 'orders',
          area: null,
          module: 'orders',
          unit: 'order',
          quantity: '2',
          unitPrice: '0.5',
          cost: '1.000000',
        },
        {
          meter: 'storage',
          area: 'audio',
          module: 'conversations',
          unit: 'GB-day',
          quantity: '1.5',
          unitPrice: '0',
          cost: '0.000000',
        },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'tenant_id,tenant_name,period_start,period_end,meter,area,module,quantity,unit,unit_price,currency,cost',
      'ten_1,"Acme, ""North""",2024-05-01,2024-05-31,orders,,orders,2,order,0.5,EUR,1.000000',
      'ten_1,"Acme, ""North""",2024-05-01,2024-05-31,storage,audio,conversations,1.5,GB-day,0,EUR,0.000000',
      '',
    ]);
  });
});
