import type { Database } from '../../../../platform/db/index.js';
import { newUuid } from '../../../../platform/ids.js';
import type { ConversationsTables } from '../../db/conversations.tables.js';
import { storeTranscript } from '../../pipeline/pipeline.repo.js';
import { insertTestRecording, type TestRecordingDeps } from '../../pipeline/testing/insert-recording.js';
import { createSealing, sealingAad } from '../../sealing.js';
import { searchColumns, searchTextsOf } from '../../search/search-texts.js';
import { builtProvenance, TRANSCRIPT_SCHEMA_VERSION, type Transcript } from '../../transcripts/index.js';
import type { ScoringSegment } from '../scoring-input.js';

/**
 * A recording as the pipeline leaves it (state ready, a succeeded run, the current transcript
 * sealed under the tenant's key) with the given segments: spk_0 is the agent on channel 0, spk_1
 * the customer on channel 1. Written through the pipeline's own repo function.
 */
export async function insertTranscribedRecording(
  deps: TestRecordingDeps & { readonly database: Database },
  tenantId: string,
  segments: readonly ScoringSegment[],
  options: { readonly durationMs: number; readonly characteristics?: unknown } = { durationMs: 60_000 },
): Promise<{ id: string; publicId: string }> {
  const recording = await insertTestRecording(deps, tenantId, {
    suppliedTranscript: 'WEBVTT',
    publish: false,
  });
  const transcript: Transcript = {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    language: 'en',
    durationMs: options.durationMs,
    speakers: [
      { id: 'spk_0', role: 'agent', roleSource: 'hint', label: null, channel: 0 },
      { id: 'spk_1', role: 'customer', roleSource: 'hint', label: null, channel: 1 },
    ],
    segments: segments.map((s) => ({
      id: s.id,
      speakerId: s.speaker === 'agent' ? 'spk_0' : 'spk_1',
      channel: s.speaker === 'agent' ? 0 : 1,
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
      confidence: null,
      words: null,
      redactions: [],
    })),
    provenance: builtProvenance('captions', 'webvtt'),
    providerRedaction: null,
  };
  const sealing = createSealing(deps.keyring);
  const runId = newUuid();
  const transcriptId = newUuid();
  await deps.database.withTenant<ConversationsTables>({ tenantId }, async (trx) => {
    await trx
      .insertInto('conversations.recording_runs')
      .values({
        id: runId,
        tenantId,
        recordingId: recording.id,
        workflowId: `test-${runId}`,
        reason: 'received',
        state: 'running',
      })
      .execute();
    await storeTranscript(trx, {
      id: transcriptId,
      tenantId,
      recordingId: recording.id,
      runId,
      provider: 'captions',
      language: 'en',
      durationMs: options.durationMs,
      speakerCount: 2,
      transcriptSealed: await sealing.sealJson(tenantId, transcript, sealingAad.transcript(transcriptId)),
      redactionSpansSealed: await sealing.sealJson(tenantId, [], sealingAad.redactionSpans(transcriptId)),
      redactionCounts: {},
      characteristics: options.characteristics ?? null,
      costMicros: null,
      enrichedKey: `${tenantId}/enriched/${recording.id}/${runId}.json`,
      ...searchColumns(searchTextsOf(transcript)),
    });
  });
  return recording;
}
