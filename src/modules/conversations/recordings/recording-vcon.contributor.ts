import { createHash } from 'node:crypto';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type {
  CallDirection,
  VconAnalysis,
  VconCallView,
  VconContribution,
  VconContributor,
  VconDialog,
  VconParty,
} from '../../calls/index.js';
import type { RecordingMetadata, RecordingsService } from '../contract.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import { TRANSCRIPT_SCHEMA_VERSION } from '../transcripts/index.js';
import { numberTerm } from './party-numbers.js';
import { currentTranscriptsOf, recordingsOfCalls, type RecordingRow } from './recordings.repo.js';

/*
 * What conversations adds to a call's vCon (registered with calls at start): per linked recording
 * a "recording" dialog whose url is an audited, signed link to the redacted audio (the original
 * only for callers with recordings:read_original who ask for it) with its SHA-512 content hash,
 * and a "transcript" analysis with the redacted transcript in our transcript model.
 */

/** vendor / product / schema of the transcript analysis: the transcript model (transcript.schema.ts). */
export const TRANSCRIPT_ANALYSIS = {
  vendor: 'switchboard',
  product: 'conversations',
  schema: `switchboard.transcript/${TRANSCRIPT_SCHEMA_VERSION}`,
} as const;

/** The key other contributors' analysis names a recording's dialog by (VconContribution.dialogKeys). */
export const recordingDialogKey = (recordingPublicId: string) => `recording:${recordingPublicId}`;

export interface RecordingVconDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  /** Where the audio is read to hash it (the bytes the signed link serves). */
  readonly objects: ObjectStore;
  readonly recordings: Pick<RecordingsService, 'audioLink'>;
  /** How long the links in a vCon stay valid; default 3600 s (an export is read later than a player). */
  readonly linkTtlSeconds?: number;
}

type Tables = ConversationsTables;

const AUDIO_EXTENSIONS: Readonly<Record<string, string>> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mp4': 'm4a',
  'audio/basic': 'au',
};

/** The content_hash token of the draft: "sha512-" and the unpadded base64url digest of the bytes. */
async function sha512Token(objects: ObjectStore, key: string): Promise<string> {
  const object = await objects.get(key);
  const hash = createHash('sha512');
  for await (const chunk of object.body) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64url')}`;
}

/** A vCon party's address as the recordings' number index compares it. */
function partyTerm(party: VconParty): string | null {
  const address = party.tel?.replace(/^tel:/i, '').split(';')[0] ?? party.sip ?? null;
  return address ? (numberTerm(address)?.value ?? null) : null;
}

/**
 * Which vCon party each of the recording's parties is: by number first, else by role (the
 * customer is the far end of the call, the agent the agent party or the near end).
 */
export function partyIndexOf(
  party: NonNullable<RecordingMetadata['parties']>[number],
  parties: readonly VconParty[],
  direction: CallDirection,
): number | null {
  const term = party.number === undefined ? undefined : numberTerm(party.number)?.value;
  if (term !== undefined) {
    const found = parties.findIndex((candidate) => partyTerm(candidate) === term);
    if (found >= 0) return found;
  }
  const external = direction === 'inbound' ? 0 : direction === 'outbound' ? 1 : null;
  if (party.role === 'customer') return external;
  if (party.role === 'agent') {
    const agent = parties.findIndex((candidate, index) => index >= 2 && candidate.type === 'person');
    if (agent >= 0) return agent;
    return external === null ? null : 1 - external;
  }
  return null;
}

/**
 * The dialog's `parties`: per channel (null for a channel nobody is known on) when the recording
 * has channels and the metadata says who is on which; else the matched parties; else the call's two ends.
 */
export function dialogParties(
  metadata: RecordingMetadata,
  channels: number | null,
  parties: readonly VconParty[],
  direction: CallDirection,
): (number | number[] | null)[] {
  const placed = (metadata.parties ?? []).flatMap((party) => {
    const index = partyIndexOf(party, parties, direction);
    return index === null ? [] : [{ index, channel: party.channel }];
  });
  const channelCount = Math.max(
    channels ?? 0,
    ...placed.map((p) => (p.channel === undefined ? 0 : p.channel + 1)),
  );
  if (channelCount >= 2 && placed.some((p) => p.channel !== undefined)) {
    return Array.from({ length: channelCount }, (_, channel) => {
      const here = [...new Set(placed.filter((p) => p.channel === channel).map((p) => p.index))];
      return here.length === 0 ? null : here.length === 1 ? (here[0] ?? null) : here;
    });
  }
  const matched = [...new Set(placed.map((p) => p.index))];
  return matched.length > 0 ? matched : [0, 1];
}

export function createRecordingVconContributor(deps: RecordingVconDeps): VconContributor {
  const { database, sealing, objects } = deps;
  const linkTtl = deps.linkTtlSeconds ?? 3600;

  return async (ctx, access, calls) => {
    const answer = new Map<string, VconContribution>();
    const may = (permission: string) => access.permissions.has(permission);
    if (!may('recordings:read') || calls.length === 0) return answer;
    const byUuid = new Map<string, VconCallView>();
    for (const call of calls) {
      const uuid = fromPublicId('call', call.callId);
      if (uuid) byUuid.set(uuid, call);
    }
    const withTranscripts = may('transcripts:read');
    const { rows, transcripts } = await database.withTenant<
      Tables,
      { rows: RecordingRow[]; transcripts: Awaited<ReturnType<typeof currentTranscriptsOf>> }
    >(ctx, async (trx) => {
      const found = await recordingsOfCalls(trx, [...byUuid.keys()]);
      return {
        rows: found,
        transcripts: withTranscripts
          ? await currentTranscriptsOf(
              trx,
              found.map((row) => row.id),
            )
          : [],
      };
    });
    const transcriptOf = new Map(transcripts.map((t) => [t.recordingId, t]));
    const variant = access.media === 'original' && may('recordings:read_original') ? 'original' : 'redacted';
    const parts = new Map<string, { dialog: VconDialog[]; dialogKeys: string[]; analysis: VconAnalysis[] }>();
    for (const row of rows) {
      const call = row.callId === null ? undefined : byUuid.get(row.callId);
      if (!call) continue;
      const part = parts.get(call.callId) ?? { dialog: [], dialogKeys: [], analysis: [] };
      parts.set(call.callId, part);
      const metadata = await sealing.unsealJson<RecordingMetadata>(
        ctx.tenantId,
        row.metadataSealed,
        sealingAad.metadata(row.id),
      );
      const publicId = toPublicId('rec', row.id);
      const key = variant === 'original' ? row.audioKey : row.redactedAudioKey;
      // The muted copy is always a WAV (pipeline/audio-mute); the original is what was received.
      const mediatype =
        key === null ? undefined : variant === 'original' ? (row.audioContentType ?? undefined) : 'audio/wav';
      const extension = mediatype === undefined ? undefined : AUDIO_EXTENSIONS[mediatype];
      let content: { url: string; content_hash: string } | null = null;
      if (key !== null && row.audioContentType !== null && may('recordings:play')) {
        const content_hash = await sha512Token(objects, key);
        const link = await deps.recordings.audioLink(ctx, publicId, variant, {
          expiresInSeconds: linkTtl,
          purpose: 'vcon_export',
        });
        content = { url: link.url, content_hash };
      }
      const durationMs = row.durationMs === null ? null : Number(row.durationMs);
      part.dialog.push({
        type: 'recording',
        start: row.startedAt?.toISOString() ?? call.record.answeredAt ?? call.record.startedAt,
        ...(durationMs !== null ? { duration: durationMs / 1000 } : {}),
        parties: dialogParties(metadata, row.channels, call.parties, call.record.direction),
        ...(mediatype !== undefined ? { mediatype } : {}),
        ...(extension !== undefined ? { filename: `${publicId}.${extension}` } : {}),
        ...(content ?? {}),
      });
      part.dialogKeys.push(recordingDialogKey(publicId));
      const transcript = transcriptOf.get(row.id);
      if (transcript) {
        part.analysis.push({
          type: 'transcript',
          dialog: part.dialog.length - 1,
          mediatype: 'application/json',
          ...TRANSCRIPT_ANALYSIS,
          encoding: 'json',
          body: await sealing.unsealJson<unknown>(
            ctx.tenantId,
            transcript.transcriptSealed,
            sealingAad.transcript(transcript.id),
          ),
        });
      }
    }
    for (const [callId, part] of parts) answer.set(callId, { ...part, attachments: [] });
    return answer;
  };
}
