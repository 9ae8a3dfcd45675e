import { z } from 'zod';
import type { RedactionMarker, SpeakerRole, TranscriptWord } from './transcript.schema.js';
import { checkedRange, type SegmentDraft, type TranscriptDraft, readDocument } from './transcript-draft.js';
import type { SpeakerDraft } from './speakers.js';

const millis = z.number().int().nonnegative();

const turn = z.object({
  BeginOffsetMillis: millis,
  EndOffsetMillis: millis,
  Content: z.string(),
  ParticipantId: z.string().nullish(),
  ParticipantRole: z.string().nullish(),
  Redaction: z
    .object({
      RedactedTimestamps: z.array(z.object({ BeginOffsetMillis: millis, EndOffsetMillis: millis })).nullish(),
    })
    .nullish(),
  Items: z
    .array(
      z.object({
        BeginOffsetMillis: millis,
        EndOffsetMillis: millis,
        Content: z.string(),
        Confidence: z.number().min(0).max(1).nullish(),
        Type: z.string().nullish(),
      }),
    )
    .nullish(),
});

const analyticsOutput = z.object({
  Version: z.string().nullish(),
  JobName: z.string().nullish(),
  LanguageCode: z.string().nullish(),
  ContentMetadata: z
    .object({ RedactionTypes: z.array(z.string()).nullish(), Output: z.string().nullish() })
    .nullish(),
  Participants: z.array(z.object({ ParticipantId: z.string(), ParticipantRole: z.string() })).nullish(),
  ConversationCharacteristics: z.object({ TotalConversationDurationMillis: millis.nullish() }).nullish(),
  Transcript: z.array(turn),
});

const ROLE_INDEX: Record<string, number> = { AGENT: 0, CUSTOMER: 1 };

/**
 * Amazon Connect Contact Lens post-call file (and Transcribe Call Analytics output, which has the
 * same turns with `ParticipantRole` on each). Roles are the file's own: AGENT = `spk_0`,
 * CUSTOMER = `spk_1` (the spk_0 = agent convention, here by fact). The file names no audio
 * channel, so channel stays null. A redacted file keeps its `[PII]` tokens in the text; each
 * gets a provider marker with the matching `Redaction.RedactedTimestamps` entry (in order).
 */
export function parseContactLens(document: unknown): TranscriptDraft {
  const body = readDocument('aws-contact-lens', analyticsOutput, document);
  const roleOfParticipant = new Map(
    (body.Participants ?? []).map((participant) => [participant.ParticipantId, participant.ParticipantRole]),
  );
  const speakers = new Map<string, SpeakerDraft>();
  const segments: SegmentDraft[] = body.Transcript.map((entry, index) => {
    const where = `Transcript.${index}`;
    const participant = entry.ParticipantId ?? entry.ParticipantRole ?? 'UNKNOWN';
    const providerRole = (
      entry.ParticipantRole ??
      roleOfParticipant.get(participant) ??
      participant
    ).toUpperCase();
    if (!speakers.has(participant)) {
      speakers.set(participant, {
        key: participant,
        label: participant,
        index: ROLE_INDEX[providerRole] ?? null,
        channel: null,
        role: roleOf(providerRole),
      });
    }
    const range = checkedRange('aws-contact-lens', entry.BeginOffsetMillis, entry.EndOffsetMillis, where);
    const words: TranscriptWord[] | null = entry.Items
      ? entry.Items.filter((word) => word.Type !== 'punctuation' && word.Content.trim() !== '').map(
          (word, at) => ({
            text: word.Content,
            ...checkedRange(
              'aws-contact-lens',
              word.BeginOffsetMillis,
              word.EndOffsetMillis,
              `${where}.Items.${at}`,
            ),
            confidence: word.Confidence ?? null,
          }),
        )
      : null;
    return {
      speaker: participant,
      channel: null,
      ...range,
      text: entry.Content.trim(),
      confidence: null,
      words,
      redactions: providerMarkers(entry.Content.trim(), entry.Redaction?.RedactedTimestamps ?? []),
    };
  });
  const redacted = body.ContentMetadata?.Output?.toLowerCase() === 'redacted';
  return {
    format: 'aws-contact-lens',
    provider: 'aws-contact-lens',
    model: null,
    modelVersion: body.Version ?? null,
    providerJobId: body.JobName ?? null,
    createdAt: null,
    language: body.LanguageCode ?? null,
    durationMs: body.ConversationCharacteristics?.TotalConversationDurationMillis ?? null,
    speakers: [...speakers.values()],
    separated: true,
    segments: segments.filter((segment) => segment.text !== ''),
    providerRedaction:
      redacted || segments.some((segment) => (segment.redactions ?? []).length > 0)
        ? { entityTypes: body.ContentMetadata?.RedactionTypes ?? ['PII'] }
        : null,
  };
}

function roleOf(providerRole: string): SpeakerRole | null {
  if (providerRole === 'AGENT') return 'agent';
  if (providerRole === 'CUSTOMER') return 'customer';
  return null;
}

function providerMarkers(
  text: string,
  timestamps: readonly { BeginOffsetMillis: number; EndOffsetMillis: number }[],
): RedactionMarker[] {
  const markers: RedactionMarker[] = [];
  for (const match of text.matchAll(/\[([A-Z][A-Z_]*)\]/g)) {
    const time = timestamps[markers.length];
    markers.push({
      entityType: match[1] ?? 'PII',
      charStart: match.index,
      charEnd: match.index + match[0].length,
      startMs: time?.BeginOffsetMillis ?? null,
      endMs: time?.EndOffsetMillis ?? null,
      by: 'provider',
    });
  }
  return markers;
}
