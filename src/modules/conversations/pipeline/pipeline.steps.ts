import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sealingAad } from '../sealing.js';
import type { Bus } from '../../../platform/bus/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import {
  analyseAudio,
  talkSpeed,
  type ConversationCharacteristics,
  type Loudness,
  type OpenAudioOptions,
  type Span,
} from '../audio/index.js';
import type { ConversationsTables, ConversationsTransaction } from '../db/conversations.tables.js';
import { PipelineFailure } from '../errors.js';
import { recordingFailedV1, transcriptReadyV1 } from '../events.js';
import {
  REDACTION_POLICY_VERSION,
  redactAudioToFile,
  redactTranscript,
  sampleRanges,
  type RedactionSpan,
} from '../redaction/index.js';
import type { ConversationSettingsService } from '../settings/conversation-settings.service.js';
import type { TenantTranscriberFactory } from '../settings/tenant-transcriber.js';
import { DEFAULT_TRANSCRIPTION, type TenantProviderConfig } from '../settings/transcription-settings.js';
import { TranscriptionError, type TranscriptionAttemptFailure } from '../transcription/index.js';
import { transcriptSchema, type Transcript } from '../transcripts/index.js';
import {
  failRun,
  findRecording,
  findRun,
  markProcessing,
  recordStep,
  setAudioFacts,
  setRedactedAudio,
  storeTranscript,
  transcriptOfRun,
} from './pipeline.repo.js';
import {
  runOptionsSchema,
  type RecordingRunInput,
  type RunFailure,
  type RunPlan,
  type StepName,
  type StepRecord,
} from './pipeline.types.js';
import { configHash, stableJson } from './provenance.js';
import { decodeStoredAudio16k, openStoredAudio, probeStoredAudio } from './recording-audio.js';
import { SUPPLIED_PROVIDER } from './supplied.transcriber.js';
import type { StepProvenance, Transcriber, TranscriberAudio } from './transcriber.js';
import { searchColumns, searchTextsOf } from '../search/search-texts.js';
import { secondsOf, type ConversationsMetrics } from '../conversations.metrics.js';

export interface PipelineStepsDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  /** Where recordings' audio is read and the run's outputs are written (write-once keys). */
  readonly objects: ObjectStore;
  readonly bus: Bus;
  readonly settings: ConversationSettingsService;
  /**
   * Transcribers of the installation by name: the supplied-transcript reader, and any the
   * composition root adds (tests add a scripted one). Tried before the tenant's configured providers.
   */
  readonly transcribers: ReadonlyMap<string, Transcriber>;
  /** The tenant's configured providers (transcription/), built per run from its settings. */
  readonly transcriber: TenantTranscriberFactory;
  readonly audio: OpenAudioOptions;
  /** Counts each run's end once, after the transaction that records it. */
  readonly metrics?: Pick<ConversationsMetrics, 'runSucceeded' | 'runFailed'>;
}

export interface AudioFacts {
  readonly container: string;
  readonly decoder: 'native' | 'ffmpeg';
  readonly codec: string;
  readonly channels: number;
  readonly sampleRate: number;
  readonly durationMs: number;
  readonly truncated: { readonly declaredFrames: number; readonly decodedFrames: number } | null;
}

export interface CharacteristicsResult {
  readonly speakerSource: string;
  /** Speakers named `spk_<channel>` on a call with a channel per party, `spk_<n>` by first speech on mono. */
  readonly characteristics: ConversationCharacteristics;
  readonly loudness: readonly Loudness[];
}

export interface TranscribeStepResult {
  readonly provider: string;
  /** The transcript in clear, sealed under the tenant's key (base64): the workflow store never holds it in clear. */
  readonly sealed: string;
  readonly costMicros: number | null;
  readonly provenance: StepProvenance;
}

export interface RedactStepResult {
  readonly transcriptSealed: string;
  readonly spansSealed: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly entities: number;
  /** Where the audio has to be silenced (times only). */
  readonly muteSpans: readonly Span[];
  /** Words said per speaker and channel, counted before redaction (a card number read out is 16 words, not one token). */
  readonly wordCounts: readonly WordCount[];
}

export interface WordCount {
  readonly speakerId: string;
  readonly channel: number | null;
  readonly words: number;
}

const AAD = {
  transcript: 'conversations.pipeline.transcript',
  redacted: 'conversations.transcript',
  spans: 'conversations.transcript.redaction-spans',
} as const;

const CHARACTERISTICS_VERSION = 'switchboard-characteristics-1';

/** Object keys of a run's outputs: one per run, so a run never overwrites another's and a retry writes the same bytes. */
export const runKeys = {
  enriched: (tenantId: string, recordingId: string, runId: string) =>
    `${tenantId}/enriched/${recordingId}/${runId}.json`,
  redactedAudio: (tenantId: string, recordingId: string, runId: string) =>
    `${tenantId}/redacted-audio/${recordingId}/${runId}.wav`,
};

/**
 * The work of each pipeline step, outside the workflow: each reads what it needs, does its work
 * and records itself in the run's history (provider, version, configuration hash). Each is safe to
 * run again: object keys are per run and write-once with the same bytes, and the store step
 * recognises a transcript it already wrote.
 */
export function createPipelineSteps(deps: PipelineStepsDeps) {
  const { database, keyring, objects } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    database.withTenant<ConversationsTables, T>(ctx, fn);
  const contextOf = (input: RecordingRunInput) =>
    systemContext(input.tenantId, `run-${input.runId}`, 'conversations.pipeline');

  const record = async (
    input: RecordingRunInput,
    name: StepName,
    startedAt: Date,
    provenance: Omit<StepRecord, 'name' | 'startedAt' | 'finishedAt' | 'outcome'> & {
      outcome?: StepRecord['outcome'];
    },
    trx?: ConversationsTransaction,
  ): Promise<StepRecord> => {
    const entry: StepRecord = {
      name,
      outcome: provenance.outcome ?? 'done',
      provider: provenance.provider,
      version: provenance.version,
      configHash: provenance.configHash,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ...(provenance.detail ? { detail: provenance.detail } : {}),
    };
    if (trx) await recordStep(trx, input.runId, entry);
    else await inTenant(contextOf(input), (t) => recordStep(t, input.runId, entry));
    return entry;
  };

  const open = async (tenantId: string, sealed: string, aad: string): Promise<unknown> =>
    JSON.parse(await keyring.decryptToString(tenantId, Buffer.from(sealed, 'base64'), aad));
  const seal = async (tenantId: string, value: unknown, aad: string): Promise<string> =>
    (await keyring.encrypt(tenantId, JSON.stringify(value), aad)).toString('base64');

  /**
   * The run's configured providers through the transcription library, in order with fallbacks.
   * What a retry may change (5xx, timeouts, rate limits, when no provider failed for good) is
   * thrown for the workflow's retries; the rest ends the run with a reason a user can act on.
   */
  const transcribeConfigured = async (
    input: RecordingRunInput,
    plan: RunPlan,
    audio: AudioFacts | null,
  ): Promise<{ transcript: Transcript; provenance: StepProvenance; costMicros: number | null }> => {
    const audioKey = plan.audioKey;
    if (!audioKey)
      throw new PipelineFailure('no_media', 'The recording has no audio to transcribe and no transcript.');
    const service = deps.transcriber(contextOf(input), plan.transcription, plan.defaultLanguage);
    try {
      const done = await service.transcribe({
        open: async () => (await objects.get(audioKey)).body,
        contentType: plan.audioContentType ?? 'application/octet-stream',
        fileName: `${toPublicId('rec', input.recordingId)}.${extensionOf(plan.audioContentType)}`,
        ...(audio ? { channels: audio.channels, durationMs: audio.durationMs } : {}),
        ...(plan.language ? { language: plan.language } : {}),
      });
      const p = done.provenance;
      return {
        transcript: done.transcript,
        costMicros: done.cost.amountUsd === null ? null : Math.round(done.cost.amountUsd * 1_000_000),
        provenance: {
          provider: p.provider,
          version: p.modelVersion ?? p.engineVersion ?? p.model ?? 'unversioned',
          configHash: p.configHash.slice(0, 16),
          detail: {
            model: p.model,
            modelVersion: p.modelVersion,
            engineVersion: p.engineVersion,
            providerConfigHash: p.configHash,
            providerJobIds: [...p.providerJobIds],
            requests: p.requests,
            cost: done.cost,
            fallbacks: done.fallbacks.map(({ provider, reason }) => ({ provider, reason })),
          },
        },
      };
    } catch (error) {
      if (!(error instanceof TranscriptionError)) throw error;
      if (error.reason === 'no_speech')
        throw new PipelineFailure('no_speech', error.message, { cause: error });
      if (error.transient) throw error;
      const attempts: readonly TranscriptionAttemptFailure[] =
        error.attempts.length > 0
          ? error.attempts
          : [{ provider: error.provider ?? 'unknown', reason: error.reason, message: error.message }];
      if (attempts.every((attempt) => attempt.reason === 'no_local_engine'))
        throw new PipelineFailure(
          'no_local_engine',
          noEngineMessage(
            attempts
              .map(
                (attempt) =>
                  /^No local speech engine: (.*?)\. Install/s.exec(attempt.message)?.[1] ?? attempt.message,
              )
              .join('; '),
          ),
          { cause: error },
        );
      throw new PipelineFailure(
        'transcription_failed',
        `No configured transcription provider could transcribe the recording: ${attempts
          .map((attempt) => `${attempt.provider}: ${attempt.message}`)
          .join(' | ')
          .slice(0, 1_500)}`,
        { cause: error },
      );
    }
  };

  return {
    contextOf,

    /** Reads the recording, the run's options and the tenant's settings into the run's plan. */
    async prepare(input: RecordingRunInput): Promise<{ plan: RunPlan; step: StepRecord }> {
      const startedAt = new Date();
      const ctx = contextOf(input);
      const settings = await deps.settings.get(ctx);
      return inTenant(ctx, async (trx) => {
        const recording = await findRecording(trx, input.recordingId);
        const run = await findRun(trx, input.runId);
        if (!recording || !run)
          throw new PipelineFailure('no_media', 'The recording was deleted before it was processed.');
        if (!recording.audioKey && !recording.suppliedTranscriptKey)
          throw new PipelineFailure('no_media', 'The recording has neither audio nor a transcript stored.');
        const options = runOptionsSchema.parse(run.options ?? {});
        const configured = settings.transcription.providers;
        let transcription: readonly TenantProviderConfig[];
        let providers: string[];
        if (options.provider !== undefined && deps.transcribers.has(options.provider)) {
          providers = [options.provider];
          transcription = [];
        } else if (options.provider !== undefined) {
          const chosen =
            configured.find((provider) => provider.provider === options.provider) ??
            DEFAULT_TRANSCRIPTION.providers.find((provider) => provider.provider === options.provider);
          if (!chosen)
            throw new PipelineFailure(
              'transcription_failed',
              `The run asked for the provider '${options.provider}', which the conversations settings no longer configure.`,
            );
          providers = [chosen.provider];
          transcription = [chosen];
        } else {
          const installed = [...deps.transcribers.keys()].filter((name) => name !== SUPPLIED_PROVIDER);
          transcription = configured;
          providers = [
            ...(recording.suppliedTranscriptKey ? [SUPPLIED_PROVIDER] : []),
            ...installed,
            ...configured.map((provider) => provider.provider),
          ];
        }
        const plan: RunPlan = {
          audioKey: recording.audioKey,
          audioContentType: recording.audioContentType,
          suppliedTranscriptKey: recording.suppliedTranscriptKey,
          callId: recording.callId,
          language: options.language ?? recording.language ?? settings.defaultLanguage,
          providers,
          transcription,
          defaultLanguage: settings.defaultLanguage,
          audioRedaction: settings.audioRedaction,
          audioPaddingMs: settings.audioPaddingMs,
          redactEntityTypes: settings.redactEntityTypes,
        };
        await markProcessing(trx, input.recordingId);
        const step = await record(
          input,
          'prepare',
          startedAt,
          { provider: 'switchboard', version: '1', configHash: configHash(plan), detail: { providers } },
          trx,
        );
        return { plan, step };
      });
    },

    /** Decodes the whole recording once: format, length, truncation; fails terminally on what cannot be decoded. */
    async decode(input: RecordingRunInput, plan: RunPlan): Promise<{ audio: AudioFacts; step: StepRecord }> {
      const startedAt = new Date();
      const { format, outcome } = await probeStoredAudio(objects, requireAudio(plan), deps.audio);
      const audio: AudioFacts = {
        container: format.container,
        decoder: format.decoder,
        codec: format.codec,
        channels: format.channels,
        sampleRate: format.sampleRate,
        durationMs: outcome.durationMs,
        truncated: outcome.truncated,
      };
      await inTenant(contextOf(input), (trx) =>
        setAudioFacts(trx, input.recordingId, {
          codec: format.codec,
          channels: format.channels,
          sampleRate: format.sampleRate,
          durationMs: outcome.durationMs,
        }),
      );
      const step = await record(input, 'decode', startedAt, {
        provider: format.decoder,
        version: '1',
        configHash: configHash({ decoder: format.decoder, ffmpeg: deps.audio.ffmpegPath ?? 'ffmpeg' }),
        detail: { container: format.container, codec: format.codec, truncated: outcome.truncated },
      });
      return { audio, step };
    },

    /** Who talked when and how loud, from voice activity per channel (or diarised mono). */
    async characteristics(
      input: RecordingRunInput,
      plan: RunPlan,
    ): Promise<{ result: CharacteristicsResult; step: StepRecord }> {
      const startedAt = new Date();
      const stream = await openStoredAudio(objects, requireAudio(plan), deps.audio);
      const analysis = await analyseAudio(stream);
      const result: CharacteristicsResult = {
        speakerSource: analysis.speakerSource,
        characteristics: analysis.characteristics,
        loudness: analysis.loudness,
      };
      const step = await record(input, 'characteristics', startedAt, {
        provider: 'switchboard-vad',
        version: CHARACTERISTICS_VERSION,
        configHash: configHash({ minNonTalkMs: 3000, minInterruptionMs: 500 }),
        detail: { speakerSource: analysis.speakerSource, speakers: analysis.characteristics.speakers.length },
      });
      return { result, step };
    },

    /**
     * The providers of the plan in order: a terminal failure of one (not configured, no engine)
     * passes to the next; anything else is thrown for the workflow to retry.
     */
    async transcribe(
      input: RecordingRunInput,
      plan: RunPlan,
      audio: AudioFacts | null,
    ): Promise<{ result: TranscribeStepResult; step: StepRecord }> {
      const startedAt = new Date();
      const ctx = contextOf(input);
      let pcm: Promise<Float32Array[]> | undefined;
      const audioKey = plan.audioKey;
      const transcriberAudio: TranscriberAudio | null = audioKey
        ? {
            key: audioKey,
            contentType: plan.audioContentType,
            pcm16k: () => (pcm ??= decodeStoredAudio16k(objects, audioKey, deps.audio)),
          }
        : null;
      let last: PipelineFailure | undefined;
      for (const name of plan.providers) {
        const transcriber = deps.transcribers.get(name);
        // The installation's transcribers come first; the configured providers follow, tried below.
        if (!transcriber) break;
        try {
          const out = await transcriber.transcribe(ctx, {
            recordingId: input.recordingId,
            audio: transcriberAudio,
            suppliedTranscriptKey: plan.suppliedTranscriptKey,
            language: plan.language,
            channels: audio?.channels ?? null,
          });
          const transcript = transcriptSchema.parse(out.transcript);
          const result: TranscribeStepResult = {
            provider: name,
            sealed: await seal(input.tenantId, transcript, AAD.transcript),
            costMicros: out.costMicros,
            provenance: out.provenance,
          };
          const step = await record(input, 'transcribe', startedAt, {
            provider: out.provenance.provider,
            version: out.provenance.version,
            configHash: out.provenance.configHash,
            detail: {
              ...out.provenance.detail,
              segments: transcript.segments.length,
              ...(last ? { after: last.failureCode } : {}),
            },
          });
          return { result, step };
        } catch (error) {
          // A supplied transcript that cannot be read ends the run: the tenant sent one, and
          // transcribing the audio instead (at a provider's price) is not what they asked for.
          if (error instanceof PipelineFailure && name !== SUPPLIED_PROVIDER) {
            last = error;
            continue;
          }
          throw error;
        }
      }
      if (plan.transcription.length > 0) {
        const out = await transcribeConfigured(input, plan, audio);
        const transcript = transcriptSchema.parse(out.transcript);
        const result: TranscribeStepResult = {
          provider: out.provenance.provider,
          sealed: await seal(input.tenantId, transcript, AAD.transcript),
          costMicros: out.costMicros,
          provenance: out.provenance,
        };
        const step = await record(input, 'transcribe', startedAt, {
          provider: out.provenance.provider,
          version: out.provenance.version,
          configHash: out.provenance.configHash,
          detail: {
            ...out.provenance.detail,
            segments: transcript.segments.length,
            speakers: transcript.speakers.length,
            ...(last ? { after: last.failureCode } : {}),
          },
        });
        return { result, step };
      }
      throw (
        last ??
        new PipelineFailure('no_local_engine', noEngineMessage('no transcription provider is configured'))
      );
    },

    /** Card and personal data out of the transcript; the spans sealed apart for an audited reveal. */
    async redact(
      input: RecordingRunInput,
      plan: RunPlan,
      transcribed: TranscribeStepResult,
    ): Promise<{ result: RedactStepResult; step: StepRecord }> {
      const startedAt = new Date();
      const transcript = transcriptSchema.parse(
        await open(input.tenantId, transcribed.sealed, AAD.transcript),
      );
      const redaction = redactTranscript(transcript, { entityTypes: plan.redactEntityTypes });
      const muteSpans: Span[] = [
        ...redaction.spans.map((s: RedactionSpan) => ({ startMs: s.startMs, endMs: s.endMs })),
        // What the provider redacted in the text is said in the audio too.
        ...redaction.transcript.segments.flatMap((segment) =>
          segment.redactions.flatMap((marker) =>
            marker.by === 'provider' && marker.startMs !== null && marker.endMs !== null
              ? [{ startMs: marker.startMs, endMs: marker.endMs }]
              : [],
          ),
        ),
      ];
      const counts = redaction.counts as Record<string, number>;
      const result: RedactStepResult = {
        transcriptSealed: await seal(input.tenantId, redaction.transcript, AAD.redacted),
        spansSealed: await seal(
          input.tenantId,
          { spans: redaction.spans, speakerLabels: redaction.speakerLabels },
          AAD.spans,
        ),
        counts,
        entities: Object.values(counts).reduce((sum, n) => sum + n, 0),
        muteSpans,
        wordCounts: countWordsBySpeaker(transcript),
      };
      const step = await record(input, 'redact', startedAt, {
        provider: 'switchboard-redaction',
        version: `policy-${REDACTION_POLICY_VERSION}`,
        configHash: configHash({ entityTypes: [...plan.redactEntityTypes].sort() }),
        detail: { counts },
      });
      return { result, step };
    },

    /** A copy of the audio with the redacted stretches silenced, unless the policy keeps only the original. */
    async redactAudio(
      input: RecordingRunInput,
      plan: RunPlan,
      redacted: RedactStepResult,
    ): Promise<{ key: string | null; step: StepRecord }> {
      const startedAt = new Date();
      const config = { policy: plan.audioRedaction, paddingMs: plan.audioPaddingMs };
      const provenance = { provider: 'switchboard-mute', version: '2', configHash: configHash(config) };
      if (!plan.audioKey || plan.audioRedaction === 'keep_original') {
        const step = await record(input, 'redact-audio', startedAt, {
          ...provenance,
          outcome: 'skipped',
          detail: { why: plan.audioKey ? 'policy keep_original' : 'no audio' },
        });
        return { key: null, step };
      }
      // Muted as it is decoded into a private temporary file (constant memory), then stored from it:
      // the same audio and spans give the same bytes, so a retried step writes the same object.
      const stream = await openStoredAudio(objects, plan.audioKey, deps.audio);
      const options = { paddingMs: plan.audioPaddingMs };
      const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-mute-'));
      const key = runKeys.redactedAudio(input.tenantId, input.recordingId, input.runId);
      let frames: number;
      try {
        const file = path.join(dir, 'redacted.wav');
        ({ frames } = await redactAudioToFile(stream, redacted.muteSpans, file, options));
        await objects.put(key, createReadStream(file), {
          contentType: 'audio/wav',
          tenantId: input.tenantId,
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const rate = stream.format.sampleRate;
      const muted = sampleRanges(redacted.muteSpans, rate, options)
        .map((range) => ({ from: range.from, to: Math.min(range.to, frames) }))
        .filter((range) => range.to > range.from);
      await inTenant(contextOf(input), (trx) =>
        setRedactedAudio(trx, input.recordingId, { redactedAudioKey: key }),
      );
      const step = await record(input, 'redact-audio', startedAt, {
        ...provenance,
        detail: {
          ranges: muted.length,
          mutedMs: Math.round((muted.reduce((sum, range) => sum + range.to - range.from, 0) / rate) * 1000),
        },
      });
      return { key, step };
    },

    /** `<tenant>/enriched/<recording>/<run>.json`: the redacted transcript, characteristics and provenance. */
    async writeEnriched(
      input: RecordingRunInput,
      parts: {
        readonly redacted: RedactStepResult;
        readonly characteristics: CharacteristicsResult | null;
        readonly transcribed: TranscribeStepResult;
        readonly audio: AudioFacts | null;
        readonly redactedAudioKey: string | null;
        readonly steps: readonly StepRecord[];
      },
    ): Promise<{ key: string; step: StepRecord }> {
      const startedAt = new Date();
      const transcript = transcriptSchema.parse(
        await open(input.tenantId, parts.redacted.transcriptSealed, AAD.redacted),
      );
      const document = {
        schemaVersion: 1,
        recordingId: toPublicId('rec', input.recordingId),
        runId: toPublicId('run', input.runId),
        transcript,
        characteristics: enrichedCharacteristics(parts.characteristics, parts.redacted.wordCounts),
        audio: parts.audio,
        redaction: { counts: parts.redacted.counts, policyVersion: REDACTION_POLICY_VERSION },
        redactedAudioKey: parts.redactedAudioKey,
        provenance: { transcript: parts.transcribed.provenance, steps: parts.steps },
      };
      const key = runKeys.enriched(input.tenantId, input.recordingId, input.runId);
      const body = Buffer.from(stableJson(document));
      await objects.put(key, body, { contentType: 'application/json', tenantId: input.tenantId });
      const step = await record(input, 'write-enriched', startedAt, {
        provider: 'switchboard',
        version: '1',
        configHash: configHash({ schemaVersion: 1 }),
        detail: { bytes: body.length },
      });
      return { key, step };
    },

    /**
     * The transcript row (current from now on), the run succeeded, the recording ready and
     * conversations.transcript.ready.v1, in one transaction. A second execution finds the row of
     * its run and does nothing.
     */
    async store(
      input: RecordingRunInput,
      plan: RunPlan,
      parts: {
        readonly redacted: RedactStepResult;
        readonly characteristics: CharacteristicsResult | null;
        readonly transcribed: TranscribeStepResult;
        readonly audio: AudioFacts | null;
        readonly enrichedKey: string;
      },
    ): Promise<{ transcriptId: string }> {
      const startedAt = new Date();
      const ctx = contextOf(input);
      const transcript = transcriptSchema.parse(
        await open(input.tenantId, parts.redacted.transcriptSealed, AAD.redacted),
      );
      // Set when this execution stored the transcript (a second one finds it and counts nothing).
      const stored: { durationMs?: number | null } = {};
      const answer = await inTenant(ctx, async (trx) => {
        const existing = await transcriptOfRun(trx, input.runId);
        if (existing) return { transcriptId: existing.id };
        const id = newUuid();
        const durationMs = parts.audio?.durationMs ?? transcript.durationMs;
        stored.durationMs = durationMs;
        await storeTranscript(trx, {
          id,
          tenantId: input.tenantId,
          recordingId: input.recordingId,
          runId: input.runId,
          provider: parts.transcribed.provider,
          language: transcript.language ?? plan.language,
          durationMs,
          speakerCount: transcript.speakers.length,
          // Sealed again for the row: the AAD names the transcript's id (sealing.ts), so a ciphertext
          // copied onto another row does not open.
          transcriptSealed: await keyring.encrypt(
            input.tenantId,
            JSON.stringify(transcript),
            sealingAad.transcript(id),
          ),
          redactionSpansSealed: await keyring.encrypt(
            input.tenantId,
            await keyring.decryptToString(
              input.tenantId,
              Buffer.from(parts.redacted.spansSealed, 'base64'),
              AAD.spans,
            ),
            sealingAad.redactionSpans(id),
          ),
          redactionCounts: { ...parts.redacted.counts },
          characteristics: enrichedCharacteristics(parts.characteristics, parts.redacted.wordCounts),
          costMicros: parts.transcribed.costMicros,
          enrichedKey: parts.enrichedKey,
          ...searchColumns(searchTextsOf(transcript)),
        });
        await record(
          input,
          'store',
          startedAt,
          { provider: 'postgres', version: '1', configHash: configHash({ search: 'simple' }) },
          trx,
        );
        await deps.bus.publish(trx, [
          {
            type: transcriptReadyV1.type,
            tenantId: input.tenantId,
            key: input.recordingId,
            data: transcriptReadyV1.schema.parse({
              recordingId: toPublicId('rec', input.recordingId),
              transcriptId: toPublicId('trn', id),
              runId: toPublicId('run', input.runId),
              callId: plan.callId === null ? null : toPublicId('call', plan.callId),
              provider: parts.transcribed.provider,
              language: transcript.language ?? plan.language,
              durationMs,
              redactedEntities: parts.redacted.entities,
            }),
          },
        ]);
        return { transcriptId: id };
      });
      if (stored.durationMs !== undefined) deps.metrics?.runSucceeded(secondsOf(stored.durationMs));
      return answer;
    },

    /** Policy redacted_only: the muted copy becomes the recording's audio and the original is deleted. */
    async removeOriginal(input: RecordingRunInput, plan: RunPlan, redactedKey: string): Promise<StepRecord> {
      const startedAt = new Date();
      if (plan.audioKey && plan.audioKey !== redactedKey) {
        await inTenant(contextOf(input), (trx) =>
          setRedactedAudio(trx, input.recordingId, { redactedAudioKey: redactedKey, audioKey: redactedKey }),
        );
        await objects.delete(plan.audioKey, {
          reason: `audio redaction policy redacted_only (run ${toPublicId('run', input.runId)})`,
        });
      }
      return record(input, 'remove-original', startedAt, {
        provider: 'switchboard',
        version: '1',
        configHash: configHash({ policy: plan.audioRedaction }),
      });
    },

    /** The analysis after the transcript (analyses/): its outcome in the run's history, a failure with its reason. */
    async recordAnalysis(
      input: RecordingRunInput,
      startedAt: string,
      outcome:
        | { readonly ok: true; readonly analysisId: string; readonly grade: string | null }
        | { readonly ok: false; readonly reason: string },
    ): Promise<StepRecord> {
      return record(input, 'analyse', new Date(startedAt), {
        provider: 'switchboard',
        version: '1',
        configHash: configHash({ analysis: 1 }),
        outcome: outcome.ok ? 'done' : 'failed',
        detail: outcome.ok
          ? { analysisId: outcome.analysisId, grade: outcome.grade }
          : { reason: outcome.reason },
      });
    },

    /** The run ends failed: the recording shows the reason (unless an earlier transcript stays current), and the event goes out. */
    async fail(input: RecordingRunInput, failure: RunFailure): Promise<void> {
      const failed = await inTenant(contextOf(input), async (trx) => {
        const outcome = await failRun(trx, input, failure);
        if (outcome.alreadyFinished) return false;
        await deps.bus.publish(trx, [
          {
            type: recordingFailedV1.type,
            tenantId: input.tenantId,
            key: input.recordingId,
            data: recordingFailedV1.schema.parse({
              recordingId: toPublicId('rec', input.recordingId),
              runId: toPublicId('run', input.runId),
              code: failure.code,
            }),
          },
        ]);
        return true;
      });
      if (failed) deps.metrics?.runFailed(failure.code);
    },
  };
}

export type PipelineSteps = ReturnType<typeof createPipelineSteps>;

function requireAudio(plan: RunPlan): string {
  if (!plan.audioKey) throw new Error('this step needs audio');
  return plan.audioKey;
}

function countWordsBySpeaker(transcript: Transcript): WordCount[] {
  const counts = new Map<string, WordCount>();
  for (const segment of transcript.segments) {
    const key = `${segment.speakerId}/${segment.channel ?? ''}`;
    const words = segment.words?.length ?? countWords(segment.text);
    const before = counts.get(key);
    counts.set(key, {
      speakerId: segment.speakerId,
      channel: segment.channel,
      words: (before?.words ?? 0) + words,
    });
  }
  return [...counts.values()];
}

/** Characteristics of the audio plus talk speed (words per minute of talk) now that words exist. */
function enrichedCharacteristics(
  measured: CharacteristicsResult | null,
  wordCounts: readonly WordCount[],
): Record<string, unknown> | null {
  if (!measured) return null;
  // A speaker of the audio is a channel on a stereo call, or a diarised voice (matched by id) on mono.
  const words = Object.fromEntries(
    measured.characteristics.speakers.map((speaker) => [
      speaker.speaker,
      wordCounts
        .filter((count) =>
          speaker.channel === null ? count.speakerId === speaker.speaker : count.channel === speaker.channel,
        )
        .reduce((sum, count) => sum + count.words, 0),
    ]),
  );
  return {
    speakerSource: measured.speakerSource,
    ...measured.characteristics,
    loudness: measured.loudness,
    talkSpeedWpm: talkSpeed(measured.characteristics, words),
  };
}

const countWords = (text: string) => text.split(/\s+/).filter((word) => /\w/.test(word)).length;

/**
 * What a run without any engine says: the offline engine to install, and the alternative of a
 * provider (a self-hosted Whisper server through the OpenAI-compatible provider is what we recommend).
 */
function noEngineMessage(detail: string): string {
  return (
    `No transcript was supplied and no speech engine could run (${detail.replace(/\.$/, '')}). ` +
    'Install the offline engine with "apt-get install pocketsphinx pocketsphinx-en-us", or configure a ' +
    'transcription provider in the conversations settings (for real accuracy, a self-hosted Whisper ' +
    'server through the OpenAI-compatible provider), then start a new run of the recording. ' +
    'The conversation characteristics were measured all the same.'
  );
}

function extensionOf(contentType: string | null): string {
  const subtype = (contentType ?? '').split(';')[0]?.split('/')[1]?.toLowerCase() ?? '';
  const known: Record<string, string> = {
    wav: 'wav',
    'x-wav': 'wav',
    wave: 'wav',
    'vnd.wave': 'wav',
    mpeg: 'mp3',
    mp3: 'mp3',
    ogg: 'ogg',
    opus: 'opus',
    mp4: 'm4a',
    'x-m4a': 'm4a',
    flac: 'flac',
    webm: 'webm',
    basic: 'au',
  };
  return known[subtype] ?? 'bin';
}
