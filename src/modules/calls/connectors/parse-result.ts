import { normalisedCallSchema, type NormalisedCall } from '../call-record.js';
import type { QuarantineCategory, QuarantineWhy } from './quarantine-reason.js';
import { quarantineInputOf, type RecordRaw } from './record-raw.js';

export type { CsvSourceRow, RecordRaw } from './record-raw.js';
export type { QuarantineCategory, QuarantineWhy } from './quarantine-reason.js';

/**
 * Every connector reports each input item as exactly one of three outcomes, so nothing a
 * source sent can disappear silently:
 * - `record`: a valid normalised call, with the source data it was made from (`raw`);
 * - `quarantined`: looked like call data but could not be normalised (kept raw, with a reason, its
 *   category and the field at fault when one is);
 * - `skipped`: a well-formed document that is not a call (a chat, a lifecycle notification).
 */
export type ParsedItem =
  | { kind: 'record'; record: NormalisedCall; raw: RecordRaw }
  | {
      kind: 'quarantined';
      reason: string;
      category: QuarantineCategory;
      field: string | undefined;
      raw: string;
    }
  | { kind: 'skipped'; reason: string; raw: string };

export interface QuarantinedItem {
  reason: string;
  category: QuarantineCategory;
  field: string | undefined;
  raw: string;
}

export interface SkippedItem {
  reason: string;
  raw: string;
}

export interface ParseResult {
  records: NormalisedCall[];
  quarantined: QuarantinedItem[];
  skipped: SkippedItem[];
}

export function emptyResult(): ParseResult {
  return { records: [], quarantined: [], skipped: [] };
}

export function addItem(result: ParseResult, item: ParsedItem): ParseResult {
  if (item.kind === 'record') result.records.push(item.record);
  else if (item.kind === 'quarantined')
    result.quarantined.push({
      reason: item.reason,
      category: item.category,
      field: item.field,
      raw: item.raw,
    });
  else result.skipped.push({ reason: item.reason, raw: item.raw });
  return result;
}

export function toResult(items: Iterable<ParsedItem>): ParseResult {
  const result = emptyResult();
  for (const item of items) addItem(result, item);
  return result;
}

export async function collectItems(items: AsyncIterable<ParsedItem>): Promise<ParseResult> {
  const result = emptyResult();
  for await (const item of items) addItem(result, item);
  return result;
}

/** `reason` is the engineer's sentence (it names the value); `why` the category the console explains. */
export function quarantine(reason: string, raw: unknown, why: QuarantineWhy): ParsedItem {
  return { kind: 'quarantined', reason, category: why.category, field: why.field, raw: rawText(raw) };
}

export function skip(reason: string, raw: unknown): ParsedItem {
  return { kind: 'skipped', reason, raw: rawText(raw) };
}

/**
 * The last gate of every connector: a record only leaves as `record` if it satisfies the
 * published schema; otherwise it is quarantined with the offending path named, keeping
 * `quarantineRaw` (by default the source text or document that `raw` holds).
 */
export function validated(candidate: NormalisedCall, raw: RecordRaw, quarantineRaw?: unknown): ParsedItem {
  const parsed = normalisedCallSchema.safeParse(candidate);
  if (parsed.success) return { kind: 'record', record: parsed.data, raw };
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  const first = parsed.error.issues[0]?.path.join('.');
  return quarantine(
    `normalised record failed schema validation: ${problems}`,
    quarantineRaw ?? quarantineInputOf(raw),
    { category: 'schema_rejected', field: first || undefined },
  );
}

/** Runs a per-item mapping so that an unexpected bug quarantines the item instead of losing the batch. */
export function guarded(raw: unknown, map: () => ParsedItem[]): ParsedItem[] {
  try {
    return map();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [
      quarantine(`unexpected error while normalising: ${message}`, raw, { category: 'connector_error' }),
    ];
  }
}

export function rawText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  try {
    // JSON.stringify returns undefined for undefined and functions, whatever its typing says.
    const text = JSON.stringify(raw) as string | undefined;
    return text ?? String(raw);
  } catch {
    return String(raw);
  }
}
