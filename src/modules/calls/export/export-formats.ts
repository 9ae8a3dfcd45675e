import type { CallRecordV1 } from '../call-record.js';
import type { ExportFormat } from '../contract.js';
import { toVcon } from '../vcon.js';

/** Serialisation of exported calls: CSV (RFC 4180), JSON Lines of CallRecord v1, JSON Lines of vCons. */

export const exportMediaTypes: Record<ExportFormat, { contentType: string; fileExtension: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', fileExtension: 'csv' },
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', fileExtension: 'jsonl' },
  vcon: { contentType: 'application/x-ndjson; charset=utf-8', fileExtension: 'vcon.jsonl' },
};

type Cell = string | number | null;

const csvColumns: readonly [string, (r: CallRecordV1) => Cell][] = [
  ['id', (r) => r.id],
  ['source', (r) => r.source],
  ['sourceCallId', (r) => r.sourceCallId],
  ['conversationId', (r) => r.conversationId],
  ['direction', (r) => r.direction],
  ['disposition', (r) => r.disposition],
  ['startedAt', (r) => r.startedAt],
  ['answeredAt', (r) => r.answeredAt],
  ['endedAt', (r) => r.endedAt],
  ['ringSeconds', (r) => r.ringSeconds],
  ['talkSeconds', (r) => r.talkSeconds],
  ['totalSeconds', (r) => r.totalSeconds],
  ['fromRaw', (r) => r.from.raw],
  ['fromE164', (r) => r.from.e164],
  ['fromName', (r) => r.from.displayName],
  ['toRaw', (r) => r.to.raw],
  ['toE164', (r) => r.to.e164],
  ['toName', (r) => r.to.displayName],
  ['agentId', (r) => r.agent?.id ?? null],
  ['agentName', (r) => r.agent?.name ?? null],
  ['queueId', (r) => r.queue?.id ?? null],
  ['queueName', (r) => r.queue?.name ?? null],
  ['legs', (r) => r.legs.length],
  ['recordings', (r) => r.recordings.length],
  ['mos', (r) => r.quality?.mos ?? null],
  ['q850', (r) => r.causeCodes.q850],
  ['sipCode', (r) => r.causeCodes.sip],
];

/** A number as spreadsheets show one (+49 30 1234, -5): safe to leave as it is. */
const plainNumber = /^[+-]?[\d\s().-]+$/;

/**
 * One CSV field. Text a spreadsheet would run as a formula (=, @, +, - or a control character
 * first) gets a leading apostrophe, except phone numbers and other plain numbers.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !plainNumber.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return `${csvColumns.map(([name]) => name).join(',')}\r\n`;
}

export function csvRow(record: CallRecordV1): string {
  return `${csvColumns.map(([, read]) => csvField(read(record))).join(',')}\r\n`;
}

export function exportLine(format: ExportFormat, record: CallRecordV1): string {
  switch (format) {
    case 'csv':
      return csvRow(record);
    case 'jsonl':
      return `${JSON.stringify(record)}\n`;
    case 'vcon':
      return `${JSON.stringify(toVcon(record))}\n`;
  }
}
