import { normalisedCallSchema } from '../call-record.js';
import { guarded, quarantine, toResult, type ParsedItem, type ParseResult } from './parse-result.js';
import { jsonRaw } from './record-raw.js';

/** Fields a CallRecordV1 export carries that the importing platform assigns afresh. */
const PLATFORM_FIELDS = ['id', 'tenantId', 'rawObjectKey', 'rawSha256', 'ingestedAt'] as const;

const strictCallSchema = normalisedCallSchema.strict();

/**
 * Records already in the unified shape (another Switchboard's export, a custom integration).
 * Validation is strict: an unknown field is an error naming it, not something silently
 * dropped. Platform fields of an exported CallRecordV1 are ignored.
 */
export function normaliseGeneric(input: unknown): ParseResult {
  return toResult(genericItems(input));
}

export function genericItems(input: unknown): ParsedItem[] {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input) as unknown;
    } catch (error) {
      return [quarantine(`invalid JSON: ${(error as Error).message}`, input, { category: 'unknown_format' })];
    }
  }
  if (Array.isArray(document)) return document.flatMap((item) => genericItems(item));
  return guarded(document, () => {
    if (typeof document !== 'object' || document === null) {
      return [quarantine('a call record must be a JSON object', document, { category: 'unknown_format' })];
    }
    const candidate = Object.fromEntries(
      Object.entries(document).filter(([key]) => !(PLATFORM_FIELDS as readonly string[]).includes(key)),
    );
    const parsed = strictCallSchema.safeParse(candidate);
    if (parsed.success) return [{ kind: 'record', record: parsed.data, raw: jsonRaw(document) }];
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => {
        const path = issue.path.join('.') || '(root)';
        return issue.code === 'unrecognized_keys'
          ? `${path}: unknown field(s) ${issue.keys.join(', ')}`
          : `${path}: ${issue.message}`;
      })
      .join('; ');
    return [quarantine(`not a valid CallRecord v1: ${problems}`, document, { category: 'schema_rejected' })];
  });
}
