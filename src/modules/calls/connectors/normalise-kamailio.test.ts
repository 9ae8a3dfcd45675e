import { describe, expect, it } from 'vitest';
import { compareSourceVersions } from '../call-record.js';
import { kamailioPayloadItems, normaliseKamailioAcc } from './normalise-kamailio.js';

/*
 * No captured acc_json output exists in the fixtures. These records follow what acc_json_mod.c
 * writes: the acc core keys (method, from_tag, to_tag, callid, sip_code, sip_reason) as JSON
 * strings, `time` as an integer (acc_time_mode 0), dialog CDR keys when cdr_enable is on, and
 * extras named by acc_extra / cdr_extra (src_user, dst_user, ... as in the stock kamailio.cfg).
 */
const missedInvite = {
  method: 'INVITE',
  from_tag: 'a1b2c3',
  to_tag: '',
  callid: '3c26700f6a4b2b3e@192.0.2.10',
  sip_code: '486',
  sip_reason: 'Busy Here',
  time: 1714557600,
  src_user: '+442071838750',
  src_domain: 'carrier.example',
  src_ip: '192.0.2.10',
  dst_ouser: '201',
  dst_user: '201',
  dst_domain: 'pbx.example',
};

const dialogCdr = {
  callid: '9f8e7d6c@192.0.2.20',
  from_tag: 'f-1',
  to_tag: 't-1',
  sip_code: '200',
  sip_reason: 'OK',
  start_time: '1714557620.250',
  end_time: '1714557745.750',
  duration: '125.500',
  src_user: '201',
  dst_user: '07911123456',
};

describe('Kamailio acc_json: missed call (INVITE answered 486)', () => {
  const call = normaliseKamailioAcc(missedInvite, { defaultCountry: 'GB' }).records[0];

  it('is a busy inbound call at the accounting time', () => {
    expect(call).toMatchObject({
      source: 'sbc',
      sourceCallId: '3c26700f6a4b2b3e@192.0.2.10',
      disposition: 'busy',
      direction: 'inbound',
      sourceDirection: null,
      startedAt: '2024-05-01T10:00:00.000Z',
      answeredAt: null,
      talkSeconds: 0,
      causeCodes: { q850: null, sip: 486, sourceText: 'Busy Here' },
    });
    expect(call?.from.e164).toBe('+442071838750');
    expect(call?.attributes).toMatchObject({
      src_ip: '192.0.2.10',
      accRecord: 'transaction',
      from_tag: 'a1b2c3',
    });
  });
});

describe('Kamailio acc_json: dialog CDR (cdr_enable)', () => {
  const call = normaliseKamailioAcc(dialogCdr, { defaultCountry: 'GB' }).records[0];

  it('is an answered outbound call of 126 s from the dialog start', () => {
    expect(call).toMatchObject({
      disposition: 'answered',
      direction: 'outbound',
      startedAt: '2024-05-01T10:00:20.250Z',
      answeredAt: '2024-05-01T10:00:20.250Z',
      endedAt: '2024-05-01T10:02:25.750Z',
      talkSeconds: 126,
      ringSeconds: null,
    });
    expect(call?.to.e164).toBe('+447911123456');
    expect(call?.legs[0]?.legId).toBe('9f8e7d6c@192.0.2.20;ft=f-1;tt=t-1');
  });

  it('replaces the in-progress record made from the 200 OK INVITE', () => {
    const started = normaliseKamailioAcc({
      ...dialogCdr,
      method: 'INVITE',
      time: 1714557620,
      start_time: undefined,
      end_time: undefined,
      duration: undefined,
    }).records[0];
    expect(started).toMatchObject({ disposition: 'answered', endedAt: null });
    if (!started || !call) throw new Error('missing');
    expect(compareSourceVersions(call.sourceVersion, started.sourceVersion)).toBeGreaterThan(0);
  });

  it('reads formatted local times (acc_time_mode 3) in the tenant zone', () => {
    const local = normaliseKamailioAcc(
      { ...dialogCdr, start_time: '2024-05-01 12:00:20', end_time: '2024-05-01 12:02:25', duration: '125' },
      { timeZone: 'Europe/Berlin' },
    ).records[0];
    expect(local?.startedAt).toBe('2024-05-01T10:00:20.000Z');
  });
});

describe('Kamailio acc_json lines', () => {
  it('reads JSON Lines, skips non-INVITE transactions and quarantines broken lines', () => {
    const bye = { ...missedInvite, method: 'BYE', sip_code: '200', sip_reason: 'OK' };
    const text = [
      JSON.stringify(missedInvite),
      JSON.stringify(bye),
      '{"callid": ',
      JSON.stringify(dialogCdr),
    ].join('\n');
    const result = normaliseKamailioAcc(text);
    expect(result.records).toHaveLength(2);
    expect(result.skipped[0]?.reason).toMatch(/^BYE transaction record/);
    expect(result.quarantined[0]?.reason).toMatch(/invalid JSON/);
  });

  it('archives each line’s acc_json object with the record made from it', () => {
    const text = [JSON.stringify(missedInvite), JSON.stringify(dialogCdr)].join('\n');
    const raws = kamailioPayloadItems(text).map((item) => (item.kind === 'record' ? item.raw : null));
    expect(raws).toEqual([
      { format: 'json', document: missedInvite },
      { format: 'json', document: dialogCdr },
    ]);
  });

  it('reads one pretty-printed record as one record', () => {
    expect(normaliseKamailioAcc(JSON.stringify(dialogCdr, null, 2)).records).toHaveLength(1);
  });

  it('quarantines a record without callid or with an unreadable time', () => {
    const { callid: _omitted, ...noCallId } = missedInvite;
    expect(normaliseKamailioAcc(noCallId).quarantined[0]?.reason).toMatch(/^not an acc_json record: callid/);
    expect(normaliseKamailioAcc({ ...missedInvite, time: 'noon' }).quarantined[0]?.reason).toBe(
      'unreadable time "noon"',
    );
  });
});
