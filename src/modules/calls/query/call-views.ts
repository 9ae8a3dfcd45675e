import { toPublicId } from '../../../platform/ids.js';
import type { CallQuality, CallRecordV1 } from '../call-record.js';
import type { CallSummary } from '../contract.js';
import type { CallFullRow, CallSummaryRow } from './call-reads.repo.js';
import type { CallCrypto, CallReadCrypto } from '../store/call-crypto.js';

/** Index rows to what the API shows, decrypting the personal parts. */

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function qualityOf(row: CallSummaryRow): CallQuality | null {
  if (row.mos === null && row.jitterMs === null && row.packetLossPct === null && row.rttMs === null)
    return null;
  return { mos: row.mos, jitterMs: row.jitterMs, packetLossPct: row.packetLossPct, rttMs: row.rttMs };
}

export function toCallSummary(crypto: CallReadCrypto, row: CallSummaryRow): CallSummary {
  const parties = crypto.decryptParties(row.id, row.partiesCiphertext);
  const agent = row.agentCiphertext === null ? null : crypto.decryptAgent(row.agentCiphertext);
  return {
    id: toPublicId('call', row.id),
    source: row.source,
    sourceCallId: row.sourceCallId,
    conversationId: row.conversationId,
    direction: row.direction,
    disposition: row.disposition,
    startedAt: row.startedAt.toISOString(),
    answeredAt: iso(row.answeredAt),
    endedAt: iso(row.endedAt),
    ringSeconds: row.ringSeconds,
    talkSeconds: row.talkSeconds,
    totalSeconds: row.totalSeconds,
    from: parties.from,
    to: parties.to,
    agent,
    queue: row.queueId === null && row.queueName === null ? null : { id: row.queueId, name: row.queueName },
    quality: qualityOf(row),
    legCount: row.legCount,
    recordingCount: row.recordingCount,
  };
}

/** The stored CallRecordV1: the decrypted normalised call plus the platform fields. */
export async function toCallRecord(crypto: CallCrypto, row: CallFullRow): Promise<CallRecordV1> {
  const call = await crypto.decryptRecord(row.tenantId, row.id, row.recordCiphertext);
  return {
    id: toPublicId('call', row.id),
    tenantId: row.tenantId,
    ...call,
    rawObjectKey: row.rawObjectKey,
    rawSha256: row.rawSha256,
    ingestedAt: row.ingestedAt.toISOString(),
  };
}
