import { describe, expect, it } from 'vitest';
import { addressUser, directionFromParties, parseCallerId, toE164, toParty } from './party-number.js';

describe('toE164', () => {
  it('reads national numbers with the default region', () => {
    expect(toE164('0611360468', { defaultCountry: 'FR' })).toBe('+33611360468');
    expect(toE164('89245555937', { defaultCountry: 'RU' })).toBe('+79245555937');
    expect(toE164('0034688886392', { defaultCountry: 'ES' })).toBe('+34688886392');
  });

  it('reads numbers inside SIP and tel URIs', () => {
    expect(toE164('sip:+15107571675@carrier.example;user=phone')).toBe('+15107571675');
    expect(toE164('tel:+18003335555')).toBe('+18003335555');
  });

  it('never turns an extension or a masked number into E.164', () => {
    expect(toE164('1001', { defaultCountry: 'US' })).toBeNull();
    expect(toE164('+12345678***')).toBeNull();
    expect(toE164('Ext.610', { defaultCountry: 'FR' })).toBeNull();
    expect(toE164('+190011112222')).toBeNull();
  });

  it('needs a region for a national number', () => {
    expect(toE164('0611360468')).toBeNull();
  });
});

describe('toParty', () => {
  it('keeps the raw string even when no E.164 form exists', () => {
    expect(toParty('client1', '', {})).toEqual({ raw: 'client1', e164: null, displayName: null });
  });

  it('turns blanks into null', () => {
    expect(toParty('  ', undefined)).toEqual({ raw: null, e164: null, displayName: null });
  });
});

describe('parseCallerId', () => {
  it('splits Asterisk caller ids', () => {
    expect(parseCallerId('"Alice" <100>')).toEqual({ name: 'Alice', number: '100' });
    expect(parseCallerId('"" <client1>')).toEqual({ name: null, number: 'client1' });
    expect(parseCallerId('Bob <200>')).toEqual({ name: 'Bob', number: '200' });
    expect(parseCallerId('300')).toEqual({ name: null, number: '300' });
  });
});

describe('addressUser', () => {
  it('strips scheme, brackets, host and parameters', () => {
    expect(addressUser('"Bob" <sip:200@pbx.example:5060;transport=udp>')).toBe('200');
  });
});

describe('directionFromParties', () => {
  const options = { defaultCountry: 'GB' as const, ownNumbers: ['+442071838750'] };

  it('calls from outside to an extension or to the tenant number are inbound', () => {
    expect(
      directionFromParties(toParty('07700900123', null, options), toParty('201', null, options), options),
    ).toBe('inbound');
    expect(
      directionFromParties(
        toParty('07700900123', null, options),
        toParty('02071838750', null, options),
        options,
      ),
    ).toBe('inbound');
  });

  it('extension to outside is outbound, extension to extension internal', () => {
    expect(
      directionFromParties(toParty('201', null, options), toParty('07700900123', null, options), options),
    ).toBe('outbound');
    expect(directionFromParties(toParty('201', null, options), toParty('202', null, options), options)).toBe(
      'internal',
    );
  });

  it('says unknown rather than guess', () => {
    expect(directionFromParties(toParty('client1', null), toParty('6789', null))).toBe('unknown');
  });
});
