import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdsItems } from './payload-items.js';

const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real', name));
const cucmHeader = fixture('cucm/cdr-1.csv').toString('utf8').split('\n').slice(0, 2).join('\n');

describe('holdsItems', () => {
  it('finds the records of real deliveries', async () => {
    expect(await holdsItems(fixture('asterisk/Master-1.csv'), 'asterisk-csv', {})).toBe(true);
    expect(await holdsItems(fixture('cucm/cdr-1.csv'), 'cucm-csv', {})).toBe(true);
    expect(await holdsItems(fixture('freeswitch/cdr-xml-1.xml'), 'freeswitch-xml', {})).toBe(true);
    expect(await holdsItems(fixture('teams/pstn-calls-1.json'), 'teams-json', {})).toBe(true);
    expect(await holdsItems(fixture('twilio/status-callback-1.txt'), 'twilio-form', {})).toBe(true);
  });

  it('finds none in empty lists, blank lines, header rows or a bare XML declaration', async () => {
    expect(await holdsItems(Buffer.from('\uFEFF [ ]\r\n'), 'generic-json', {})).toBe(false);
    expect(await holdsItems(Buffer.from('[[], []]'), 'generic-json', {})).toBe(false);
    expect(await holdsItems(Buffer.from('\n \n\t\n'), 'kamailio-json', {})).toBe(false);
    expect(await holdsItems(Buffer.from(`${cucmHeader}\n\n`), 'cucm-csv', {})).toBe(false);
    expect(await holdsItems(Buffer.from('<?xml version="1.0"?>\n'), 'freeswitch-xml', {})).toBe(false);
  });

  it('counts what will be quarantined as an item: the transform reports it with a reason', async () => {
    expect(await holdsItems(Buffer.from('[{"nonsense": true}]'), 'generic-json', {})).toBe(true);
    expect(await holdsItems(Buffer.from('not json at all'), 'generic-json', {})).toBe(true);
  });

  it('skips any amount of leading white space, and takes a body whose first record lies beyond its reach', async () => {
    expect(
      await holdsItems(
        Buffer.concat([Buffer.alloc(8 << 20, 0x0a), Buffer.from('{"callid":"x"}\n')]),
        'kamailio-json',
        {},
      ),
    ).toBe(true);
    expect(await holdsItems(Buffer.concat([Buffer.alloc(8 << 20, 0x20)]), 'generic-json', {})).toBe(false);
    const farRow = Buffer.concat([
      Buffer.from(`${cucmHeader}\n`),
      Buffer.alloc(1 << 20, 0x0a),
      fixture('cucm/cdr-2-noheader.csv'),
    ]);
    expect(await holdsItems(farRow, 'cucm-csv', {})).toBe(true);
  });
});
