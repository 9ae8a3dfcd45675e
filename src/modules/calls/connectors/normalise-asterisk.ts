import type { CallDisposition, CallLeg, NormalisedCall } from '../call-record.js';
import { deriveDurations, earliest, latest, noCauseCodes } from './call-summary.js';
import { csvRowsFromText, type CsvRowItem } from './csv-rows.js';
import { WindowedGrouper } from './leg-grouper.js';
import { directionFromParties, parseCallerId, toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { csvRaw, csvSourceRow, quarantineInputOf, type CsvSourceRow, type RecordRaw } from './record-raw.js';
import { assertTimeZone, isoOrNull, parseLocalTimestamp, toFiniteNumber } from './time-parsing.js';

export const ASTERISK_FIELDS = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'userfield',
  'peeraccount',
  'linkedid',
  'sequence',
] as const;
export type AsteriskField = (typeof ASTERISK_FIELDS)[number];

/** The order cdr_csv writes (cdr_csv.c build_csv_record) before the optional trailing columns. */
export const ASTERISK_CDR_CSV_BASE_COLUMNS: readonly AsteriskField[] = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
];

export interface CdrCsvFlags {
  loguniqueid: boolean;
  loguserfield: boolean;
  newcdrcolumns: boolean;
}

/** Column order of cdr_csv's Master.csv for the given cdr.conf [csv] flags. */
export function asteriskCdrCsvColumns(flags: CdrCsvFlags): AsteriskField[] {
  return [
    ...ASTERISK_CDR_CSV_BASE_COLUMNS,
    ...(flags.loguniqueid ? (['uniqueid'] as const) : []),
    ...(flags.loguserfield ? (['userfield'] as const) : []),
    ...(flags.newcdrcolumns ? (['peeraccount', 'linkedid', 'sequence'] as const) : []),
  ];
}

/** The `Master.csv =>` mapping shipped in Asterisk's cdr_custom.conf.sample (clid first). */
export const ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS: readonly AsteriskField[] = [
  'clid',
  'src',
  'dst',
  'dcontext',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'accountcode',
  'uniqueid',
  'userfield',
  'sequence',
];

const FIELD_ALIASES: Readonly<Record<string, AsteriskField>> = {
  calldate: 'start',
  source: 'src',
  destination: 'dst',
  callerid: 'clid',
  'caller*id': 'clid',
};

function asField(name: string): AsteriskField | null {
  const lower = name.trim().toLowerCase();
  if ((ASTERISK_FIELDS as readonly string[]).includes(lower)) return lower as AsteriskField;
  return FIELD_ALIASES[lower] ?? null;
}

/**
 * Column map from a cdr_custom.conf mapping line such as
 * `"${CSV_QUOTE(${CDR(clid)})}","${CDR(src)}",...`; unknown variables map to null (kept as extras).
 */
export function columnsFromCdrCustomTemplate(template: string): (AsteriskField | null)[] {
  const body = template.includes('=>') ? template.slice(template.indexOf('=>') + 2) : template;
  const columns: (AsteriskField | null)[] = [];
  for (const cell of splitTemplateCells(body)) {
    const match = /CDR\(([a-zA-Z_]+)/.exec(cell);
    columns.push(match?.[1] !== undefined ? asField(match[1]) : null);
  }
  return columns;
}

function splitTemplateCells(template: string): string[] {
  const cells: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of template.trim()) {
    if (char === '{' || char === '(') depth += 1;
    if (char === '}' || char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  return cells;
}

export interface AsteriskCsvOptions extends NumberingOptions {
  /** IANA zone the PBX wrote its local times in (cdr.conf `usegmtime=no`, the default). Default UTC. */
  timeZone?: string;
  /** cdr.conf `usegmtime=yes`: the file's times are UTC whatever `timeZone` says. */
  usegmtime?: boolean;
  /**
   * Column layout. Omitted: cdr_csv order, trailing columns inferred from the column count
   * (or the flags below) and a header row recognised if present. `'header'`: the first row
   * names the columns. An array: a cdr_custom layout, null for columns to keep only as extras.
   */
  asteriskColumns?: readonly (AsteriskField | null)[] | 'header';
  loguniqueid?: boolean;
  loguserfield?: boolean;
  newcdrcolumns?: boolean;
}

/** One CDR row after mapping, waiting to be grouped with the other rows of its call. */
export interface AsteriskRow {
  groupKey: string;
  leg: CallLeg;
  source: CsvSourceRow;
}

type RowOutcome = { kind: 'row'; row: AsteriskRow } | { kind: 'item'; item: ParsedItem } | { kind: 'header' };

const DISPOSITIONS: Readonly<Record<string, CallDisposition>> = {
  ANSWERED: 'answered',
  'NO ANSWER': 'no_answer',
  NOANSWER: 'no_answer',
  BUSY: 'busy',
  FAILED: 'failed',
  CONGESTION: 'failed',
};

/**
 * Maps raw CSV rows to Asterisk rows. Stateful only for a header row, which may be the
 * first record of a file.
 */
export class AsteriskRowMapper {
  private readonly timeZone: string;
  private headerColumns: (AsteriskField | null)[] | null = null;
  private headerNames: string[] = [];
  private rowsSeen = 0;

  constructor(private readonly options: AsteriskCsvOptions = {}) {
    this.timeZone = options.usegmtime ? 'UTC' : assertTimeZone(options.timeZone ?? 'UTC');
  }

  map(item: CsvRowItem): RowOutcome {
    if (item.kind === 'error')
      return { kind: 'item', item: quarantine(item.reason, item.raw, { category: 'unknown_format' }) };
    this.rowsSeen += 1;
    const fields = item.fields;
    if (this.rowsSeen === 1 && (this.options.asteriskColumns === 'header' || looksLikeHeader(fields))) {
      this.headerNames = fields.map((name) => name.trim());
      this.headerColumns = fields.map(asField);
      return { kind: 'header' };
    }
    const columns = this.columnsFor(fields.length);
    if (columns === null) {
      return {
        kind: 'item',
        item: quarantine(`unexpected column count ${fields.length} for an Asterisk CDR row`, item.raw, {
          category: 'unknown_format',
        }),
      };
    }
    const values: Partial<Record<AsteriskField, string>> = {};
    const extras: Record<string, string> = {};
    fields.forEach((value, index) => {
      const field = columns[index];
      if (field) values[field] = value;
      else if (value !== '') extras[this.headerNames[index] ?? `column${index + 1}`] = value;
    });
    const source = csvSourceRow(item, this.headerColumns ? this.headerNames : columns);
    try {
      return this.toRow(values, extras, source);
    } catch (error) {
      const reason = `unexpected error while normalising: ${(error as Error).message}`;
      return { kind: 'item', item: quarantine(reason, item.raw, { category: 'connector_error' }) };
    }
  }

  private columnsFor(count: number): readonly (AsteriskField | null)[] | null {
    if (this.headerColumns) return this.headerColumns;
    const configured = this.options.asteriskColumns;
    if (configured !== undefined && configured !== 'header') return configured;
    const flagsGiven =
      this.options.loguniqueid !== undefined ||
      this.options.loguserfield !== undefined ||
      this.options.newcdrcolumns !== undefined;
    if (flagsGiven) {
      return asteriskCdrCsvColumns({
        loguniqueid: this.options.loguniqueid ?? false,
        loguserfield: this.options.loguserfield ?? false,
        newcdrcolumns: this.options.newcdrcolumns ?? false,
      });
    }
    // cdr.conf defaults are all "no"; each trailing column group switches on independently.
    // 17 and 20 are ambiguous (uniqueid or userfield): uniqueid is by far the more common.
    const inferred: Record<number, CdrCsvFlags> = {
      16: { loguniqueid: false, loguserfield: false, newcdrcolumns: false },
      17: { loguniqueid: true, loguserfield: false, newcdrcolumns: false },
      18: { loguniqueid: true, loguserfield: true, newcdrcolumns: false },
      19: { loguniqueid: false, loguserfield: false, newcdrcolumns: true },
      20: { loguniqueid: true, loguserfield: false, newcdrcolumns: true },
      21: { loguniqueid: true, loguserfield: true, newcdrcolumns: true },
    };
    const flags = inferred[count];
    return flags ? asteriskCdrCsvColumns(flags) : null;
  }

  private toRow(
    values: Partial<Record<AsteriskField, string>>,
    extras: Record<string, string>,
    source: CsvSourceRow,
  ): RowOutcome {
    const raw = source.text;
    const text = (field: AsteriskField): string => (values[field] ?? '').trim();
    const startMs = parseLocalTimestamp(text('start'), this.timeZone);
    if (startMs === null) {
      return {
        kind: 'item',
        item: quarantine(`unreadable start time "${text('start')}"`, raw, {
          category: 'unreadable_time',
          field: 'start',
        }),
      };
    }
    const answerMs = text('answer') === '' ? null : parseLocalTimestamp(text('answer'), this.timeZone);
    const endMs = text('end') === '' ? null : parseLocalTimestamp(text('end'), this.timeZone);
    if ((text('answer') !== '' && answerMs === null) || (text('end') !== '' && endMs === null)) {
      return {
        kind: 'item',
        item: quarantine('unreadable answer or end time', raw, { category: 'unreadable_time' }),
      };
    }
    const rowDisposition = DISPOSITIONS[text('disposition').toUpperCase()];
    if (rowDisposition === undefined) {
      return {
        kind: 'item',
        item: quarantine(`unknown disposition "${text('disposition')}"`, raw, {
          category: 'unknown_value',
          field: 'disposition',
        }),
      };
    }
    const duration = text('duration') === '' ? null : toFiniteNumber(text('duration'));
    const billsec = text('billsec') === '' ? null : toFiniteNumber(text('billsec'));
    if ((text('duration') !== '' && duration === null) || (text('billsec') !== '' && billsec === null)) {
      return {
        kind: 'item',
        item: quarantine('duration or billsec is not a number', raw, { category: 'invalid_number' }),
      };
    }

    const callerId = parseCallerId(values.clid ?? '');
    const src = text('src') || callerId.number;
    // Asterisk repeats the number as the name when there is no name; that is not a name.
    const name = callerId.name !== null && callerId.name !== src ? callerId.name : null;
    const from = toParty(src, name, this.options);
    const to = toParty(text('dst'), null, this.options);
    const startedAt = isoOrNull(startMs);
    const answeredAt = isoOrNull(answerMs);
    const endedAt = isoOrNull(endMs);
    const answered = rowDisposition === 'answered' && answeredAt !== null;
    const durations = deriveDurations(
      { startedAt, answeredAt: answered ? answeredAt : null, endedAt },
      {
        talkSeconds: billsec !== null ? Math.round(billsec) : undefined,
        totalSeconds: duration !== null ? Math.round(duration) : undefined,
        ringSeconds:
          duration !== null && billsec !== null ? Math.max(0, Math.round(duration - billsec)) : undefined,
      },
    );
    const uniqueid = text('uniqueid');
    const sequence = text('sequence') === '' ? null : toFiniteNumber(text('sequence'));
    const legId =
      uniqueid !== ''
        ? sequence !== null
          ? `${uniqueid}#${sequence}`
          : `${uniqueid}>${text('dstchannel')}@${startedAt ?? ''}`
        : `${text('channel')}>${text('dstchannel')}@${startedAt ?? ''}`;
    // Everything the call assembly needs lives on the leg, so legs of one call delivered in
    // different files can be merged later without the original rows.
    const attributes: Record<string, string | number> = { ...extras };
    for (const field of LEG_TEXT_ATTRIBUTES) if (text(field) !== '') attributes[field] = text(field);
    if (values.clid !== undefined && values.clid !== '') attributes.clid = values.clid;
    if (sequence !== null) attributes.sequence = sequence;
    if (duration !== null) attributes.duration = Math.round(duration);
    if (billsec !== null) attributes.billsec = Math.round(billsec);
    const leg: CallLeg = {
      legId,
      from,
      to,
      startedAt,
      answeredAt: answered ? answeredAt : null,
      endedAt,
      ringSeconds: durations.ringSeconds,
      talkSeconds: durations.talkSeconds,
      disposition: rowDisposition,
      causeCodes: { ...noCauseCodes(), sourceText: text('disposition') },
      quality: null,
      attributes,
    };
    const groupKey = text('linkedid') || uniqueid || legId;
    return { kind: 'row', row: { groupKey, leg, source } };
  }
}

const LEG_TEXT_ATTRIBUTES = [
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'dcontext',
  'accountcode',
  'amaflags',
  'uniqueid',
  'userfield',
  'peeraccount',
  'linkedid',
] as const;

function looksLikeHeader(fields: readonly string[]): boolean {
  const names = new Set(fields.map((field) => field.trim().toLowerCase()));
  return names.has('src') && names.has('dst') && (names.has('start') || names.has('calldate'));
}

const UNANSWERED_PRIORITY: readonly CallDisposition[] = ['no_answer', 'busy', 'cancelled', 'failed'];

function attr(leg: CallLeg, name: string): string {
  const value = leg.attributes[name];
  return typeof value === 'string' ? value : '';
}

function numberAttr(leg: CallLeg, name: string): number | null {
  const value = leg.attributes[name];
  return typeof value === 'number' ? value : null;
}

/**
 * One call from the CDR rows (legs) that share a linkedid. Dial legs (rows with a
 * destination channel) decide the outcome when there are any: the caller's own row is often
 * ANSWERED because Asterisk answered it to play a prompt, even when nobody picked up.
 */
export function asteriskCallFromLegs(
  callId: string,
  legs: readonly CallLeg[],
  options: AsteriskCsvOptions,
  raw: RecordRaw,
): ParsedItem[] {
  const quarantineRaw = quarantineInputOf(raw);
  return guarded(quarantineRaw, () => {
    const ordered = [...legs].sort(
      (a, b) =>
        (a.startedAt ?? '').localeCompare(b.startedAt ?? '') ||
        (numberAttr(a, 'sequence') ?? 0) - (numberAttr(b, 'sequence') ?? 0),
    );
    const first = ordered[0];
    if (!first) return [];
    const dialLegs = ordered.filter((leg) => attr(leg, 'dstchannel') !== '');
    const decisive = dialLegs.length > 0 ? dialLegs : ordered;
    const answeredLegs = decisive.filter((leg) => leg.answeredAt !== null);
    let disposition: CallDisposition;
    if (answeredLegs.length > 0) {
      const onlyVoicemail = answeredLegs.every((leg) => /^voicemail$/i.test(attr(leg, 'lastapp')));
      disposition = onlyVoicemail ? 'voicemail' : 'answered';
    } else {
      const seen = new Set(decisive.map((leg) => leg.disposition));
      disposition = UNANSWERED_PRIORITY.find((candidate) => seen.has(candidate)) ?? 'failed';
    }
    const startedAt = earliest(ordered.map((leg) => leg.startedAt));
    const answeredAt = earliest(answeredLegs.map((leg) => leg.answeredAt));
    const endedAt = latest(ordered.map((leg) => leg.endedAt));
    if (startedAt === null)
      return [
        quarantine('no row of the call has a start time', quarantineRaw, {
          category: 'missing_field',
          field: 'start',
        }),
      ];
    // A lone row keeps Asterisk's own duration/billsec; several rows are summed up from the clock.
    const durations =
      ordered.length === 1
        ? {
            ringSeconds: first.ringSeconds,
            talkSeconds: first.talkSeconds,
            totalSeconds: numberAttr(first, 'duration') ?? deriveDurations(first).totalSeconds,
          }
        : deriveDurations({ startedAt, answeredAt, endedAt });
    const queueLeg = ordered.find((leg) => /^queue$/i.test(attr(leg, 'lastapp')));
    const queueName = queueLeg ? attr(queueLeg, 'lastdata').split(',')[0]?.trim() : undefined;
    const decidingLeg = answeredLegs[0] ?? decisive[decisive.length - 1] ?? first;
    const timeZone = options.usegmtime ? 'UTC' : (options.timeZone ?? 'UTC');
    const record: NormalisedCall = {
      source: 'asterisk',
      sourceCallId: callId,
      conversationId: callId,
      sourceVersion: Date.parse(endedAt ?? startedAt),
      direction: directionFromParties(first.from, first.to, options),
      sourceDirection: null,
      holdSeconds: null,
      afterCallWorkSeconds: null,
      from: first.from,
      to: first.to,
      startedAt,
      answeredAt,
      endedAt,
      ...durations,
      disposition,
      causeCodes: decidingLeg.causeCodes,
      agent: null,
      queue: queueName ? { id: queueName, name: queueName } : null,
      recordings: [],
      quality: null,
      legs: ordered,
      attributes: {
        dcontext: attr(first, 'dcontext'),
        ...(attr(first, 'accountcode') !== '' ? { accountcode: attr(first, 'accountcode') } : {}),
        timeZone,
      },
    };
    return [validated(record, raw)];
  });
}

export function asteriskCallFromRows(
  rows: readonly AsteriskRow[],
  options: AsteriskCsvOptions = {},
): ParsedItem[] {
  const first = rows[0];
  if (!first) return [];
  return asteriskCallFromLegs(
    first.groupKey,
    rows.map((row) => row.leg),
    options,
    csvRaw(rows.map((row) => row.source)),
  );
}

/**
 * Combines two records of the same call whose rows arrived in different files or outside
 * the grouping window: legs are united by legId (the newer copy wins) and the call summary
 * is worked out again from all of them.
 */
export function mergeAsteriskCalls(
  existing: NormalisedCall,
  incoming: NormalisedCall,
  options: AsteriskCsvOptions = {},
): NormalisedCall {
  const legs = new Map(existing.legs.map((leg) => [leg.legId, leg]));
  for (const leg of incoming.legs) legs.set(leg.legId, leg);
  // Only the record is kept; the merged raw is `mergeCsvRaw`'s job.
  const [item] = asteriskCallFromLegs(incoming.sourceCallId, [...legs.values()], options, csvRaw([]));
  return item?.kind === 'record' ? item.record : incoming;
}

/** A whole Master.csv (or cdr_custom file) to call records, rows grouped by linkedid. */
export function normaliseAsteriskCsv(text: string, options: AsteriskCsvOptions = {}): ParseResult {
  return toResult(asteriskCsvItems(text, options));
}

export function asteriskCsvItems(text: string, options: AsteriskCsvOptions = {}): ParsedItem[] {
  const mapper = new AsteriskRowMapper(options);
  const grouper = new WindowedGrouper<AsteriskRow>(Number.POSITIVE_INFINITY);
  const items: ParsedItem[] = [];
  for (const csvItem of csvRowsFromText(text)) {
    const outcome = mapper.map(csvItem);
    if (outcome.kind === 'item') items.push(outcome.item);
    else if (outcome.kind === 'row') grouper.add(outcome.row.groupKey, outcome.row);
  }
  for (const group of grouper.flushAll()) items.push(...asteriskCallFromRows(group, options));
  if (items.length === 0 && text.trim() !== '') items.push(skip('no CDR rows in the file', text));
  return items;
}
