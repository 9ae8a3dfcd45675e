import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { ObjectExistsError, type ObjectStore } from '../../../platform/objects/index.js';
import type { RecordingCallMatch, RecordingCallQuery } from '../../calls/index.js';
import type {
  BeginOutcome,
  CurrentTranscriptView,
  IncomingFile,
  RecordingDetail,
  RecordingIntake,
  RecordingMetadata,
  RecordingsService,
  RecordingSort,
  RecordingSummary,
  RecordingTotal,
} from '../contract.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import type { ConversationsMetrics } from '../conversations.metrics.js';
import { recordingReceivedV1, type RecordingReceived } from '../events.js';
import { indexPurposes, sealingAad, type ConversationsSealing } from '../sealing.js';
import { parseTranscript, TranscriptParseError, DEFAULT_MAX_TRANSCRIPT_BYTES } from '../transcripts/index.js';
import { AUDIO_CONTENT_TYPES, sniffAudio, truncationOf } from './audio-intake.js';
import { normaliseAgentKey, numberTerm } from './party-numbers.js';
import { readCharacteristics } from './recording-characteristics.schema.js';
import {
  claimRecording,
  countRecordings,
  currentTranscript,
  deleteClaim,
  findRecording,
  listRecordings,
  markQueued,
  recordAudio,
  recordSuppliedTranscript,
  deleteLapsedClaim,
  lapsedClaims,
  replaceNumbers,
  runsOf,
  sortTimeOf,
  takeOverClaim,
  type NewRecording,
  type RecordingRow,
} from './recordings.repo.js';

export interface RecordingsDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  /** Where recordings are stored (write-once, encrypted at rest under the tenant's key). */
  readonly objects: ObjectStore;
  readonly bus: Bus;
  readonly audit: AuditLog;
  /** The calls module's matcher (calls.matchRecording). */
  readonly matchCall: (ctx: RequestContext, query: RecordingCallQuery) => Promise<RecordingCallMatch | null>;
  readonly signObjectUrl: (key: string, expiresInSeconds: number) => Promise<string>;
  /** Where clients reach this API (upload URLs are absolute). */
  readonly publicUrl: string;
  readonly settings?: {
    /** How long a two-step upload's PUT URL, and any upload's claim, stays valid; default 3600 s. */
    readonly uploadTtlSeconds?: number;
    /** Playback links; default 300 s. */
    readonly playbackTtlSeconds?: number;
    /** Default 120 s. */
    readonly linkToleranceSeconds?: number;
  };
  readonly now?: () => Date;
  /** Counts each recording queued for the pipeline. */
  readonly metrics?: Pick<ConversationsMetrics, 'recordingReceived'>;
}

type Tables = ConversationsTables;

const pad = (n: number) => String(n).padStart(2, '0');

function toSummary(row: RecordingRow): RecordingSummary {
  return {
    id: toPublicId('rec', row.id),
    source: row.source,
    sourceRecordingId: row.sourceRecordingId,
    state: row.state,
    failure: row.failureCode === null ? null : { code: row.failureCode, reason: row.failureReason },
    startedAt: row.startedAt?.toISOString() ?? null,
    direction: row.direction,
    queue: row.queue,
    language: row.language,
    tags: row.tags,
    callId: row.callId === null ? null : toPublicId('call', row.callId),
    callLink: row.callLink,
    audio:
      row.state !== 'uploading' &&
      row.audioKey !== null &&
      row.audioBytes !== null &&
      row.audioSha256 !== null
        ? {
            contentType: row.audioContentType ?? 'application/octet-stream',
            bytes: Number(row.audioBytes),
            sha256: row.audioSha256,
          }
        : null,
    hasSuppliedTranscript: row.suppliedTranscriptKey !== null,
    hasRedactedAudio: row.redactedAudioKey !== null,
    durationMs: row.durationMs === null ? null : Number(row.durationMs),
    codec: row.codec,
    channels: row.channels,
    sampleRate: row.sampleRate,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createRecordings(deps: RecordingsDeps): RecordingsService {
  const { database, sealing, objects, bus } = deps;
  const now = deps.now ?? (() => new Date());
  const uploadTtl = deps.settings?.uploadTtlSeconds ?? 3600;
  const playbackTtl = deps.settings?.playbackTtlSeconds ?? 300;
  const tolerance = deps.settings?.linkToleranceSeconds ?? 120;
  const baseUrl = deps.publicUrl.replace(/\/+$/, '');

  /** The claim's facts from the metadata: link to the call, blind indexes, sealed metadata. */
  async function prepare(
    ctx: RequestContext,
    id: string,
    metadata: RecordingMetadata,
    expect: { bytes?: number | undefined; sha256?: string | undefined },
  ): Promise<{ row: NewRecording; numberIndexes: Buffer[] }> {
    const startedAt = metadata.startedAt === undefined ? null : new Date(metadata.startedAt);
    const numbers = (metadata.parties ?? []).flatMap((p) => (p.number === undefined ? [] : [p.number]));
    const match = await deps.matchCall(ctx, {
      callId: metadata.callId,
      sourceCallId: metadata.sourceCallId,
      numbers,
      startedAt: startedAt ?? undefined,
      toleranceSeconds: tolerance,
    });
    if (metadata.callId !== undefined && !match) throw ConversationsErrors.callNotFound(metadata.callId);
    const terms = numbers.flatMap((n) => numberTerm(n) ?? []);
    const numberIndexes = await Promise.all(
      terms.map((t) => sealing.blindIndex(ctx.tenantId, t.purpose, t.value)),
    );
    const agentKey = metadata.agent ? normaliseAgentKey(metadata.agent) : null;
    const created = now();
    const attempt = randomBytes(6).toString('hex');
    return {
      numberIndexes,
      row: {
        id,
        tenantId: ctx.tenantId,
        source: metadata.source,
        sourceRecordingId: metadata.sourceRecordingId,
        startedAt,
        direction: metadata.direction ?? 'unknown',
        queue: metadata.queue ?? null,
        team: metadata.team ?? null,
        language: metadata.language ?? null,
        tags: [...new Set(metadata.tags ?? [])],
        agentIndex:
          agentKey === null ? null : await sealing.blindIndex(ctx.tenantId, indexPurposes.agent, agentKey),
        callId: match ? (fromPublicId('call', match.callId) ?? null) : null,
        callLink: match?.link ?? null,
        metadataSealed: await sealing.sealJson(ctx.tenantId, metadata, sealingAad.metadata(id)),
        // The key names this delivery: a newer delivery of the same recording writes its own.
        audioKey: `${ctx.tenantId}/audio/${created.getUTCFullYear()}/${pad(created.getUTCMonth() + 1)}/${id}.${attempt}`,
        uploadExpiresAt: new Date(created.getTime() + uploadTtl * 1000),
        uploadExpectedBytes: expect.bytes ?? null,
        uploadExpectedSha256: expect.sha256 ?? null,
      },
    };
  }

  /** Claims (or takes over an unfinished claim of) the recording; answers the row as now held. */
  async function claim(
    ctx: RequestContext,
    metadata: RecordingMetadata,
    expect: { bytes?: number | undefined; sha256?: string | undefined } = {},
  ): Promise<{ status: 'existing' | 'claimed'; row: RecordingRow }> {
    const id = newUuid();
    const prepared = await prepare(ctx, id, metadata, expect);
    return database.withTenant<Tables, { status: 'existing' | 'claimed'; row: RecordingRow }>(
      ctx,
      async (trx) => {
        const claimed = await claimRecording(trx, prepared.row);
        if (claimed.inserted) {
          await replaceNumbers(trx, ctx.tenantId, claimed.row.id, prepared.numberIndexes);
          return { status: 'claimed', row: claimed.row };
        }
        if (claimed.row.state !== 'uploading') return { status: 'existing', row: claimed.row };
        // The newest delivery takes the unfinished claim over; the metadata is sealed again for its row.
        const {
          id: _id,
          tenantId: _tenant,
          source: _source,
          sourceRecordingId: _sourceId,
          ...rest
        } = prepared.row;
        const taken = await takeOverClaim(trx, claimed.row.id, {
          ...rest,
          audioKey: rest.audioKey.replace(id, claimed.row.id),
          metadataSealed: await sealing.sealJson(ctx.tenantId, metadata, sealingAad.metadata(claimed.row.id)),
        });
        await replaceNumbers(trx, ctx.tenantId, claimed.row.id, prepared.numberIndexes);
        return { status: 'claimed', row: taken ?? claimed.row };
      },
    );
  }

  async function removeQuietly(key: string | null, reason: string): Promise<void> {
    if (key === null) return;
    await objects.delete(key, { reason }).catch(() => undefined);
  }

  function intakeFor(ctx: RequestContext, row: RecordingRow): RecordingIntake {
    // The claim's key names the delivery; once the audio is stored it becomes the object's key
    // (with the extension of what was sniffed). Every write checks the row still holds it.
    let audioKey = row.audioKey ?? '';
    const base = claimBase(audioKey);
    const stored: string[] = [];
    let hasAudio = false;
    let finished = false;

    async function storeAudio(file: IncomingFile) {
      const sniffed = await sniffAudio(file.body, 'audio');
      const kind = AUDIO_CONTENT_TYPES[sniffed.container];
      const key = `${base}.${kind.extension}`;
      let result;
      try {
        result = await objects.put(key, Readable.from(sniffed.chunks), {
          contentType: kind.type,
          tenantId: ctx.tenantId,
        });
      } catch (error) {
        if (error instanceof ObjectExistsError) throw ConversationsErrors.uploadSuperseded();
        throw error;
      }
      stored.push(key);
      const truncated = truncationOf(sniffed, 'audio');
      if (truncated) {
        await removeQuietly(key, 'upload refused: truncated audio');
        throw truncated;
      }
      const still = await database.withTenant<Tables, boolean>(ctx, (trx) =>
        recordAudio(trx, row.id, audioKey, key, {
          contentType: kind.type,
          bytes: result.size,
          sha256: result.sha256,
        }),
      );
      if (!still) {
        await removeQuietly(key, 'upload superseded by a newer delivery');
        throw ConversationsErrors.uploadSuperseded();
      }
      audioKey = key;
      hasAudio = true;
      return { key, bytes: result.size, sha256: result.sha256 };
    }

    return {
      recordingId: toPublicId('rec', row.id),
      async putAudio(file) {
        const { bytes, sha256 } = await storeAudio(file);
        return { bytes, sha256 };
      },
      async putTranscript(file) {
        if (file.bytes.length === 0)
          throw ConversationsErrors.unprocessable('transcript', 'is empty (0 bytes)');
        if (file.bytes.length > DEFAULT_MAX_TRANSCRIPT_BYTES)
          throw ConversationsErrors.tooLarge('transcript', DEFAULT_MAX_TRANSCRIPT_BYTES);
        let format: string;
        try {
          format = parseTranscript(file.bytes).provenance.format;
        } catch (error) {
          if (error instanceof TranscriptParseError)
            throw new AppError(
              'CONVERSATIONS_UNPROCESSABLE_UPLOAD',
              'unprocessable',
              `transcript ${error.message}`,
              {
                fields:
                  error.fields.length > 0 ? error.fields : [{ field: 'transcript', message: error.message }],
                cause: error,
              },
            );
          throw error;
        }
        const extension = format === 'webvtt' ? 'vtt' : format === 'srt' ? 'srt' : 'json';
        const key = `${base.replace('/audio/', '/supplied/')}.${extension}`;
        await objects.put(key, file.bytes, {
          contentType:
            extension === 'vtt'
              ? 'text/vtt'
              : extension === 'srt'
                ? 'application/x-subrip'
                : 'application/json',
          tenantId: ctx.tenantId,
        });
        stored.push(key);
        const still = await database.withTenant<Tables, boolean>(ctx, (trx) =>
          recordSuppliedTranscript(trx, row.id, audioKey, key),
        );
        if (!still) {
          await removeQuietly(key, 'upload superseded by a newer delivery');
          throw ConversationsErrors.uploadSuperseded();
        }
      },
      async complete() {
        const current = await database.withTenant<Tables, RecordingRow | undefined>(ctx, (trx) =>
          findRecording(trx, row.id),
        );
        const audio = hasAudio || (current?.audioSha256 !== null && current?.audioKey === audioKey);
        if (!audio && current?.suppliedTranscriptKey == null)
          throw ConversationsErrors.unprocessable('audio', 'is required (or a transcript part instead)');
        // The metadata as delivered, beside the audio (the pipeline adds enriched/ and final/).
        const metaKey = `${base.replace('/audio/', '/meta/')}.json`;
        if (current) {
          const metadata = await sealing.unsealJson<RecordingMetadata>(
            ctx.tenantId,
            current.metadataSealed,
            sealingAad.metadata(row.id),
          );
          await objects.put(metaKey, Buffer.from(JSON.stringify(metadata)), {
            contentType: 'application/json',
            tenantId: ctx.tenantId,
          });
          stored.push(metaKey);
        }
        const queued = await database.withTenant<Tables, RecordingRow | undefined>(ctx, async (trx) => {
          const marked = await markQueued(trx, row.id, audioKey, audio);
          if (!marked) return undefined;
          await bus.publish(trx, [
            {
              type: recordingReceivedV1.type,
              tenantId: ctx.tenantId,
              key: marked.id,
              data: {
                recordingId: toPublicId('rec', marked.id),
                source: marked.source,
                callId: marked.callId === null ? null : toPublicId('call', marked.callId),
                hasAudio: audio,
                hasSuppliedTranscript: marked.suppliedTranscriptKey !== null,
              } satisfies RecordingReceived,
            },
          ]);
          return marked;
        });
        if (!queued) {
          for (const key of stored) await removeQuietly(key, 'upload superseded by a newer delivery');
          throw ConversationsErrors.uploadSuperseded();
        }
        deps.metrics?.recordingReceived(audio ? 'audio' : 'transcript');
        finished = true;
        return toSummary(queued);
      },
      async abort(reason) {
        if (finished) return;
        finished = true;
        for (const key of stored) await removeQuietly(key, `upload aborted: ${reason}`);
        await database.withTenant<Tables>(ctx, (trx) => deleteClaim(trx, row.id, audioKey));
      },
    };
  }

  const uploadMac = async (tenantId: string, recordingUuid: string, audioKey: string, expires: string) =>
    sealing.blindIndex(tenantId, indexPurposes.uploadUrl, `${recordingUuid}\n${audioKey}\n${expires}`);

  async function loadRow(ctx: RequestContext, recordingId: string): Promise<RecordingRow> {
    const uuid = fromPublicId('rec', recordingId);
    if (!uuid) throw ConversationsErrors.recordingNotFound();
    const row = await database.withTenant<Tables, RecordingRow | undefined>(ctx, (trx) =>
      findRecording(trx, uuid),
    );
    if (!row) throw ConversationsErrors.recordingNotFound();
    return row;
  }

  return {
    async begin(ctx, metadata): Promise<BeginOutcome> {
      const claimed = await claim(ctx, metadata);
      return claimed.status === 'existing'
        ? { status: 'existing', recording: toSummary(claimed.row) }
        : { status: 'claimed', intake: intakeFor(ctx, claimed.row) };
    },

    async createUpload(ctx, request) {
      const claimed = await claim(ctx, request.metadata, { bytes: request.bytes, sha256: request.sha256 });
      const row = claimed.row;
      if (claimed.status === 'existing')
        return {
          created: false,
          ticket: {
            recordingId: toPublicId('rec', row.id),
            uploadUrl: null,
            expiresAt: null,
            recording: toSummary(row),
          },
        };
      const expiresAt = row.uploadExpiresAt ?? new Date(now().getTime() + uploadTtl * 1000);
      const expires = String(Math.floor(expiresAt.getTime() / 1000));
      const sig = (await uploadMac(ctx.tenantId, row.id, row.audioKey ?? '', expires)).toString('base64url');
      const query = new URLSearchParams({ tenant: toPublicId('ten', ctx.tenantId), expires, sig });
      return {
        created: true,
        ticket: {
          recordingId: toPublicId('rec', row.id),
          uploadUrl: `${baseUrl}/api/v1/recordings/uploads/${toPublicId('rec', row.id)}/audio?${query.toString()}`,
          expiresAt: expiresAt.toISOString(),
          recording: toSummary(row),
        },
      };
    },

    async putUploadedAudio(link, file) {
      const tenantId = fromPublicId('ten', link.tenant);
      const uuid = fromPublicId('rec', link.recordingId);
      if (!tenantId || !uuid || !/^\d{1,12}$/.test(link.expires) || !/^[A-Za-z0-9_-]{43}$/.test(link.sig))
        throw ConversationsErrors.uploadLinkInvalid();
      if (Number(link.expires) * 1000 < now().getTime()) throw ConversationsErrors.uploadLinkInvalid();
      const ctx: RequestContext = {
        tenantId,
        actor: { type: 'system', id: 'upload-link' },
        requestId: newUuid(),
      };
      const row = await database.withTenant<Tables, RecordingRow | undefined>(ctx, (trx) =>
        findRecording(trx, uuid),
      );
      if (!row || row.state !== 'uploading' || row.audioKey === null)
        throw ConversationsErrors.uploadLinkInvalid();
      const expected = await uploadMac(tenantId, uuid, row.audioKey, link.expires);
      if (!timingSafeEqual(expected, Buffer.from(link.sig, 'base64url')))
        throw ConversationsErrors.uploadLinkInvalid();
      const intake = intakeFor(ctx, row);
      return intake.putAudio(file);
    },

    async completeUpload(ctx, recordingId, expect) {
      const row = await loadRow(ctx, recordingId);
      if (row.state !== 'uploading') return { created: false, recording: toSummary(row) };
      if (row.audioSha256 === null || row.audioBytes === null)
        throw ConversationsErrors.uploadIncomplete(
          'No audio has been uploaded for this recording yet: PUT it to the uploadUrl first.',
        );
      const bytes =
        expect.bytes ?? (row.uploadExpectedBytes === null ? undefined : Number(row.uploadExpectedBytes));
      const sha256 = expect.sha256 ?? row.uploadExpectedSha256 ?? undefined;
      if (bytes !== undefined && bytes !== Number(row.audioBytes))
        throw ConversationsErrors.uploadMismatch(
          'body.bytes',
          `is ${bytes}, but ${row.audioBytes} bytes were stored`,
        );
      if (sha256 !== undefined && sha256 !== row.audioSha256)
        throw ConversationsErrors.uploadMismatch(
          'body.sha256',
          `does not match the stored audio (${row.audioSha256})`,
        );
      const recording = await intakeFor(ctx, row).complete();
      return { created: true, recording };
    },

    async list(ctx, query) {
      const { filters } = query;
      const uuidOf = (callId: string) => {
        const uuid = fromPublicId('call', callId);
        if (!uuid)
          throw ConversationsErrors.invalidFilter('querystring.callId', 'is not a call id (call_...)');
        return uuid;
      };
      const term = filters.number === undefined ? undefined : numberTerm(filters.number);
      if (filters.number !== undefined && !term)
        throw ConversationsErrors.invalidFilter(
          'querystring.number',
          'must be an E.164 number or an address',
        );
      const agentKey = filters.agent === undefined ? null : normaliseAgentKey({ id: filters.agent });
      const indexFilters = {
        callId: filters.callId === undefined ? undefined : uuidOf(filters.callId),
        numberIndexes: term ? [await sealing.blindIndex(ctx.tenantId, term.purpose, term.value)] : undefined,
        agentIndex:
          agentKey === null
            ? undefined
            : await sealing.blindIndex(ctx.tenantId, indexPurposes.agent, agentKey),
        queue: filters.queue,
        from: filters.from,
        to: filters.to,
        states: filters.states,
        q: filters.q,
      };
      const sort: RecordingSort = query.sort ?? { key: 'createdAt', direction: 'desc' };
      // One row more than asked tells whether another page exists.
      const { rows, total } = await database.withTenant<
        Tables,
        { rows: RecordingRow[]; total: RecordingTotal | undefined }
      >(ctx, async (trx) => ({
        total: query.withTotal ? await countRecordings(trx, indexFilters) : undefined,
        rows: await listRecordings(trx, indexFilters, { limit: query.limit + 1, after: query.after, sort }),
      }));
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toSummary),
        nextCursor:
          rows.length > query.limit && last
            ? {
                at: sortTimeOf(last, sort.key),
                id: last.id,
                ...(sort.key === 'duration' ? { durationMs: Number(last.durationMs ?? -1) } : {}),
              }
            : null,
        total,
      };
    },

    async get(ctx, recordingId, options = {}) {
      const uuid = fromPublicId('rec', recordingId);
      if (!uuid) throw ConversationsErrors.recordingNotFound();
      const found = await database.withTenant<Tables, Awaited<ReturnType<typeof readDetail>> | undefined>(
        ctx,
        (trx) => readDetail(trx, uuid, options.withTranscript ?? false),
      );
      if (!found) throw ConversationsErrors.recordingNotFound();
      const { row, runs, transcript } = found;
      const metadata = await sealing.unsealJson<RecordingMetadata>(
        ctx.tenantId,
        row.metadataSealed,
        sealingAad.metadata(row.id),
      );
      let transcriptView: CurrentTranscriptView | null = null;
      if (transcript) {
        transcriptView = {
          id: toPublicId('trn', transcript.id),
          runId: toPublicId('run', transcript.runId),
          provider: transcript.provider,
          language: transcript.language,
          durationMs: transcript.durationMs === null ? null : Number(transcript.durationMs),
          speakerCount: transcript.speakerCount,
          transcript: await sealing.unsealJson<unknown>(
            ctx.tenantId,
            transcript.transcriptSealed,
            sealingAad.transcript(transcript.id),
          ),
          redactionCounts: JSON.parse(transcript.redactionCounts) as Record<string, number>,
          characteristics:
            transcript.characteristics === null
              ? null
              : readCharacteristics(JSON.parse(transcript.characteristics) as unknown),
          createdAt: transcript.createdAt.toISOString(),
        };
      }
      return {
        ...toSummary(row),
        metadata,
        runs: runs.map((run) => ({
          id: toPublicId('run', run.id),
          reason: run.reason,
          state: run.state,
          steps: run.steps,
          failure: run.failureCode === null ? null : { code: run.failureCode, reason: run.failureReason },
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
        })),
        transcript: transcriptView,
      } satisfies RecordingDetail;
    },

    async sweepLapsedUploads(at = now()) {
      // A little after the lapse, so a PUT that began just before its link expired can finish.
      const before = new Date(at.getTime() - 15 * 60_000);
      let swept = 0;
      for (const claim of await lapsedClaims(database.owner, before, 500)) {
        if (claim.audioKey !== null) {
          const base = claimBase(claim.audioKey);
          for (const prefix of [
            base,
            base.replace('/audio/', '/supplied/'),
            base.replace('/audio/', '/meta/'),
          ]) {
            for await (const head of objects.list(`${prefix}.`))
              await removeQuietly(head.key, 'upload claim lapsed without completing');
          }
        }
        if (await deleteLapsedClaim(database.owner, claim.id, before)) swept += 1;
      }
      return swept;
    },

    async audioLink(ctx, recordingId, variant, options = {}) {
      const ttl = Math.min(options.expiresInSeconds ?? playbackTtl, 7 * 24 * 3600);
      const row = await loadRow(ctx, recordingId);
      if (row.state === 'uploading' || row.audioKey === null || row.audioContentType === null)
        throw ConversationsErrors.noAudio();
      let key: string;
      if (variant === 'redacted') {
        if (row.redactedAudioKey === null) throw ConversationsErrors.redactedAudioNotReady();
        key = row.redactedAudioKey;
      } else {
        key = row.audioKey;
      }
      const url = await deps.signObjectUrl(key, ttl).catch((error: unknown) => {
        throw ConversationsErrors.objectUnavailable(error);
      });
      // Handing out the link is the access: record it before the caller gets it.
      await deps.audit.record(ctx, {
        action: 'conversations.recording.audio_link_issued',
        target: { type: 'recording', id: toPublicId('rec', row.id) },
        details: { variant, purpose: options.purpose ?? 'playback' },
      });
      return { url, expiresAt: new Date(now().getTime() + ttl * 1000).toISOString(), variant };
    },
  };
}

async function readDetail(trx: Parameters<typeof findRecording>[0], uuid: string, withTranscript: boolean) {
  const row = await findRecording(trx, uuid);
  if (!row) return undefined;
  const runs = await runsOf(trx, uuid);
  const transcript = withTranscript ? await currentTranscript(trx, uuid) : undefined;
  return { row, runs, transcript };
}

/** The delivery's key without the extension its audio was stored with. */
function claimBase(key: string): string {
  return key.replace(/^(.*\/[0-9a-f-]{36}\.[0-9a-f]{12})\.[a-z0-9]+$/, '$1');
}
