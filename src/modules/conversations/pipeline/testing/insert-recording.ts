import { randomBytes } from 'node:crypto';
import type { Bus } from '../../../../platform/bus/index.js';
import type { Keyring } from '../../../../platform/crypto/index.js';
import type { Database } from '../../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../../platform/ids.js';
import type { ObjectStore } from '../../../../platform/objects/index.js';
import type { ConversationsTables } from '../../db/conversations.tables.js';
import { recordingReceivedV1 } from '../../events.js';
import { createSealing, sealingAad } from '../../sealing.js';

export interface TestRecordingDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly bus: Bus;
  readonly objects: ObjectStore;
}

export interface TestRecordingInput {
  readonly audio?: Uint8Array;
  readonly audioContentType?: string;
  readonly suppliedTranscript?: Uint8Array | string;
  readonly language?: string;
  /** Publish conversations.recording.received.v1 (default true). */
  readonly publish?: boolean;
}

/**
 * What the upload API will do, for the pipeline's tests until it exists: a `queued` recording
 * with its metadata sealed under the tenant's key, its audio (and supplied transcript) stored
 * under `<tenant>/audio/…`, and the received event.
 */
export async function insertTestRecording(
  deps: TestRecordingDeps,
  tenantId: string,
  input: TestRecordingInput,
): Promise<{ id: string; publicId: string }> {
  const id = newUuid();
  const audioKey = input.audio ? `${tenantId}/audio/${id}.wav` : null;
  const transcriptKey = input.suppliedTranscript ? `${tenantId}/audio/${id}.transcript` : null;
  if (input.audio && audioKey) {
    await deps.objects.put(audioKey, Buffer.from(input.audio), {
      contentType: input.audioContentType ?? 'audio/wav',
      tenantId,
    });
  }
  if (input.suppliedTranscript !== undefined && transcriptKey) {
    await deps.objects.put(transcriptKey, Buffer.from(input.suppliedTranscript), {
      contentType: 'application/octet-stream',
      tenantId,
    });
  }
  const metadata = { parties: [{ role: 'customer', number: '+441632960001' }], agent: { id: 'agent-7' } };
  // Sealed as the intake seals it, so readers of the metadata (vCon, result rows) can open it.
  const metadataSealed = await createSealing(deps.keyring).sealJson(
    tenantId,
    metadata,
    sealingAad.metadata(id),
  );
  await deps.database.withTenant<ConversationsTables>({ tenantId }, (trx) =>
    trx
      .insertInto('conversations.recordings')
      .values({
        id,
        tenantId,
        source: 'test',
        sourceRecordingId: randomBytes(8).toString('hex'),
        state: 'queued',
        failureCode: null,
        failureReason: null,
        startedAt: new Date(),
        queue: null,
        language: input.language ?? null,
        agentIndex: null,
        callId: null,
        callLink: null,
        metadataSealed,
        audioKey,
        audioContentType: input.audio ? (input.audioContentType ?? 'audio/wav') : null,
        audioBytes: input.audio?.length ?? null,
        audioSha256: null,
        redactedAudioKey: null,
        codec: null,
        channels: null,
        sampleRate: null,
        durationMs: null,
        suppliedTranscriptKey: transcriptKey,
      })
      .execute(),
  );
  const publicId = toPublicId('rec', id);
  if (input.publish !== false) {
    await deps.bus.publishNow([
      {
        type: recordingReceivedV1.type,
        tenantId,
        key: id,
        data: recordingReceivedV1.schema.parse({
          recordingId: publicId,
          source: 'test',
          callId: null,
          hasAudio: input.audio !== undefined,
          hasSuppliedTranscript: input.suppliedTranscript !== undefined,
        }),
      },
    ]);
  }
  return { id, publicId };
}
