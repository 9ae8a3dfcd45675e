import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { NormalisedCall } from '../call-record.js';

/*
 * The plaintext of a call's record_ciphertext. A record is about 2 KB of JSON (1.1–8 KB across the
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

export type RecordEncoding = 'json' | 'deflate-v1';

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
export function encodeRecord(call: NormalisedCall, encoding: RecordEncoding = 'deflate-v1'): Buffer {
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
