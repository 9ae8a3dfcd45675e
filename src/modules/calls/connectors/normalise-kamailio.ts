import { z } from 'zod';
import type { CallDisposition, CallLeg, JsonValue, NormalisedCall } from '../call-record.js';
import { deriveDurations, dispositionFromSip, noCauseCodes, sipCodeOrNull } from './call-summary.js';
import { directionFromParties, toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { jsonRaw } from './record-raw.js';
import {
  assertTimeZone,
  epochSecondsToMs,
  isoOrNull,
  parseLocalTimestamp,
  toFiniteNumber,
} from './time-parsing.js';

export interface KamailioOptions extends NumberingOptions {
  /** Zone of formatted times (acc_time_mode 3 = localtime()); epoch values need none. Default UTC. */
  timeZone?: string;
}

const scalar = z.union([z.string(), z.number()]).nullish();

/**
 * A record written by Kamailio's acc_json module: the acc core fields (method, from_tag,
 * to_tag, callid, sip_code, sip_reason, time), dialog CDR fields when `cdr_enable` is on
 * (start_time, end_time, duration), and whatever `acc_extra` / `cdr_extra` add (src_user,
 * dst_user, ...). acc_json writes every value as a JSON string except `time`.
 */
export const kamailioAccSchema = z.looseObject({
  callid: z.string().min(1),
  method: scalar,
  from_tag: scalar,
  to_tag: scalar,
  sip_code: scalar,
  sip_reason: scalar,
  time: scalar,
  start_time: scalar,
  end_time: scalar,
  duration: scalar,
  src_user: scalar,
  src_domain: scalar,
  src_ip: scalar,
  dst_user: scalar,
  dst_ouser: scalar,
  dst_domain: scalar,
});
type KamailioAcc = z.infer<typeof kamailioAccSchema>;

function str(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** acc_json lines (one JSON object per line), a JSON array, or a single object. */
export function normaliseKamailioAcc(input: unknown, options: KamailioOptions = {}): ParseResult {
  return toResult(
    typeof input === 'string' ? kamailioPayloadItems(input, options) : kamailioItems(input, options),
  );
}

/** A payload as received: one document (object or array, possibly pretty-printed) or JSON Lines. */
export function kamailioPayloadItems(text: string, options: KamailioOptions = {}): ParsedItem[] {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch {
    return text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .flatMap((line) => kamailioItems(line, options));
  }
  return kamailioItems(document, options);
}

export function kamailioItems(input: unknown, options: KamailioOptions = {}): ParsedItem[] {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input) as unknown;
    } catch (error) {
      return [quarantine(`invalid JSON: ${(error as Error).message}`, input, { category: 'unknown_format' })];
    }
  }
  if (Array.isArray(document)) return document.flatMap((item) => kamailioItems(item, options));
  return guarded(document, () => [mapAcc(document, options)]);
}

function instantMs(value: string | number | null | undefined, timeZone: string): number | null {
  const text = str(value);
  if (text === '') return null;
  // Epoch seconds, possibly with milliseconds (acc_time_mode 0/1/2); otherwise a formatted time.
  if (/^\d+(\.\d+)?$/.test(text)) return epochSecondsToMs(text);
  return parseLocalTimestamp(text.replace(/\//g, '-'), timeZone);
}

function mapAcc(document: unknown, options: KamailioOptions): ParsedItem {
  const parsed = kamailioAccSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return quarantine(
      `not an acc_json record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      document,
      { category: 'unknown_format' },
    );
  }
  const acc = parsed.data;
  const timeZone = assertTimeZone(options.timeZone ?? 'UTC');
  const isCdr = str(acc.start_time) !== '' || str(acc.end_time) !== '';
  const method = str(acc.method).toUpperCase();
  if (!isCdr && method !== '' && method !== 'INVITE') {
    return skip(
      `${method} transaction record: only INVITE transactions and dialog CDRs describe calls`,
      document,
    );
  }
  return isCdr
    ? mapCdr(acc, document, timeZone, options)
    : mapInviteTransaction(acc, document, timeZone, options);
}

function parties(acc: KamailioAcc, options: KamailioOptions): { from: CallLeg['from']; to: CallLeg['to'] } {
  return {
    from: toParty(str(acc.src_user) || null, null, options),
    to: toParty(str(acc.dst_ouser) || str(acc.dst_user) || null, null, options),
  };
}

/**
 * A dialog CDR (cdr_enable). The dialog module starts its clock at the 200 OK, so
 * start_time is the answer time and the ringing before it is unknown.
 */
function mapCdr(acc: KamailioAcc, document: unknown, timeZone: string, options: KamailioOptions): ParsedItem {
  const startMs = instantMs(acc.start_time, timeZone);
  if (startMs === null)
    return quarantine(`unreadable start_time "${str(acc.start_time)}"`, document, {
      category: 'unreadable_time',
      field: 'start_time',
    });
  const duration = toFiniteNumber(str(acc.duration));
  let endMs = instantMs(acc.end_time, timeZone);
  if (endMs === null && duration !== null) endMs = startMs + Math.round(duration * 1000);
  const startedAt = isoOrNull(startMs);
  const endedAt = isoOrNull(endMs);
  if (startedAt === null)
    return quarantine('start_time is not a usable instant', document, {
      category: 'unreadable_time',
      field: 'start_time',
    });
  const sip = sipCodeOrNull(acc.sip_code);
  const answered = sip === null || (sip >= 200 && sip < 300);
  const disposition: CallDisposition = answered ? 'answered' : (dispositionFromSip(sip) ?? 'failed');
  const answeredAt = answered ? startedAt : null;
  const durations = deriveDurations(
    { startedAt, answeredAt, endedAt },
    duration !== null
      ? { talkSeconds: answered ? Math.round(duration) : 0, totalSeconds: Math.round(duration) }
      : {},
  );
  return buildRecord(acc, document, options, {
    startedAt,
    answeredAt,
    endedAt,
    ringSeconds: null,
    talkSeconds: durations.talkSeconds,
    totalSeconds: answered ? null : durations.totalSeconds,
    disposition,
    version: endMs ?? startMs,
    kind: 'cdr',
  });
}

/** An INVITE transaction: a missed call (acc_missed_flag, final code >= 300) or a call just answered. */
function mapInviteTransaction(
  acc: KamailioAcc,
  document: unknown,
  timeZone: string,
  options: KamailioOptions,
): ParsedItem {
  const timeMs = instantMs(acc.time, timeZone);
  if (timeMs === null)
    return quarantine(`unreadable time "${str(acc.time)}"`, document, {
      category: 'unreadable_time',
      field: 'time',
    });
  const at = isoOrNull(timeMs);
  if (at === null)
    return quarantine('time is not a usable instant', document, {
      category: 'unreadable_time',
      field: 'time',
    });
  const sip = sipCodeOrNull(acc.sip_code);
  if (sip === null)
    return quarantine(`INVITE record without a usable sip_code "${str(acc.sip_code)}"`, document, {
      category: 'unknown_value',
      field: 'sip_code',
    });
  const answered = sip >= 200 && sip < 300;
  const disposition: CallDisposition = dispositionFromSip(sip) ?? 'failed';
  // An answered INVITE is the start of a call still in progress; its CDR replaces it later.
  return buildRecord(acc, document, options, {
    startedAt: at,
    answeredAt: answered ? at : null,
    endedAt: answered ? null : at,
    ringSeconds: null,
    talkSeconds: answered ? null : 0,
    totalSeconds: null,
    disposition: answered ? 'answered' : disposition,
    version: timeMs,
    kind: 'transaction',
  });
}

interface Outcome {
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  totalSeconds: number | null;
  disposition: CallDisposition;
  version: number;
  kind: 'cdr' | 'transaction';
}

function buildRecord(
  acc: KamailioAcc,
  document: unknown,
  options: KamailioOptions,
  outcome: Outcome,
): ParsedItem {
  const { from, to } = parties(acc, options);
  const sip = sipCodeOrNull(acc.sip_code);
  const causeCodes = { ...noCauseCodes(), sip, sourceText: str(acc.sip_reason) || null };
  const fromTag = str(acc.from_tag);
  const toTag = str(acc.to_tag);
  const attributes: Record<string, JsonValue> = { accRecord: outcome.kind };
  const core = new Set([
    'callid',
    'from_tag',
    'to_tag',
    'sip_code',
    'sip_reason',
    'start_time',
    'end_time',
    'duration',
    'time',
  ]);
  if (typeof document === 'object' && document !== null) {
    for (const [key, value] of Object.entries(document)) {
      if (
        !core.has(key) &&
        (typeof value === 'string' || typeof value === 'number') &&
        String(value) !== ''
      ) {
        attributes[key] = value;
      }
    }
  }
  if (fromTag) attributes.from_tag = fromTag;
  if (toTag) attributes.to_tag = toTag;
  const leg: CallLeg = {
    legId: `${acc.callid};ft=${fromTag};tt=${toTag}`,
    from,
    to,
    startedAt: outcome.startedAt,
    answeredAt: outcome.answeredAt,
    endedAt: outcome.endedAt,
    ringSeconds: outcome.ringSeconds,
    talkSeconds: outcome.talkSeconds,
    disposition: outcome.disposition,
    causeCodes,
    quality: null,
    attributes: {},
  };
  const record: NormalisedCall = {
    source: 'sbc',
    sourceCallId: acc.callid,
    conversationId: acc.callid,
    sourceVersion: outcome.version,
    direction: directionFromParties(from, to, options),
    sourceDirection: null,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    from,
    to,
    startedAt: outcome.startedAt,
    answeredAt: outcome.answeredAt,
    endedAt: outcome.endedAt,
    ringSeconds: outcome.ringSeconds,
    talkSeconds: outcome.talkSeconds,
    totalSeconds: outcome.totalSeconds,
    disposition: outcome.disposition,
    causeCodes,
    agent: null,
    queue: null,
    recordings: [],
    quality: null,
    legs: [leg],
    attributes,
  };
  return validated(record, jsonRaw(document));
}
