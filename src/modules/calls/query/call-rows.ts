import type { Insertable } from 'kysely';
import { fromPublicId } from '../../../platform/ids.js';
import type { CallRecordV1, NormalisedCall } from '../call-record.js';
import { CallsErrors } from '../errors.js';
import type {
  CallKeysTable,
  CallNameTermsTable,
  CallNumbersTable,
  CallRecordsTable,
} from '../db/calls.tables.js';
import type { CallWriteCrypto } from '../store/call-crypto.js';
import { agentKeyOf, nameTermsOf, numberTermsOf, termPurposes } from './search-terms.js';
import { encodeSourceVersion } from '../store/source-version.js';
import { normalisedPart } from '../store/upsert-plan.js';

/** Everything written for one call: its key, its index row and its search rows. */
export interface CallRows {
  readonly key: Insertable<CallKeysTable>;
  readonly record: Insertable<CallRecordsTable>;
  readonly numbers: readonly Insertable<CallNumbersTable>[];
  readonly nameTerms: readonly Insertable<CallNameTermsTable>[];
}

export function callUuid(publicId: string): string {
  const uuid = fromPublicId('call', publicId);
  if (!uuid) throw CallsErrors.invalidRecordId(publicId);
  return uuid;
}

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Handle time as contact centres count it: talk, hold and after-call work, each where the source reports it. */
export function handleSecondsOf(call: NormalisedCall): number | null {
  if (call.talkSeconds === null) return null;
  return call.talkSeconds + (call.holdSeconds ?? 0) + (call.afterCallWorkSeconds ?? 0);
}

export function buildCallRows(crypto: CallWriteCrypto, record: CallRecordV1, digest: Buffer): CallRows {
  const tenantId = record.tenantId;
  const id = callUuid(record.id);
  const call = normalisedPart(record);
  const startedAt = new Date(call.startedAt);
  const agentKey = agentKeyOf(call.agent);
  const numbers = numberTermsOf(call).map((term) => crypto.blindIndex(term.purpose, term.value));
  const nameTerms = nameTermsOf(call).map((word) => crypto.blindIndex(termPurposes.nameWord, word));
  const recordCiphertext = crypto.encryptRecord(id, call);
  const partiesCiphertext = crypto.encryptParties(id, { from: call.from, to: call.to });
  const agentIndex = agentKey === null ? null : crypto.blindIndex(termPurposes.agent, agentKey);
  const agentCiphertext = call.agent === null ? null : crypto.encryptAgent(call.agent);
  const sourceVersion = encodeSourceVersion(call.sourceVersion);
  return {
    key: {
      tenantId,
      source: call.source,
      sourceCallId: call.sourceCallId,
      id,
      startedAt,
      sourceVersion,
      contentDigest: digest,
    },
    record: {
      tenantId,
      id,
      startedAt,
      source: call.source,
      sourceCallId: call.sourceCallId,
      conversationId: call.conversationId,
      sourceVersion,
      direction: call.direction,
      disposition: call.disposition,
      answeredAt: date(call.answeredAt),
      endedAt: date(call.endedAt),
      ringSeconds: call.ringSeconds,
      talkSeconds: call.talkSeconds,
      totalSeconds: call.totalSeconds,
      handleSeconds: handleSecondsOf(call),
      holdSeconds: call.holdSeconds ?? null,
      agentIndex,
      agentCiphertext,
      queueId: call.queue?.id ?? null,
      queueName: call.queue?.name ?? null,
      mos: call.quality?.mos ?? null,
      jitterMs: call.quality?.jitterMs ?? null,
      packetLossPct: call.quality?.packetLossPct ?? null,
      rttMs: call.quality?.rttMs ?? null,
      legCount: Math.min(call.legs.length, 32_767),
      recordingCount: Math.min(call.recordings.length, 32_767),
      rawObjectKey: record.rawObjectKey,
      rawSha256: record.rawSha256,
      ingestedAt: new Date(record.ingestedAt),
      partiesCiphertext,
      recordCiphertext,
    },
    numbers: dedupe(numbers).map((numberIndex) => ({ tenantId, numberIndex, startedAt, callId: id })),
    nameTerms: dedupe(nameTerms).map((termIndex) => ({ tenantId, termIndex, startedAt, callId: id })),
  };
}

function dedupe(buffers: readonly Buffer[]): Buffer[] {
  const seen = new Map<string, Buffer>();
  for (const buffer of buffers) seen.set(buffer.toString('hex'), buffer);
  return [...seen.values()];
}
