import { describe, expect, it } from 'vitest';
import { csvLine, neutralise } from './lead-export.js';
import { sniffLeadFile } from './lead-file.js';
import { guessFields, resolveMapping, type ResolvedMapping } from './lead-mapping.js';
import { leadFromRecord } from './lead-row.js';
import { zonesOf } from './lead-time-zones.js';

const mapping = (fields: ResolvedMapping['fields'], defaultCallingCode?: string): ResolvedMapping => ({
  fields,
  custom: [],
  headerSkipped: false,
  defaultCallingCode,
});

describe('a lead row', () => {
  it('reads national numbers by calling code, country, default region, then preset code', () => {
    const m = mapping({ phone: 0, phoneCountryCode: 1, country: 2 });
    expect(leadFromRecord(['1625551212', '01144', ''], m, undefined)).toMatchObject({
      lead: { phone: '+441625551212', region: 'GB' },
    });
    expect(leadFromRecord(['1625551212', '0044', ''], m, undefined)).toMatchObject({
      lead: { phone: '+441625551212' },
    });
    expect(leadFromRecord(['01625 551212', '', 'UK'], m, 'US')).toMatchObject({
      lead: { phone: '+441625551212' },
    });
    expect(leadFromRecord(['(352) 555-6601', '', ''], m, 'US')).toMatchObject({
      lead: { phone: '+13525556601', region: 'US' },
    });
    expect(leadFromRecord(['902 555 1212', '', ''], mapping({ phone: 0 }, '1'), undefined)).toMatchObject({
      lead: { phone: '+19025551212', region: 'CA' },
    });
    expect(leadFromRecord(['3525556601', '', ''], m, undefined)).toEqual({
      rejected: {
        field: 'phone',
        reason: 'is not an international number (+...) and the list has no default region',
      },
    });
    expect(leadFromRecord(['1625551212', '0', ''], m, undefined)).toEqual({
      rejected: { field: 'phoneCountryCode', reason: 'is not a country calling code' },
    });
  });

  it('places the lead in time: explicit zone, then state, then country; candidates when unsure', () => {
    const m = mapping({ phone: 0, state: 1, timeZone: 2 });
    expect(leadFromRecord(['+12125550101', 'Texas', ''], m, undefined)).toMatchObject({
      lead: {
        subdivision: 'US-TX',
        zones: { zone: 'America/Chicago', candidates: ['America/Chicago', 'America/Denver'] },
      },
    });
    expect(leadFromRecord(['+12125550101', '', 'America/Denver'], m, undefined)).toMatchObject({
      lead: { zones: { zone: 'America/Denver', candidates: ['America/Denver'], source: 'field' } },
    });
    // A state of another country than the number's is not applied.
    expect(leadFromRecord(['+441625551212', 'FL', ''], m, undefined)).toMatchObject({
      lead: { subdivision: null, zones: { zone: 'Europe/London', source: 'country' } },
    });
    // A US or Canadian number without a state: its area code (Google's prefix map), else every zone.
    expect(leadFromRecord(['+12125550101', '', ''], m, undefined)).toMatchObject({
      lead: { zones: { zone: 'America/New_York', candidates: ['America/New_York'], source: 'area_code' } },
    });
    expect(leadFromRecord(['+12045550101', '', ''], m, undefined)).toMatchObject({
      lead: { region: 'CA', zones: { zone: 'America/Winnipeg', source: 'area_code' } },
    });
    // 208 (Idaho) is split by exchange: every zone of it, none shown.
    expect(leadFromRecord(['+12085550101', '', ''], m, undefined)).toMatchObject({
      lead: {
        zones: {
          zone: null,
          candidates: ['America/Boise', 'America/Los_Angeles', 'America/Denver'],
          source: 'area_code',
        },
      },
    });
    // A state still wins over the area code (a New York number, a Texas address).
    expect(leadFromRecord(['+12125550101', 'TX', ''], m, undefined)).toMatchObject({
      lead: { zones: { zone: 'America/Chicago', source: 'subdivision' } },
    });
    const unknownAreaCode = zonesOf({ region: 'US', areaCode: '000' });
    expect(unknownAreaCode).toMatchObject({ zone: null, source: 'region_candidates' });
    expect(unknownAreaCode.candidates).toContain('Pacific/Honolulu');
    expect(zonesOf({ region: 'BR' })).toEqual({ zone: null, candidates: [], source: null });
    expect(leadFromRecord(['+12125550101', '', 'Not/AZone'], m, undefined)).toMatchObject({
      rejected: { field: 'timeZone' },
    });
  });

  it('refuses control characters and overlong values, naming the field', () => {
    const m: ResolvedMapping = {
      ...mapping({ phone: 0, firstName: 1 }),
      custom: [{ name: 'notes', column: 2 }],
    };
    expect(leadFromRecord(['+12125550101', 'a\u0000b', ''], m, undefined)).toMatchObject({
      rejected: { field: 'firstName' },
    });
    expect(leadFromRecord(['+12125550101', 'ok', 'x'.repeat(1001)], m, undefined)).toEqual({
      rejected: { field: 'custom.notes', reason: 'is longer than 1000 characters' },
    });
    expect(leadFromRecord(['+12125550101', 'ok', 'multi\nline\tnote'], m, undefined)).toMatchObject({
      lead: { personal: { firstName: 'ok', custom: { notes: 'multi\nline\tnote' } } },
    });
  });
});

describe('mappings', () => {
  it('guesses fields from common header names, and names what does not fit', () => {
    expect(guessFields(['Phone Number', 'E-Mail', 'First Name', 'ZIP'])).toEqual({
      phone: 1,
      email: 2,
      firstName: 3,
      postalCode: 4,
    });
    expect(resolveMapping({ fields: { phone: 'mobile' } }, ['phone'])).toEqual({
      ok: false,
      problems: [
        { field: 'mapping.fields.phone', message: "names the column 'mobile', which the file does not have" },
      ],
    });
    expect(resolveMapping({ hasHeader: false }, ['+12125550101'])).toMatchObject({
      ok: false,
      problems: [{ field: 'mapping.fields.phone' }],
    });
    expect(resolveMapping({ hasHeader: false, fields: { phone: 1 } }, ['+12125550101', 'x'])).toMatchObject({
      ok: true,
      resolved: { fields: { phone: 0 }, custom: [{ name: 'column_2', column: 1 }], headerSkipped: false },
    });
  });
});

describe('file sniffing', () => {
  it('reads the type from the bytes', () => {
    expect(sniffLeadFile(Buffer.from('a|b|c\n1|2|3\n'))).toEqual({
      type: 'psv',
      delimiter: '|',
      encoding: 'utf-8',
    });
    expect(sniffLeadFile(Buffer.from('"a,b";c;d\n'))).toMatchObject({ type: 'ssv' });
    expect(sniffLeadFile(Buffer.from('a\tb\n'))).toMatchObject({ type: 'tsv' });
    expect(sniffLeadFile(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x2c, 0x31]))).toMatchObject({
      type: 'csv',
      encoding: 'windows-1252',
    });
    expect(sniffLeadFile(Buffer.from('%PDF-1.4'))).toEqual({ refused: 'is a PDF document' });
    expect(sniffLeadFile(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toEqual({
      refused: 'is UTF-16 text: save it as UTF-8 CSV',
    });
    expect(sniffLeadFile(Buffer.alloc(100))).toEqual({ refused: 'is binary, not a text file of rows' });
    expect(
      sniffLeadFile(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.xml')])),
    ).toEqual({ type: 'xlsx' });
    expect(sniffLeadFile(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('hello.txt')]))).toEqual({
      refused: 'is a ZIP archive that is not an XLSX workbook',
    });
  });
});

describe('export cells', () => {
  it('neutralises anything a spreadsheet would run', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '  =cmd'])
      expect(neutralise(cell)).toBe(`'${cell}`);
    expect(neutralise('Frank')).toBe('Frank');
    expect(csvLine(['a,b', '=x', 'say "hi"'])).toBe(`"a,b",'=x,"say ""hi"""\r\n`);
  });
});
