import type { CsvRowItem } from './csv-rows.js';

/** One CSV row that went into a record: what a human needs to find it in the file and read it. */
export interface CsvSourceRow {
  /** Line of the file (or payload) the row starts on, from 1. */
  line: number;
  /** The row exactly as written; a quoted field spanning lines keeps its line breaks (`\n`). */
  text: string;
  /** Column name to value, after CSV unquoting and otherwise untouched. */
  fields: Record<string, string>;
}

/**
 * The source data a record was made from, archived beside it as `JSON.stringify(raw)`:
 * - `json`: the document (item) itself, e.g. one CTR of an array or the decoded CTR of a
 *   Firehose record, one Graph callRecord, one acc_json object;
 * - `csv`: every row of the call (all legs once grouped), in the order read;
 * - `form`: the fields of a form-encoded webhook body;
 * - `xml`: the XML document as received.
 */
export type RecordRaw =
  | { format: 'json'; document: unknown }
  | { format: 'csv'; rows: CsvSourceRow[] }
  | { format: 'form'; fields: Record<string, string> }
  | { format: 'xml'; text: string };

export function jsonRaw(document: unknown): RecordRaw {
  return { format: 'json', document };
}

export function csvRaw(rows: readonly CsvSourceRow[]): RecordRaw {
  return { format: 'csv', rows: [...rows] };
}

export function xmlRaw(text: string): RecordRaw {
  return { format: 'xml', text };
}

export function formRaw(params: URLSearchParams): RecordRaw {
  return { format: 'form', fields: Object.fromEntries(params) };
}

/**
 * Names a parsed CSV row's values by the columns the parser used. A value without a column,
 * or whose column name was already taken (a header repeating a name), is named by position
 * (`column17`), the way the parsers name unmapped columns.
 */
export function csvSourceRow(
  row: Extract<CsvRowItem, { kind: 'row' }>,
  columns: readonly (string | null | undefined)[],
): CsvSourceRow {
  const used = new Set<string>();
  const entries = row.fields.map((value, index): [string, string] => {
    const column = columns[index];
    let name = column && !used.has(column) ? column : `column${index + 1}`;
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    return [name, value];
  });
  // fromEntries defines own properties, so a column named "__proto__" stays a column.
  return { line: row.line, text: row.raw, fields: Object.fromEntries(entries) };
}

/**
 * Raw of a record that a `merge-legs` connector merged from two deliveries: the rows of both,
 * a row delivered twice (same text) kept once.
 */
export function mergeCsvRaw(existing: RecordRaw, incoming: RecordRaw): RecordRaw {
  if (existing.format !== 'csv' || incoming.format !== 'csv') return incoming;
  const byText = new Map<string, CsvSourceRow>();
  for (const row of [...existing.rows, ...incoming.rows]) {
    if (!byText.has(row.text)) byText.set(row.text, row);
  }
  return csvRaw([...byText.values()]);
}

/**
 * What `quarantine` is given when a record made from this raw fails validation: the source
 * text for CSV and XML, the document for JSON (quarantine writes it as JSON).
 */
export function quarantineInputOf(raw: RecordRaw): unknown {
  switch (raw.format) {
    case 'json':
      return raw.document;
    case 'csv':
      return raw.rows.map((row) => row.text).join('\n');
    case 'form':
      return new URLSearchParams(raw.fields).toString();
    case 'xml':
      return raw.text;
  }
}
