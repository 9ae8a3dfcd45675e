import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CallParty, NormalisedCall } from '../call-record.js';

/*
 * The plaintexts of a call's record_ciphertext and parties_ciphertext, in one of two encodings:
 * `compact` (written since the footprint work of issue 20) or `json` (written before; read forever,
 * and written by benchmarks that compare the two).
 *
 * The record: the plaintext of record_ciphertext. A record is about 2 KB of JSON (1.1–8 KB across the
 * real fixtures of nine sources, more with legs), most of it key names and values every record
 * repeats; encrypted as it is, it was two thirds of the bytes of a call in the index. It is
 * compressed before it is encrypted (compression after encryption gains nothing), with a preset
 * dictionary of what records repeat, so that even a one-leg record compresses well:
 *
 *   '{' ...            format 0, the JSON itself: rows written before compression (read forever)
 *   0x01 | deflateRaw  format 1, raw DEFLATE of the JSON with the preset dictionary DICTIONARY_V1
 *
 * JSON text never starts with byte 0x01, so the first byte tells the formats apart. The
 * dictionary of a format must never change (rows written with it could no longer be read): a
 * better dictionary is a new format byte. What a ciphertext gives away is its length, as before.
 */

export type RecordEncoding = 'json' | 'compact';

/** {from, to} of a call, as a list page shows it. */
export interface PartiesPlain {
  readonly from: CallParty;
  readonly to: CallParty;
}

const FORMAT_DEFLATE_V1 = 0x01;
const JSON_OPEN_BRACE = 0x7b;

/**
 * Key names and values of NormalisedCall as records repeat them (keys in their serialisation
 * order). Frozen: format 1 rows decompress with exactly these bytes.
 */
const DICTIONARY_V1 = Buffer.from(
  '"attributes":{"sequence":"duration":"billsec":"channel":"lastapp":"Hangup","dcontext":"amaflags":"DOCUMENTATION","uniqueid":"linkedid":"clid":"timeZone":"UTC"},' +
    '"causeCodes":{"q850":null,"sip":null,"sourceText":"ANSWERED"},"quality":{"mos":null,"jitterMs":null,"packetLossPct":null,"rttMs":null},' +
    '"legs":[{"legId":"from":{"raw":"e164":"+"displayName":null},"to":{"raw":"e164":null,"displayName":null},"startedAt":"2026-01-01T00:00:00.000Z","answeredAt":"endedAt":"ringSeconds":0,"talkSeconds":"disposition":"answered","no_answer","busy","failed","cancelled","voicemail",' +
    '"recordings":[],"agent":{"id":"name":"queue":{"id":"name":"holdSeconds":null,"afterCallWorkSeconds":null,"totalSeconds":"direction":"inbound","outbound","internal","sourceDirection":null,' +
    '{"source":"sourceCallId":"conversationId":"sourceVersion":',
  'utf8',
);

/** The record's plaintext in `encoding` (what is then encrypted). */
export function encodeRecord(call: NormalisedCall, encoding: RecordEncoding = 'compact'): Buffer {
  const json = Buffer.from(JSON.stringify(call), 'utf8');
  if (encoding === 'json') return json;
  const body = deflateRawSync(json, { dictionary: DICTIONARY_V1 });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = FORMAT_DEFLATE_V1;
  body.copy(out, 1);
  return out;
}

/** The record of a decrypted plaintext, in whichever format it was written. */
export function decodeRecord(plaintext: Buffer): NormalisedCall {
  const format = plaintext[0];
  if (format === JSON_OPEN_BRACE) return JSON.parse(plaintext.toString('utf8')) as NormalisedCall;
  if (format === FORMAT_DEFLATE_V1)
    return JSON.parse(
      inflateRawSync(plaintext.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8'),
    ) as NormalisedCall;
  throw new Error(`unknown call record format ${String(format)}`);
}

/*
 * The parties: the plaintext of parties_ciphertext, decrypted for every row of every list page.
 *
 *   {"from":{...},"to":{...}}                               json: rows written before
 *   [fromRaw, fromE164, fromName, toRaw, toE164, toName]     compact: a JSON array, e164 written
 *                                                            as 1 when it equals raw (the usual case)
 *
 * The key names were 60 of the ~150 bytes; the array keeps decoding one JSON.parse.
 */
type CompactParties = [
  string | null,
  string | 1 | null,
  string | null,
  string | null,
  string | 1 | null,
  string | null,
];

const SAME_AS_RAW = 1;

export function encodeParties(parties: PartiesPlain, encoding: RecordEncoding = 'compact'): string {
  const { from, to } = parties;
  if (encoding === 'json')
    return JSON.stringify({
      from: { raw: from.raw, e164: from.e164, displayName: from.displayName },
      to: { raw: to.raw, e164: to.e164, displayName: to.displayName },
    });
  const e164 = (p: CallParty) => (p.e164 !== null && p.e164 === p.raw ? SAME_AS_RAW : p.e164);
  const compact: CompactParties = [from.raw, e164(from), from.displayName, to.raw, e164(to), to.displayName];
  return JSON.stringify(compact);
}

export function decodeParties(plaintext: string): PartiesPlain {
  const value = JSON.parse(plaintext) as CompactParties | PartiesPlain;
  if (!Array.isArray(value)) return value;
  const party = (raw: string | null, e164: string | 1 | null, displayName: string | null): CallParty => ({
    raw,
    e164: e164 === SAME_AS_RAW ? raw : e164,
    displayName,
  });
  return { from: party(value[0], value[1], value[2]), to: party(value[3], value[4], value[5]) };
}
