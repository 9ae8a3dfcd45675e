import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { ModulePrivacy } from '../../../platform/privacy/index.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import type { ResultsService } from '../results/results.service.js';
import { indexPurposes, sealingAad, type ConversationsSealing } from '../sealing.js';
import { transcriptSchema } from '../transcripts/index.js';

/*
 * Conversations in data-subject requests: the recordings of a person's calls (found by the blind
 * index of the party numbers each recording stores), their transcripts and what the analysis and
 * QA made of them. Erasure deletes the audio (original and redacted), the supplied and enriched
 * transcripts, the analysis documents and rows, then the recording with everything under it;
 * nothing about the conversation is kept.
 */

type Tables = ConversationsTables;

interface RecordingFacts {
  readonly id: string;
  readonly startedAt: Date | null;
  readonly createdAt: Date;
  readonly durationMs: string | number | bigint | null;
  readonly direction: string;
  readonly metadataSealed: Buffer;
  readonly audioKey: string | null;
  readonly redactedAudioKey: string | null;
  readonly suppliedTranscriptKey: string | null;
}

interface Current {
  readonly transcripts: readonly {
    readonly id: string;
    readonly recordingId: string;
    readonly transcriptSealed: Buffer;
    readonly enrichedKey: string | null;
    readonly isCurrent: boolean;
    readonly language: string | null;
  }[];
  readonly analyses: readonly {
    readonly id: string;
    readonly recordingId: string;
    readonly isCurrent: boolean;
    readonly resultSealed: Buffer;
    readonly sentimentScore: number | null;
    readonly customerSentimentScore: number | null;
    readonly grade: string | null;
    readonly createdAt: Date;
  }[];
}

/** `<tenant>/audio/<yyyy>/<mm>/<uuid>.<attempt>` of an audio key (recordings.service's claim base). */
function stemOf(key: string): string {
  return key.replace(/^(.*\/[0-9a-f-]{36}\.[0-9a-f]{12})\.[a-z0-9]+$/, '$1');
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function sentimentWord(score: number | null): string | null {
  if (score === null) return null;
  return score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral';
}

export function createConversationsPrivacy(deps: {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly objects: ObjectStore;
  readonly results: ResultsService;
  readonly audit: AuditLog;
}): ModulePrivacy {
  const { database, sealing, objects } = deps;

  async function recordingsOf(ctx: RequestContext, phones: readonly string[], limit: number) {
    if (phones.length === 0) return [];
    const indexes = await Promise.all(
      phones.map((p) => sealing.blindIndex(ctx.tenantId, indexPurposes.e164, p)),
    );
    return database.withTenant<Tables, RecordingFacts[]>(ctx, (trx) =>
      trx
        .selectFrom('conversations.recordings as r')
        .select([
          'r.id',
          'r.startedAt',
          'r.createdAt',
          'r.durationMs',
          'r.direction',
          'r.metadataSealed',
          'r.audioKey',
          'r.redactedAudioKey',
          'r.suppliedTranscriptKey',
        ])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('conversations.recording_numbers as n')
              .select('n.recordingId')
              .whereRef('n.recordingId', '=', 'r.id')
              .where('n.numberIndex', 'in', indexes),
          ),
        )
        .orderBy('r.createdAt', 'desc')
        .limit(limit)
        .execute(),
    );
  }

  async function currentOf(ctx: RequestContext, recordingIds: readonly string[]): Promise<Current> {
    if (recordingIds.length === 0) return { transcripts: [], analyses: [] };
    return database.withTenant<Tables, Current>(ctx, async (trx) => ({
      transcripts: await trx
        .selectFrom('conversations.transcripts')
        .select(['id', 'recordingId', 'transcriptSealed', 'enrichedKey', 'isCurrent', 'language'])
        .where('recordingId', 'in', recordingIds)
        .execute(),
      analyses: await trx
        .selectFrom('conversations.analyses')
        .select([
          'id',
          'recordingId',
          'isCurrent',
          'resultSealed',
          'sentimentScore',
          'customerSentimentScore',
          'grade',
          'createdAt',
        ])
        .where('recordingId', 'in', recordingIds)
        .execute(),
    }));
  }

  return {
    holds:
      'Call recordings (audio, the parties’ numbers and names as delivered), their transcripts, and the analysis and QA evaluations of those conversations.',
    retention: [],

    async find(ctx, subject, options) {
      const recordings = await recordingsOf(ctx, subject.phones, options?.limit ?? 500);
      const current = await currentOf(
        ctx,
        recordings.map((r) => r.id),
      );
      return recordings.map((recording) => {
        const transcript = current.transcripts.find((t) => t.recordingId === recording.id && t.isCurrent);
        const analysis = current.analyses.find((a) => a.recordingId === recording.id && a.isCurrent);
        const facts: string[] = [];
        if (transcript) facts.push('transcript');
        const sentiment = sentimentWord(analysis?.customerSentimentScore ?? analysis?.sentimentScore ?? null);
        if (sentiment) facts.push(`sentiment ${sentiment}`);
        if (analysis?.grade) facts.push(`QA grade ${analysis.grade}`);
        const parts = ['Recording'];
        if (recording.durationMs !== null) parts.push(duration(Number(recording.durationMs)));
        if (facts.length > 0) parts.push(facts.join(', '));
        const id = toPublicId('rec', recording.id);
        return {
          module: 'conversations',
          kind: 'recording',
          id,
          at: recording.startedAt ?? recording.createdAt,
          summary: parts.join(' · '),
          consolePath: `/recordings/${id}`,
        };
      });
    },

    async export(ctx, subject) {
      const recordings = await recordingsOf(ctx, subject.phones, 10_000);
      const current = await currentOf(
        ctx,
        recordings.map((r) => r.id),
      );
      const recordingRows = await Promise.all(
        recordings.map(async (r) => ({
          id: toPublicId('rec', r.id),
          startedAt: r.startedAt?.toISOString() ?? null,
          direction: r.direction,
          durationMs: r.durationMs === null ? null : Number(r.durationMs),
          metadata: await sealing.unsealJson<unknown>(
            ctx.tenantId,
            r.metadataSealed,
            sealingAad.metadata(r.id),
          ),
        })),
      );
      const transcriptRows = await Promise.all(
        current.transcripts
          .filter((t) => t.isCurrent)
          .map(async (t) => {
            const transcript = transcriptSchema.parse(
              await sealing.unsealJson<unknown>(
                ctx.tenantId,
                t.transcriptSealed,
                sealingAad.transcript(t.id),
              ),
            );
            return {
              recordingId: toPublicId('rec', t.recordingId),
              language: t.language,
              text: transcript.segments
                .map((s) => `[${duration(s.startMs)}] ${s.speakerId}: ${s.text}`)
                .join('\n'),
            };
          }),
      );
      const analysisRows = await Promise.all(
        current.analyses
          .filter((a) => a.isCurrent)
          .map(async (a) => ({
            recordingId: toPublicId('rec', a.recordingId),
            analysisId: toPublicId('ana', a.id),
            createdAt: a.createdAt.toISOString(),
            result: await sealing.unsealJson<unknown>(
              ctx.tenantId,
              a.resultSealed,
              sealingAad.analysis(a.id),
            ),
          })),
      );
      return [
        { name: 'recordings', rows: recordingRows },
        { name: 'transcripts', rows: transcriptRows },
        { name: 'analyses', rows: analysisRows },
      ];
    },

    async erase(ctx, subject, request) {
      const recordings = await recordingsOf(ctx, subject.phones, 100_000);
      const current = await currentOf(
        ctx,
        recordings.map((r) => r.id),
      );
      const reason = `erasure ${request.requestId}`;
      for (const recording of recordings) {
        const id = toPublicId('rec', recording.id);
        await deps.results.eraseRecordingResults(ctx, id, reason);
        const keys = new Set(
          [
            recording.audioKey,
            recording.redactedAudioKey,
            recording.suppliedTranscriptKey,
            ...current.transcripts.filter((t) => t.recordingId === recording.id).map((t) => t.enrichedKey),
          ].flatMap((key) => (key === null ? [] : [key])),
        );
        // Beside the audio: the metadata as delivered and the supplied transcript (same stem), and
        // every run's redacted audio and enriched transcript.
        const prefixes = [
          `${ctx.tenantId}/redacted-audio/${recording.id}/`,
          `${ctx.tenantId}/enriched/${recording.id}/`,
        ];
        if (recording.audioKey !== null) {
          const base = stemOf(recording.audioKey);
          prefixes.push(
            `${base}.`,
            `${base.replace('/audio/', '/supplied/')}.`,
            `${base.replace('/audio/', '/meta/')}.`,
          );
        }
        for (const prefix of prefixes) for await (const head of objects.list(prefix)) keys.add(head.key);
        for (const key of keys) await objects.delete(key, { reason });
        // The recording's runs, transcripts, analyses, reviews and numbers go with it (ON DELETE CASCADE).
        await database.withTenant<Tables, void>(ctx, async (trx) => {
          await trx.deleteFrom('conversations.recordings').where('id', '=', recording.id).execute();
          await deps.audit.append(trx, ctx, {
            action: 'conversations.recording_erased',
            target: { type: 'recording', id },
            details: { objects: keys.size, reason },
          });
        });
      }
      return { erased: recordings.length, kept: [] };
    },
  };
}
