import type { Keyring } from '../../platform/crypto/index.js';

/*
 * How conversations seals personal data under the tenant's data key, in one place, because the
 * recordings feature writes what the pipeline reads and the reverse. The AAD binds each
 * ciphertext to its row: copied onto another row, it does not decrypt.
 *
 * - recordings.metadata_sealed: the metadata as delivered (JSON), AAD `conversations.metadata:<recording uuid>`
 * - transcripts.transcript_sealed: the redacted transcript model (JSON), AAD `conversations.transcript:<transcript uuid>`
 * - transcripts.redaction_spans_sealed: the spans (JSON), AAD `conversations.redaction_spans:<transcript uuid>`
 * - analyses.result_sealed: the analysis result (JSON), AAD `conversations.analysis:<analysis uuid>`
 * - qa_reviews.reason_sealed: a reviewer's reason for an override (JSON string), AAD `conversations.qa_review:<review uuid>`
 * - qa_disputes.comment_sealed / resolution_sealed: the dispute's comment and the reviewer's answer
 *   (JSON strings), AAD `conversations.qa_dispute:<uuid>` / `conversations.qa_dispute_resolution:<uuid>`
 */
export const sealingAad = {
  metadata: (recordingUuid: string) => `conversations.metadata:${recordingUuid}`,
  analysis: (analysisUuid: string) => `conversations.analysis:${analysisUuid}`,
  transcript: (transcriptUuid: string) => `conversations.transcript:${transcriptUuid}`,
  redactionSpans: (transcriptUuid: string) => `conversations.redaction_spans:${transcriptUuid}`,
  qaReview: (reviewUuid: string) => `conversations.qa_review:${reviewUuid}`,
  qaDispute: (disputeUuid: string) => `conversations.qa_dispute:${disputeUuid}`,
  qaDisputeResolution: (disputeUuid: string) => `conversations.qa_dispute_resolution:${disputeUuid}`,
} as const;

/** HMAC purposes of the blind indexes. `phone` is shared platform-wide: a number matches across modules. */
export const indexPurposes = {
  e164: 'phone',
  address: 'conversations.address',
  agent: 'conversations.agent',
  uploadUrl: 'conversations.upload_url',
} as const;

export interface ConversationsSealing {
  sealJson(tenantId: string, value: unknown, aad: string): Promise<Buffer>;
  unsealJson<T>(tenantId: string, ciphertext: Buffer, aad: string): Promise<T>;
  blindIndex(tenantId: string, purpose: string, value: string): Promise<Buffer>;
}

export function createSealing(keyring: Keyring): ConversationsSealing {
  return {
    sealJson: (tenantId, value, aad) => keyring.encrypt(tenantId, JSON.stringify(value), aad),
    unsealJson: async <T>(tenantId: string, ciphertext: Buffer, aad: string) =>
      JSON.parse((await keyring.decrypt(tenantId, ciphertext, aad)).toString('utf8')) as T,
    blindIndex: async (tenantId, purpose, value) => (await keyring.blindIndexer(tenantId, purpose))(value),
  };
}
