import type { ConversationCharacteristics } from '../audio/characteristics.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import { currentTranscript, findRecording } from '../recordings/recordings.repo.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import { transcriptSchema, type Transcript } from '../transcripts/index.js';
import { characteristicsByRole, type ScoringInput, type SpeakerRole } from './scoring-input.js';

/** The characteristics as the pipeline stores them, when the stored JSON has that shape. */
export function measured(stored: unknown): ConversationCharacteristics | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const c = stored as Partial<ConversationCharacteristics>;
  return Array.isArray(c.speakers) &&
    Array.isArray(c.interruptions) &&
    Array.isArray(c.nonTalk?.periods) &&
    typeof c.durationMs === 'number'
    ? (c as ConversationCharacteristics)
    : null;
}

/**
 * A stored transcript (redacted) and its characteristics as scoring reads them. Characteristics
 * speakers are matched to the transcript's speakers by channel on a call with a channel per party,
 * by id (`spk_<n>`) on mono; a speaker matched to neither is `unknown`.
 */
export function scoringInputOf(transcript: Transcript, storedCharacteristics: unknown): ScoringInput {
  const roleById = new Map(transcript.speakers.map((s) => [s.id, s.role]));
  const roleOf = (speaker: string, channel: number | null): SpeakerRole =>
    (channel === null
      ? roleById.get(speaker)
      : transcript.speakers.find((s) => s.channel === channel)?.role) ?? 'unknown';
  const characteristics = measured(storedCharacteristics);
  return {
    durationMs: transcript.durationMs ?? characteristics?.durationMs ?? null,
    segments: transcript.segments.map((s) => ({
      id: s.id,
      speaker: roleById.get(s.speakerId) ?? 'unknown',
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
    })),
    characteristics: characteristics ? characteristicsByRole(characteristics, roleOf) : null,
  };
}

/** Reads a recording's current transcript (redacted) and characteristics for scoring. */
export async function readStoredCall(
  deps: { readonly database: Database; readonly sealing: ConversationsSealing },
  ctx: RequestContext,
  recordingId: string,
): Promise<ScoringInput> {
  const uuid = fromPublicId('rec', recordingId);
  if (!uuid) throw ConversationsErrors.recordingNotFound();
  const found = await deps.database.withTenant<
    ConversationsTables,
    { transcript: Awaited<ReturnType<typeof currentTranscript>> } | undefined
  >(ctx, async (trx) => {
    const recording = await findRecording(trx, uuid);
    return recording ? { transcript: await currentTranscript(trx, uuid) } : undefined;
  });
  if (!found) throw ConversationsErrors.recordingNotFound();
  if (!found.transcript) throw ConversationsErrors.noTranscript();
  const row = found.transcript;
  const transcript = transcriptSchema.parse(
    await deps.sealing.unsealJson<unknown>(ctx.tenantId, row.transcriptSealed, sealingAad.transcript(row.id)),
  );
  return scoringInputOf(transcript, row.characteristics);
}
