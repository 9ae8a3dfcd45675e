import type { CallDirection, CallDisposition, CallRecording, NormalisedCall } from '../call-record.js';
import { noCauseCodes, sipCodeOrNull } from './call-summary.js';
import { directionFromParties, toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { formRaw } from './record-raw.js';
import { isoOrNull, parseRfc2822, parseZonedIso, toFiniteNumber } from './time-parsing.js';

export type TwilioOptions = NumberingOptions;

/** Twilio call statuses in the order a call moves through them. */
const STATUS_ORDER = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'canceled',
  'failed',
] as const;

const FINAL_STATUSES = new Set(['completed', 'busy', 'no-answer', 'canceled', 'failed']);

/**
 * A Voice status callback (`application/x-www-form-urlencoded` body) to a call record.
 *
 * Callbacks for one call arrive out of order; `SequenceNumber` becomes `sourceVersion`
 * so that the final state wins. Without it (plain StatusCallback) the status rank is used.
 */
export function normaliseTwilioStatusCallback(
  body: string | URLSearchParams,
  options: TwilioOptions = {},
): ParseResult {
  return toResult(twilioCallbackItems(body, options));
}

export function twilioCallbackItems(
  body: string | URLSearchParams,
  options: TwilioOptions = {},
): ParsedItem[] {
  const raw = typeof body === 'string' ? body : body.toString();
  return guarded(raw, () => {
    const params = typeof body === 'string' ? new URLSearchParams(body.trim()) : body;
    return [mapCallback(params, raw, options)];
  });
}

function mapCallback(params: URLSearchParams, raw: string, options: TwilioOptions): ParsedItem {
  const get = (name: string): string | null => {
    const value = params.get(name);
    return value === null || value === '' ? null : value;
  };
  const callSid = get('CallSid');
  if (callSid === null)
    return quarantine('missing CallSid: not a Twilio Voice callback', raw, {
      category: 'missing_field',
      field: 'CallSid',
    });
  const status = get('CallStatus')?.toLowerCase() ?? null;
  if (status === null)
    return quarantine('missing CallStatus', raw, { category: 'missing_field', field: 'CallStatus' });

  const timestampText = get('Timestamp');
  const eventMs =
    timestampText === null ? null : (parseRfc2822(timestampText) ?? parseZonedIso(timestampText));
  if (eventMs === null) {
    return quarantine(
      timestampText === null
        ? 'missing Timestamp: cannot place the call in time'
        : `unreadable Timestamp "${timestampText}"`,
      raw,
      { category: timestampText === null ? 'missing_field' : 'unreadable_time', field: 'Timestamp' },
    );
  }

  const callDuration = toFiniteNumber(get('CallDuration'));
  const final = FINAL_STATUSES.has(status);
  const disposition = dispositionFor(status, get('AnsweredBy'));
  const answered = disposition === 'answered' || disposition === 'voicemail';

  // Status callbacks carry the event time, not the call's start. For a finished call the
  // answer time is the end minus CallDuration (billable time); ring time is not reported.
  const endedAt = final ? isoOrNull(eventMs) : null;
  const answeredAt =
    answered && final && callDuration !== null
      ? isoOrNull(eventMs - callDuration * 1000)
      : status === 'in-progress'
        ? isoOrNull(eventMs)
        : null;
  const startedAt = answeredAt ?? isoOrNull(eventMs);
  if (startedAt === null)
    return quarantine('Timestamp is not a usable instant', raw, {
      category: 'unreadable_time',
      field: 'Timestamp',
    });

  const from = toParty(get('From'), get('CallerName'), options);
  const to = toParty(get('To'), null, options);
  const direction = directionOf(get('Direction'), from, to, options);
  const sipCode = sipCodeOrNull(get('SipResponseCode'));
  const causeCodes = { ...noCauseCodes(), sip: sipCode, sourceText: status };
  // Ring and total time are not reported by Twilio, so they stay unknown rather than guessed.
  const talkSeconds = final ? (answered ? callDuration : 0) : null;
  const sequence = toFiniteNumber(get('SequenceNumber'));
  const recordings = recordingsOf(params);

  const attributes: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!['From', 'To', 'CallSid', 'CallStatus', 'CallerName'].includes(name)) attributes[name] = value;
  }

  const record: NormalisedCall = {
    source: 'twilio',
    sourceCallId: callSid,
    conversationId: get('ParentCallSid') ?? callSid,
    sourceVersion: sequence ?? STATUS_ORDER.indexOf(status as (typeof STATUS_ORDER)[number]) + 1,
    direction,
    sourceDirection: get('Direction'),
    holdSeconds: null,
    afterCallWorkSeconds: null,
    from,
    to,
    startedAt,
    answeredAt,
    endedAt,
    ringSeconds: null,
    talkSeconds,
    totalSeconds: null,
    disposition,
    causeCodes,
    agent: null,
    queue: null,
    recordings,
    quality: null,
    legs: [
      {
        legId: callSid,
        from,
        to,
        startedAt,
        answeredAt,
        endedAt,
        ringSeconds: null,
        talkSeconds,
        disposition,
        causeCodes,
        quality: null,
        attributes: {},
      },
    ],
    attributes,
  };
  return validated(record, formRaw(params), raw);
}

function dispositionFor(status: string, answeredBy: string | null): CallDisposition | null {
  switch (status) {
    case 'completed':
    case 'in-progress':
      // Answering-machine detection: machine_start, machine_end_beep, ... (and "machine" in old callbacks).
      return answeredBy?.toLowerCase().startsWith('machine') ? 'voicemail' : 'answered';
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no_answer';
    case 'canceled':
      return 'cancelled';
    case 'failed':
      return 'failed';
    default:
      return null;
  }
}

function directionOf(
  twilioDirection: string | null,
  from: ReturnType<typeof toParty>,
  to: ReturnType<typeof toParty>,
  options: NumberingOptions,
): CallDirection {
  if (twilioDirection === 'inbound') return 'inbound';
  if (twilioDirection?.startsWith('outbound')) return 'outbound';
  return directionFromParties(from, to, options);
}

function recordingsOf(params: URLSearchParams): CallRecording[] {
  const url = params.get('RecordingUrl');
  if (!url) return [];
  const duration = toFiniteNumber(params.get('RecordingDuration'));
  return [
    {
      uri: url,
      sourceRecordingId: params.get('RecordingSid'),
      mediaType: null,
      startedAt: null,
      durationSeconds: duration,
    },
  ];
}
