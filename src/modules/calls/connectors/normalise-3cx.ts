import type { CallDirection, CallDisposition, CallLeg, NormalisedCall } from '../call-record.js';
import { deriveDurations, noCauseCodes } from './call-summary.js';
import { csvRowsFromText, type CsvRowItem } from './csv-rows.js';
import { toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { csvRaw, csvSourceRow, type CsvSourceRow } from './record-raw.js';
import {
  assertTimeZone,
  isoOrNull,
  parseClockDuration,
  parseLocalTimestamp,
  toFiniteNumber,
} from './time-parsing.js';

/** The canonical 3CX CDR field order (all fields enabled, as 3CX documents them). */
export const THREECX_CDR_FIELDS = [
  'historyid',
  'callid',
  'duration',
  'time-start',
  'time-answered',
  'time-end',
  'reason-terminated',
  'from-no',
  'to-no',
  'from-dn',
  'to-dn',
  'dial-no',
  'reason-changed',
  'final-number',
  'final-dn',
  'bill-code',
  'bill-rate',
  'bill-cost',
  'bill-name',
  'chain',
  'from-type',
  'to-type',
  'final-type',
  'from-dispname',
  'to-dispname',
  'final-dispname',
  'missed-queue-calls',
] as const;
export type ThreeCxField = (typeof THREECX_CDR_FIELDS)[number];

export interface ThreeCxOptions extends NumberingOptions {
  /** IANA zone of the 3CX server: its CDR times are local wall-clock times. Default UTC. */
  timeZone?: string;
  /** Field order when the CDR output was configured with a subset or another order. */
  threeCxColumns?: readonly (ThreeCxField | null)[];
}

/**
 * 3CX CDR rows (file or socket output). Times are the server's local time and are
 * converted with the tenant's zone; `duration` is HH:MM:SS of talk time.
 */
export function normalise3cxCsv(text: string, options: ThreeCxOptions = {}): ParseResult {
  return toResult(threeCxCsvItems(text, options));
}

export function threeCxCsvItems(text: string, options: ThreeCxOptions = {}): ParsedItem[] {
  const mapper = new ThreeCxRowMapper(options);
  const items = csvRowsFromText(text).flatMap((row) => mapper.map(row));
  if (items.length === 0 && text.trim() !== '') items.push(skip('no CDR rows in the file', text));
  return items;
}

/** Row-at-a-time mapping; remembers a header row if the export has one. */
export class ThreeCxRowMapper {
  private readonly timeZone: string;
  private columns: readonly (ThreeCxField | null)[];
  /** Column names as the header row spells them (else the configured fields), for the raw. */
  private names: readonly (string | null)[];
  private rowsSeen = 0;

  constructor(private readonly options: ThreeCxOptions = {}) {
    this.timeZone = assertTimeZone(options.timeZone ?? 'UTC');
    this.columns = options.threeCxColumns ?? THREECX_CDR_FIELDS;
    this.names = this.columns;
  }

  map(row: CsvRowItem): ParsedItem[] {
    if (row.kind === 'error') return [quarantine(row.reason, row.raw, { category: 'unknown_format' })];
    this.rowsSeen += 1;
    if (this.rowsSeen === 1 && row.fields[0]?.trim().toLowerCase() === 'historyid') {
      this.names = row.fields.map((name) => name.trim());
      this.columns = row.fields.map((name) => {
        const field = name.trim().toLowerCase();
        return (THREECX_CDR_FIELDS as readonly string[]).includes(field) ? (field as ThreeCxField) : null;
      });
      return [];
    }
    return guarded(row.raw, () => [this.mapFields(row.fields, row.raw, csvSourceRow(row, this.names))]);
  }

  private mapFields(fields: readonly string[], raw: string, source: CsvSourceRow): ParsedItem {
    if (fields.length < this.columns.length - 1) {
      return quarantine(`expected ${this.columns.length} 3CX CDR fields, got ${fields.length}`, raw, {
        category: 'unknown_format',
      });
    }
    const values: Partial<Record<ThreeCxField, string>> = {};
    this.columns.forEach((field, index) => {
      if (field) values[field] = (fields[index] ?? '').trim();
    });
    const get = (field: ThreeCxField): string => values[field] ?? '';

    const callId = get('callid') || get('historyid');
    if (callId === '')
      return quarantine('row has neither callid nor historyid', raw, {
        category: 'missing_field',
        field: 'callid',
      });
    const startMs = parseLocalTimestamp(get('time-start'), this.timeZone);
    if (startMs === null)
      return quarantine(`unreadable time-start "${get('time-start')}"`, raw, {
        category: 'unreadable_time',
        field: 'time-start',
      });
    const answerMs =
      get('time-answered') === '' ? null : parseLocalTimestamp(get('time-answered'), this.timeZone);
    const endMs = get('time-end') === '' ? null : parseLocalTimestamp(get('time-end'), this.timeZone);
    if ((get('time-answered') !== '' && answerMs === null) || (get('time-end') !== '' && endMs === null)) {
      return quarantine('unreadable time-answered or time-end', raw, { category: 'unreadable_time' });
    }
    const talk = get('duration') === '' ? null : parseClockDuration(get('duration'));
    if (get('duration') !== '' && talk === null)
      return quarantine(`unreadable duration "${get('duration')}"`, raw, {
        category: 'invalid_number',
        field: 'duration',
      });

    const startedAt = isoOrNull(startMs);
    const answeredAt = isoOrNull(answerMs);
    const endedAt = isoOrNull(endMs);
    if (startedAt === null)
      return quarantine('time-start is not a usable instant', raw, {
        category: 'unreadable_time',
        field: 'time-start',
      });

    const from = toParty(get('from-no'), get('from-dispname'), this.options);
    // to-no names the destination entity; when that is not a number (EndCall, a rule name)
    // the dialled number is what a user recognises.
    const toNumber = /^(ext\.)?\+?[\d*#]+$/i.test(get('to-no'))
      ? get('to-no')
      : get('dial-no') || get('to-no');
    const to = toParty(toNumber, get('to-dispname'), this.options);
    const direction = directionOf(get('from-type'), get('to-type'));
    const reason = get('reason-terminated');
    const disposition = dispositionOf(answeredAt !== null, reason, get('final-type'), get('final-number'));
    const durations = deriveDurations(
      { startedAt, answeredAt, endedAt },
      answeredAt !== null && talk !== null ? { talkSeconds: talk } : {},
    );
    const causeCodes = { ...noCauseCodes(), sourceText: reason === '' ? null : reason };

    const agent =
      direction === 'inbound' && answeredAt !== null
        ? {
            id: get('final-dn') || get('to-dn') || null,
            name: get('final-dispname') || get('to-dispname') || null,
          }
        : direction === 'outbound'
          ? { id: get('from-dn') || null, name: get('from-dispname') || null }
          : null;
    const queue = /queue/i.test(get('to-type'))
      ? { id: get('to-dn') || null, name: get('to-dispname') || null }
      : null;

    const attributes: Record<string, string | number> = {};
    for (const field of THREECX_CDR_FIELDS) {
      const value = get(field);
      if (value !== '' && !['time-start', 'time-answered', 'time-end', 'duration'].includes(field)) {
        attributes[field] = value;
      }
    }
    const cost = toFiniteNumber(get('bill-cost'));
    if (cost !== null) attributes['bill-cost'] = cost;
    attributes.timeZone = this.timeZone;

    const leg: CallLeg = {
      legId: callId,
      from,
      to,
      startedAt,
      answeredAt,
      endedAt,
      ringSeconds: durations.ringSeconds,
      talkSeconds: durations.talkSeconds,
      disposition,
      causeCodes,
      quality: null,
      attributes: {},
    };
    const record: NormalisedCall = {
      source: '3cx',
      sourceCallId: callId,
      conversationId: callId,
      sourceVersion: endMs ?? startMs,
      direction,
      sourceDirection: null,
      holdSeconds: null,
      afterCallWorkSeconds: null,
      from,
      to,
      startedAt,
      answeredAt,
      endedAt,
      ...durations,
      disposition,
      causeCodes,
      agent,
      queue,
      recordings: [],
      quality: null,
      legs: [leg],
      attributes,
    };
    return validated(record, csvRaw([source]));
  }
}

function isOutside(type: string): boolean {
  return /^(external|line|outbound|inbound|trunk)/i.test(type);
}

function directionOf(fromType: string, toType: string): CallDirection {
  if (fromType === '' || toType === '') return 'unknown';
  const fromOutside = isOutside(fromType);
  const toOutside = isOutside(toType);
  if (fromOutside && !toOutside) return 'inbound';
  if (!fromOutside && toOutside) return 'outbound';
  if (!fromOutside && !toOutside) return 'internal';
  return 'unknown';
}

function dispositionOf(
  answered: boolean,
  reason: string,
  finalType: string,
  finalNumber: string,
): CallDisposition {
  if (answered) return /voice\s*mail|^vmail/i.test(`${finalType} ${finalNumber}`) ? 'voicemail' : 'answered';
  if (/cancel/i.test(reason)) return 'cancelled';
  if (/busy/i.test(reason)) return 'busy';
  if (/no\s*answer|notanswered/i.test(reason)) return 'no_answer';
  if (/fail/i.test(reason)) return 'failed';
  // Unanswered and cleared by the caller: they stopped waiting; cleared by the callee: nobody took it.
  if (/bysrc/i.test(reason)) return 'cancelled';
  if (/bydst/i.test(reason)) return 'no_answer';
  return 'failed';
}
