import { describe, expect, it } from 'vitest';
import { connectorOptionsQuery, isTimeZone, toConnectorOptions } from './connector-options.js';
import { ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS } from './normalise-asterisk.js';

describe('connector options from a query string or CLI flags', () => {
  it('reads time zones as Intl does', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    const parsed = connectorOptionsQuery.safeParse({ timeZone: 'Mars/Olympus' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['timeZone'] });
  });

  it('maps a cdr_custom layout, empty names kept only as extras, and "header"', () => {
    const columns = ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS.join(',');
    expect(toConnectorOptions('asterisk-custom-csv', { columns, timeZone: 'Indian/Antananarivo' })).toEqual({
      timeZone: 'Indian/Antananarivo',
      asteriskColumns: ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS,
    });
    expect(toConnectorOptions('asterisk-custom-csv', { columns: 'src,,dst' }).asteriskColumns).toEqual([
      'src',
      null,
      'dst',
    ]);
    expect(toConnectorOptions('asterisk-custom-csv', { columns: 'header' }).asteriskColumns).toBe('header');
  });

  it('refuses column names the format does not know, and columns for formats without a layout', () => {
    expect(() => toConnectorOptions('asterisk-custom-csv', { columns: 'src,caller_mood' })).toThrow(
      /caller_mood/,
    );
    expect(() => toConnectorOptions('3cx-csv', { columns: 'historyid,nonsense' })).toThrow(/nonsense/);
    expect(() => toConnectorOptions('generic-json', { columns: 'a' })).toThrow(/do not apply/);
  });

  it('checks numbering options', () => {
    expect(
      connectorOptionsQuery.parse({
        defaultCountry: 'FR',
        ownNumbers: '+33123456789, +4930123456',
        extensionMaxDigits: '4',
        usegmtime: 'true',
      }),
    ).toEqual({
      defaultCountry: 'FR',
      ownNumbers: '+33123456789, +4930123456',
      extensionMaxDigits: 4,
      usegmtime: true,
    });
    expect(
      toConnectorOptions('asterisk-csv', { ownNumbers: '+33123456789, +4930123456' }).ownNumbers,
    ).toEqual(['+33123456789', '+4930123456']);
    expect(connectorOptionsQuery.safeParse({ defaultCountry: 'XX' }).success).toBe(false);
    expect(connectorOptionsQuery.safeParse({ ownNumbers: '0301234567' }).success).toBe(false);
  });
});
