import type { Insertable } from 'kysely';
import { fromPublicId } from '../../../platform/ids.js';
import type { CallRecordV1, NormalisedCall } from '../call-record.js';
import { CallsErrors } from '../errors.js';
import type { CallKeysTable } from '../db/calls.tables.js';
import type { CallWriteCrypto } from '../store/call-crypto.js';
import { agentKeyOf, nameTermsOf, numberTermsOf, termPurposes } from './search-terms.js';
import type { CallNameTermRow, CallNumberRow, CallRecordRow } from '../store/call-writes.repo.js';
import { encodeSourceVersion } from '../store/source-version.js';
import { normalisedPart } from '../store/upsert-plan.js';
import type { ArchiveSegmentRef } from '../contract.js';

/**
 * Everything written for one call: its key (through Kysely), and its index and search rows built
 * once in the form the repo loads them (one JSON document per table, see insertCallRows).
 */
export interface CallRows {
  readonly key: Insertable<CallKeysTable>;
  readonly record: CallRecordRow;
  readonly numbers: readonly CallNumberRow[];
  readonly nameTerms: readonly CallNameTermRow[];
}

export function callUuid(publicId: string): string {
  const uuid = fromPublicId('call', publicId);
  if (!uuid) throw CallsErrors.invalidRecordId(publicId);
  return uuid;
}

/** bytea as json_populate_recordset reads it: PostgreSQL's hex form. */
const bytea = (buffer: Buffer): string => `\\x${buffer.toString('hex')}`;
/** The instant as the key row stores it (through a Date, so both rows hold the same precision). */
const iso = (text: string): string => new Date(text).toISOString();
const isoOrNull = (text: string | null): string | null => (text === null ? null : iso(text));

/** Handle time as contact centres count it: talk, hold and after-call work, each where the source reports it. */
export function handleSecondsOf(call: NormalisedCall): number | null {
  if (call.talkSeconds === null) return null;
  return call.talkSeconds + (call.holdSeconds ?? 0) + (call.afterCallWorkSeconds ?? 0);
}

export function buildCallRows(
  crypto: CallWriteCrypto,
  record: CallRecordV1,
  digest: Buffer,
  /** The segments layout: where the record's raw sits in its segment object. */
  segment?: ArchiveSegmentRef,
): CallRows {
  const tenantId = record.tenantId;
  const id = callUuid(record.id);
  const call = normalisedPart(record);
  const startedAt = new Date(call.startedAt);
  const startedIso = startedAt.toISOString();
  const agentKey = agentKeyOf(call.agent);
  const sourceVersion = encodeSourceVersion(call.sourceVersion);
  const numberIndexes = numberTermsOf(call).map((term) => bytea(crypto.blindIndex(term.purpose, term.value)));
  const termIndexes = nameTermsOf(call).map((word) => bytea(crypto.blindIndex(termPurposes.nameWord, word)));
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
      tenant_id: tenantId,
      id,
      started_at: startedIso,
      source: call.source,
      source_call_id: call.sourceCallId,
      conversation_id: call.conversationId,
      source_version: sourceVersion,
      direction: call.direction,
      disposition: call.disposition,
      answered_at: isoOrNull(call.answeredAt),
      ended_at: isoOrNull(call.endedAt),
      ring_seconds: call.ringSeconds,
      talk_seconds: call.talkSeconds,
      total_seconds: call.totalSeconds,
      handle_seconds: handleSecondsOf(call),
      hold_seconds: call.holdSeconds ?? null,
      agent_index: agentKey === null ? null : bytea(crypto.blindIndex(termPurposes.agent, agentKey)),
      agent_ciphertext: call.agent === null ? null : crypto.encryptAgent(call.agent),
      queue_id: call.queue?.id ?? null,
      queue_name: call.queue?.name ?? null,
      mos: call.quality?.mos ?? null,
      jitter_ms: call.quality?.jitterMs ?? null,
      packet_loss_pct: call.quality?.packetLossPct ?? null,
      rtt_ms: call.quality?.rttMs ?? null,
      leg_count: Math.min(call.legs.length, 32_767),
      recording_count: Math.min(call.recordings.length, 32_767),
      raw_object_key: record.rawObjectKey,
      raw_sha256: record.rawSha256,
      raw_segment_key: segment?.key ?? null,
      raw_segment_offset: segment?.offset ?? null,
      raw_segment_length: segment?.length ?? null,
      ingested_at: iso(record.ingestedAt),
      parties_ciphertext: bytea(crypto.encryptParties(id, { from: call.from, to: call.to })),
      record_ciphertext: bytea(crypto.encryptRecord(id, call)),
    },
    numbers: [...new Set(numberIndexes)].map((index) => ({
      tenant_id: tenantId,
      number_index: index,
      started_at: startedIso,
      call_id: id,
    })),
    nameTerms: [...new Set(termIndexes)].map((index) => ({
      tenant_id: tenantId,
      term_index: index,
      started_at: startedIso,
      call_id: id,
    })),
  };
}
