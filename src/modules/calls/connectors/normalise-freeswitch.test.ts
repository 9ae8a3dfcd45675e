import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalisedCall } from '../call-record.js';
import {
  FREESWITCH_CSV_DEFAULT_COLUMNS,
  columnsFromFreeswitchTemplate,
  freeswitchCsvItems,
  freeswitchJsonItems,
  freeswitchXmlItems,
  normaliseFreeswitchCsv,
  normaliseFreeswitchJson,
  normaliseFreeswitchXml,
} from './normalise-freeswitch.js';
import type { ParsedItem, RecordRaw } from './parse-result.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/freeswitch');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

/** The raw archived with the only record of a payload. */
function onlyRaw(items: ParsedItem[]): RecordRaw {
  const records = items.flatMap((item) => (item.kind === 'record' ? [item.raw] : []));
  expect(records).toHaveLength(1);
  const [raw] = records;
  if (!raw) throw new Error('no record');
  return raw;
}

function only(result: { records: NormalisedCall[]; quarantined: unknown[] }): NormalisedCall {
  expect(result.quarantined).toEqual([]);
  expect(result.records).toHaveLength(1);
  const [record] = result.records;
  if (!record) throw new Error('no record');
  return record;
}

describe('freeswitch/cdr-1.json (mod_json_cdr)', () => {
  const call = only(normaliseFreeswitchJson(fixture('cdr-1.json')));

  it('times the call from the microsecond epochs', () => {
    expect(call).toMatchObject({
      sourceCallId: '3da8bf84-c133-4959-9e24-e72875cb33a1',
      startedAt: '2018-01-11T10:25:44.534Z',
      answeredAt: '2018-01-11T10:25:47.954Z',
      endedAt: '2018-01-11T10:26:55.494Z',
      ringSeconds: 3,
      talkSeconds: 68,
      totalSeconds: 71,
      disposition: 'answered',
    });
  });

  it('takes the numbers from the callflow caller profile', () => {
    expect(call.from.raw).toBe('1001');
    expect(call.to.raw).toBe('1002');
    expect(call.direction).toBe('internal');
  });

  it('archives the mod_json_cdr document itself', () => {
    const raw = onlyRaw(freeswitchJsonItems(fixture('cdr-1.json')));
    expect(raw).toEqual({ format: 'json', document: JSON.parse(fixture('cdr-1.json')) as unknown });
  });

  it('keeps the cause codes and the MOS', () => {
    expect(call.causeCodes).toEqual({ q850: 16, sip: 200, sourceText: 'NORMAL_CLEARING' });
    expect(call.quality?.mos).toBe(4.5);
    expect(call.attributes).toMatchObject({
      switchname: 'FSDev1',
      bridge_uuid: 'f52c26f1-b018-4963-bf6d-a3111d1a0320',
    });
  });
});

describe('freeswitch/cdr-2.json (mod_json_cdr with callStats and holds)', () => {
  const call = only(normaliseFreeswitchJson(fixture('cdr-2.json')));

  it('uses epochs, not the server-local stamps (server was UTC-4)', () => {
    // start_stamp says 07:09:18 local; start_uepoch is 11:09:18.006Z.
    expect(call.startedAt).toBe('2018-03-14T11:09:18.006Z');
    expect(call).toMatchObject({ ringSeconds: 9, talkSeconds: 21, totalSeconds: 30 });
  });

  it('reports the worse MOS and the hold time', () => {
    expect(call.quality?.mos).toBe(4.49);
    expect(call.attributes.hold_accum_seconds).toBe('15');
    expect(call.causeCodes.sip).toBe(200);
  });
});

describe('freeswitch/cdr-xml-1.xml (mod_xml_cdr, URL-encoded)', () => {
  const call = only(normaliseFreeswitchXml(fixture('cdr-xml-1.xml'), { defaultCountry: 'ES' }));

  it('decodes the values and reads an unanswered, refused call', () => {
    expect(call).toMatchObject({
      sourceCallId: '80183ec8-d424-11e3-8fb2-65b6c3cdac7d',
      startedAt: '2014-05-05T07:11:38.421Z',
      answeredAt: null,
      talkSeconds: 0,
      totalSeconds: 0,
      disposition: 'failed',
    });
    expect(call.attributes.endpoint_disposition).toBe('DELAYED NEGOTIATION');
    expect(call.attributes.sip_hangup_disposition).toBe('send_refuse');
  });

  it('archives the XML text as received', () => {
    expect(onlyRaw(freeswitchXmlItems(fixture('cdr-xml-1.xml')))).toEqual({
      format: 'xml',
      text: fixture('cdr-xml-1.xml'),
    });
  });

  it('keeps the dialled number raw even though it is not a valid number', () => {
    expect(call.to).toEqual({ raw: '003468888646444', e164: null, displayName: null });
    expect(call.from.raw).toBe('8009');
  });
});

describe('freeswitch/Master-cdr_csv-1.csv (mod_cdr_csv default template)', () => {
  const result = normaliseFreeswitchCsv(fixture('Master-cdr_csv-1.csv'), {
    defaultCountry: 'ES',
    timeZone: 'UTC',
  });

  it('reads all 5 rows', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(5);
  });

  it('converts local stamps with the tenant zone (this server ran in UTC, as its v1 UUIDs show)', () => {
    expect(result.records[0]?.startedAt).toBe('2014-05-29T16:59:50.000Z');
    const madrid = normaliseFreeswitchCsv(fixture('Master-cdr_csv-1.csv'), { timeZone: 'Europe/Madrid' });
    expect(madrid.records[0]?.startedAt).toBe('2014-05-29T14:59:50.000Z');
  });

  it('normalises every spelling of the Spanish number it can', () => {
    expect(result.records.map((record) => record.to.e164)).toEqual([
      '+34688886392',
      '+34688886392',
      '+34688886392',
      '+34688886392',
      null,
    ]);
    expect(result.records[4]?.to.raw).toBe('00034688886392');
  });

  it('archives each row under the template’s variable names, with its line', () => {
    const items = freeswitchCsvItems(fixture('Master-cdr_csv-1.csv'));
    const second = items[1];
    if (second?.kind !== 'record' || second.raw.format !== 'csv') throw new Error('no CSV record');
    const [row] = second.raw.rows;
    expect(row?.line).toBe(2);
    expect(row?.text).toBe(fixture('Master-cdr_csv-1.csv').split('\n')[1]);
    expect(Object.keys(row?.fields ?? {})).toEqual(FREESWITCH_CSV_DEFAULT_COLUMNS);
    expect(row?.fields).toMatchObject({
      caller_id_number: '9008',
      destination_number: '+34688886392',
      uuid: 'e29ff0ae-e752-11e3-8bff-65b6c3cdac7d',
    });
  });

  it('calls a zero-second unanswered attempt failed', () => {
    expect(
      result.records.every((record) => record.disposition === 'failed' && record.talkSeconds === 0),
    ).toBe(true);
  });
});

describe('FreeSWITCH direction', () => {
  // <direction>inbound</direction> is the channel's: the switch received this leg. It came in on
  // the `external` profile into the `public` context (outside_call=true), from "8009" at an outside
  // address, dialling 003468888646444: an outside party calling in, whatever it dialled.
  it('reads the inbound A-leg of cdr-xml-1.xml as an inbound call and keeps "inbound" as written', () => {
    const call = only(normaliseFreeswitchXml(fixture('cdr-xml-1.xml'), { defaultCountry: 'ES' }));
    expect(call).toMatchObject({ direction: 'inbound', sourceDirection: 'inbound' });
    expect(call.from.raw).toBe('8009');
    expect(call.to.raw).toBe('003468888646444');
  });

  it.each([
    ['cdr-1.json', 'internal'],
    ['cdr-2.json', 'internal'],
  ])('%s states no direction: null as source direction, %s from the parties', (name, direction) => {
    expect(only(normaliseFreeswitchJson(fixture(name)))).toMatchObject({ direction, sourceDirection: null });
  });

  it('has no direction in the default cdr_csv template, but reads one a template writes', () => {
    const stock = normaliseFreeswitchCsv(fixture('Master-cdr_csv-1.csv')).records;
    expect(stock.every((record) => record.sourceDirection === null)).toBe(true);
    const columns = columnsFromFreeswitchTemplate(
      '"${uuid}","${direction}","${caller_id_number}","${destination_number}","${start_epoch}","${end_epoch}","${context}"',
    );
    const [call] = normaliseFreeswitchCsv(
      '"u-1","inbound","+442071838750","0611360468","1588582423","1588582500","public"',
      {
        freeswitchCsvColumns: columns,
        defaultCountry: 'FR',
      },
    ).records;
    expect(call).toMatchObject({ sourceDirection: 'inbound', direction: 'inbound' });
  });

  const document = (variables: Record<string, string>, channelDirection?: string) => ({
    channel_data: channelDirection ? { direction: channelDirection } : {},
    variables: { uuid: 'u-1', start_epoch: '1577872800', end_epoch: '1577872830', ...variables },
  });

  it('reads a leg the switch received from a registered phone by what it dialled', () => {
    const call = only(
      normaliseFreeswitchJson(
        document(
          { caller_id_number: '1001', destination_number: '0611360468', context: 'default' },
          'inbound',
        ),
        { defaultCountry: 'FR' },
      ),
    );
    expect(call).toMatchObject({ sourceDirection: 'inbound', direction: 'outbound' });
  });

  it('reads a leg the switch placed (outbound B-leg) by its parties', () => {
    const call = only(
      normaliseFreeswitchJson(
        document(
          { caller_id_number: '+442071838750', destination_number: '1002', context: 'default' },
          'outbound',
        ),
      ),
    );
    expect(call).toMatchObject({ sourceDirection: 'outbound', direction: 'inbound' });
  });

  it("follows the PBX's own call_direction (FusionPBX) where the dialplan sets one", () => {
    const call = only(
      normaliseFreeswitchJson(
        document({ caller_id_number: '1001', destination_number: '*97', call_direction: 'local' }, 'inbound'),
      ),
    );
    expect(call).toMatchObject({ sourceDirection: 'inbound', direction: 'internal' });
    expect(call.attributes.call_direction).toBe('local');
  });
});

describe('FreeSWITCH edge cases', () => {
  it('quarantines a document without variables or uuid', () => {
    expect(normaliseFreeswitchJson('{"core-uuid":"x"}').quarantined[0]?.reason).toMatch(/no "variables"/);
    expect(normaliseFreeswitchJson('{"variables":{"start_epoch":"1"}}').quarantined[0]?.reason).toBe(
      'CDR has no channel uuid',
    );
    expect(normaliseFreeswitchJson('{not json').quarantined[0]?.reason).toMatch(/invalid JSON/);
    expect(normaliseFreeswitchXml('<cdr><variables>').quarantined[0]?.reason).toMatch(/XML|variables/);
  });

  it('decodes JSON written with encode-values', () => {
    const document = {
      variables: {
        uuid: 'abc',
        start_stamp: '2020-01-01%2010%3A00%3A00',
        start_epoch: '1577872800',
        end_epoch: '1577872830',
        billsec: '0',
        duration: '30',
        hangup_cause: 'NO_ANSWER',
        caller_id_number: '%2B442071838750',
        destination_number: '201',
      },
    };
    const call = only(normaliseFreeswitchJson(JSON.stringify(document)));
    expect(call.from.e164).toBe('+442071838750');
    expect(call.disposition).toBe('no_answer');
    expect(call.direction).toBe('inbound');
  });

  it('maps a custom cdr_csv template and rejects rows that do not fit it', () => {
    const columns = columnsFromFreeswitchTemplate(
      '"${uuid}","${caller_id_number}","${destination_number}","${start_epoch}","${answer_epoch}","${end_epoch}","${billsec}","${duration}","${hangup_cause}"',
    );
    const text =
      '"u-1","201","0611360468","1588582423","1588582428","1588582500","72","77","NORMAL_CLEARING"\n"u-2","201"';
    const result = normaliseFreeswitchCsv(text, { freeswitchCsvColumns: columns, defaultCountry: 'FR' });
    expect(result.records[0]).toMatchObject({
      direction: 'outbound',
      ringSeconds: 5,
      talkSeconds: 72,
      totalSeconds: 77,
    });
    expect(result.quarantined[0]?.reason).toBe('expected 9 columns of the cdr_csv template, got 2');
    expect(FREESWITCH_CSV_DEFAULT_COLUMNS).toHaveLength(15);
  });
});
