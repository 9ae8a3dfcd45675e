import { z } from 'zod';
import { connectCtrItems, type ConnectOptions } from './normalise-connect.js';
import { quarantine, type ParsedItem } from './parse-result.js';

/**
 * Kinesis Data Firehose HTTP endpoint delivery: the request body Firehose POSTs and the
 * response body it expects back. Pure functions; authentication (X-Amz-Firehose-Access-Key)
 * is the HTTP layer's job.
 */
export const firehoseRequestSchema = z.object({
  requestId: z.string().min(1),
  timestamp: z.number().int().nonnegative(),
  records: z.array(z.object({ data: z.string() })),
});

/** One JSON document found inside a delivered record (records may hold several, one per line). */
export type FirehoseDocument =
  | { recordIndex: number; line: number; ok: true; value: unknown; raw: string }
  | { recordIndex: number; line: number; ok: false; reason: string; raw: string };

export interface FirehoseDelivery {
  requestId: string;
  timestamp: number;
  recordCount: number;
  documents: FirehoseDocument[];
}

export type FirehoseDecodeResult =
  { ok: true; delivery: FirehoseDelivery } | { ok: false; requestId: string | null; error: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeFirehoseRequest(body: unknown): FirehoseDecodeResult {
  let json: unknown = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body) as unknown;
    } catch (error) {
      return { ok: false, requestId: null, error: `request body is not JSON: ${(error as Error).message}` };
    }
  }
  const parsed = firehoseRequestSchema.safeParse(json);
  if (!parsed.success) {
    const requestId =
      typeof json === 'object' && json !== null && 'requestId' in json && typeof json.requestId === 'string'
        ? json.requestId
        : null;
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      requestId,
      error: `not a Firehose delivery request: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    };
  }
  const documents: FirehoseDocument[] = [];
  parsed.data.records.forEach((record, recordIndex) => {
    const compact = record.data.replace(/\s+/g, '');
    if (!BASE64.test(compact) || compact.length % 4 !== 0) {
      documents.push({
        recordIndex,
        line: 0,
        ok: false,
        reason: 'record data is not base64',
        raw: record.data,
      });
      return;
    }
    const decoded = Buffer.from(compact, 'base64').toString('utf8');
    decoded.split(/\r?\n/).forEach((lineText, lineIndex) => {
      if (lineText.trim() === '') return;
      try {
        documents.push({
          recordIndex,
          line: lineIndex + 1,
          ok: true,
          value: JSON.parse(lineText) as unknown,
          raw: lineText,
        });
      } catch (error) {
        documents.push({
          recordIndex,
          line: lineIndex + 1,
          ok: false,
          reason: `record ${recordIndex} line ${lineIndex + 1} is not JSON: ${(error as Error).message}`,
          raw: lineText,
        });
      }
    });
  });
  return {
    ok: true,
    delivery: {
      requestId: parsed.data.requestId,
      timestamp: parsed.data.timestamp,
      recordCount: parsed.data.records.length,
      documents,
    },
  };
}

export interface FirehoseResponseBody {
  requestId: string;
  timestamp: number;
  errorMessage?: string;
}

/**
 * The body Firehose expects: the request's id echoed back and the response time in epoch
 * milliseconds; `errorMessage` only on failure (Firehose then retries the delivery).
 */
export function buildFirehoseResponse(
  requestId: string,
  timestamp: number,
  errorMessage?: string,
): FirehoseResponseBody {
  return errorMessage === undefined ? { requestId, timestamp } : { requestId, timestamp, errorMessage };
}

/** Contact trace records delivered through Firehose, each document normalised or quarantined. */
export function connectItemsFromFirehose(
  delivery: FirehoseDelivery,
  options: ConnectOptions = {},
): ParsedItem[] {
  return delivery.documents.flatMap((document) =>
    document.ok
      ? connectCtrItems(document.value, options)
      : [quarantine(document.reason, document.raw, { category: 'unknown_format' })],
  );
}
