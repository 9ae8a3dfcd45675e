import { buffer } from 'node:stream/consumers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { createTenant } from '../../../../test/support/identity.js';
import { parseScrape } from '../../../../test/support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { openAudio, readAll } from '../audio/index.js';
import { transcriptSchema } from '../transcripts/index.js';
import { redactionSpanSchema } from '../redaction/index.js';
import { sealingAad } from '../sealing.js';
import {
  awsTranscriptWithSpokenCard,
  CARD_WORDS,
  mp3Bytes,
  stereoCall,
  stereoCallWav,
} from './testing/pipeline-fixtures.js';
import { insertTestRecording, type TestRecordingInput } from './testing/insert-recording.js';

interface RunBody {
  id: string;
  state: string;
  reason: string;
  options: Record<string, string>;
  steps: { name: string; outcome: string; provider: string; version: string; configHash: string }[];
  failureCode: string | null;
  failureReason: string | null;
}

describe('the recording pipeline', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let other: RequestContext;

  beforeAll(async () => {
    // `start` runs the workflows and the bus consumers in this process.
    t = await createTestPlatform({ role: 'start' });
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: other } = await createTenant(t.platform));
  }, 60_000);
  afterAll(() => t.close());

  const owner = () => t.platform.database.owner;
  const as = (tenant: RequestContext, permissions = ['recordings:read', 'recordings:write']) => ({
    tenant: tenant.tenantId,
    actor: 'usr_pipeline',
    permissions,
  });
  const receive = (input: TestRecordingInput, tenant = ctx) =>
    insertTestRecording(
      {
        database: t.platform.database,
        keyring: t.platform.keyring,
        bus: t.platform.bus,
        objects: t.platform.quietObjects,
      },
      tenant.tenantId,
      input,
    );
  const recordingRow = async (id: string) =>
    (
      await sql<{
        state: string;
        failureCode: string | null;
        failureReason: string | null;
        redactedAudioKey: string | null;
        codec: string | null;
        channels: number | null;
        durationMs: number | null;
      }>`select state, failure_code as "failureCode", failure_reason as "failureReason",
           redacted_audio_key as "redactedAudioKey", codec, channels, duration_ms as "durationMs"
         from conversations.recordings where id = ${id}`.execute(owner())
    ).rows[0];
  const runs = async (publicId: string, tenant = ctx) =>
    t.inject({ method: 'GET', url: `/api/v1/recordings/${publicId}/runs`, as: as(tenant) });
  /** Waits until no run of the recording is running, and returns them newest first. */
  const settled = async (publicId: string, count = 1): Promise<RunBody[]> => {
    let items: RunBody[] = [];
    await expect
      .poll(
        async () => {
          items = (await runs(publicId)).json<{ items: RunBody[] }>().items;
          return items.length >= count && items.every((run) => run.state !== 'running');
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(true);
    return items;
  };
  const transcripts = async (recordingId: string) =>
    (
      await sql<{
        runId: string;
        isCurrent: boolean;
        transcriptSealed: Buffer;
        redactionSpansSealed: Buffer;
        redactionCounts: string;
        characteristics: string;
        enrichedKey: string;
        provider: string;
        language: string | null;
        id: string;
      }>`select id, run_id as "runId", is_current as "isCurrent", transcript_sealed as "transcriptSealed",
           redaction_spans_sealed as "redactionSpansSealed", redaction_counts::text as "redactionCounts",
           characteristics::text as characteristics, enriched_key as "enrichedKey", provider, language
         from conversations.transcripts where recording_id = ${recordingId} order by created_at`.execute(
        owner(),
      )
    ).rows.map((row) => ({
      ...row,
      // Read as text: the CamelCasePlugin would rename keys inside JSON (CARD_NUMBER, spk_0).
      redactionCounts: JSON.parse(row.redactionCounts) as Record<string, number>,
      characteristics: JSON.parse(row.characteristics) as Record<string, unknown>,
    }));
  const events = async (type: string, tenant = ctx) =>
    (
      await sql<{ data: Record<string, unknown> }>`
        select data from bus.outbox where tenant_id = ${tenant.tenantId} and type = ${type}
        union all
        select data from bus.log where tenant_id = ${tenant.tenantId} and type = ${type}`.execute(owner())
    ).rows.map((row) => row.data);
  const search = async (recordingId: string, query: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from conversations.transcripts
        where recording_id = ${recordingId} and is_current and search_vector @@ ${sql.raw(query)}`.execute(
        owner(),
      )
    ).rows[0]?.n ?? 0;

  it('measures a stereo call, takes the supplied transcript, redacts a spoken card number from text and audio, and stores it sealed and searchable', async () => {
    const counted = parseScrape(await t.platform.metrics.metrics());
    const recording = await receive({
      audio: stereoCallWav(),
      suppliedTranscript: awsTranscriptWithSpokenCard(),
    });
    const [run] = await settled(recording.publicId);
    expect(run).toMatchObject({ state: 'succeeded', reason: 'received', failureCode: null });
    // Every step with its provenance: provider, version, configuration hash.
    // The analysis is recorded after the transcript is stored (analyses/analysis.int.test.ts covers it).
    expect(run!.steps.map((step) => step.name).filter((name) => name !== 'analyse')).toEqual([
      'prepare',
      'decode',
      'characteristics',
      'transcribe',
      'redact',
      'redact-audio',
      'write-enriched',
      'store',
    ]);
    for (const step of run!.steps) {
      expect(step.provider).not.toBe('');
      expect(step.configHash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(run!.steps.find((s) => s.name === 'transcribe')).toMatchObject({ provider: 'supplied' });
    expect(run!.steps.find((s) => s.name === 'decode')).toMatchObject({ provider: 'native' });

    const row = await recordingRow(recording.id);
    expect(row).toMatchObject({ state: 'ready', codec: 'pcm_mulaw', channels: 2, durationMs: 20_000 });

    const [stored] = await transcripts(recording.id);
    expect(stored).toMatchObject({
      isCurrent: true,
      provider: 'supplied',
      redactionCounts: { CARD_NUMBER: 1 },
    });

    // Characteristics match what the signal was made of (±150 ms per boundary, as the audio library promises).
    const c = stored!.characteristics as {
      speakers: { speaker: string; talkTimeMs: number }[];
      nonTalk: { periods: { startMs: number; endMs: number }[] };
      talkSpeedWpm: Record<string, number | null>;
      loudness: { averageDbfs: number | null }[];
    };
    stereoCall.truth.talkMs.forEach((ms, i) =>
      expect(Math.abs((c.speakers[i]?.talkTimeMs ?? 0) - ms)).toBeLessThanOrEqual(300),
    );
    expect(c.nonTalk.periods).toHaveLength(2);
    stereoCall.truth.nonTalk.forEach((period, i) => {
      expect(Math.abs((c.nonTalk.periods[i]?.startMs ?? -1) - period.startMs)).toBeLessThanOrEqual(150);
      expect(Math.abs((c.nonTalk.periods[i]?.endMs ?? -1) - period.endMs)).toBeLessThanOrEqual(150);
    });
    // Talk speed now that words exist: channel 0 said 27 words in about 8.1 s.
    expect(c.talkSpeedWpm.spk_0).toBeGreaterThan(150);
    expect(c.loudness[0]?.averageDbfs).toBeCloseTo(-20, 0);

    // The transcript is sealed and redacted; the spans are sealed apart and hold the number.
    const keyring = t.platform.keyring;
    const transcript = transcriptSchema.parse(
      JSON.parse(
        await keyring.decryptToString(
          ctx.tenantId,
          stored!.transcriptSealed,
          sealingAad.transcript(stored!.id),
        ),
      ),
    );
    const text = transcript.segments.map((s) => s.text).join(' ');
    expect(text).toContain('hold for an hour');
    expect(text).toContain('[CARD_NUMBER]');
    expect(text).not.toMatch(/four one one/);
    expect(stored!.transcriptSealed.toString('latin1')).not.toContain('hold');
    const sealedSpans = JSON.parse(
      await keyring.decryptToString(
        ctx.tenantId,
        stored!.redactionSpansSealed,
        sealingAad.redactionSpans(stored!.id),
      ),
    ) as { spans: unknown[] };
    const spans = sealedSpans.spans.map((span) => redactionSpanSchema.parse(span));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ entityType: 'CARD_NUMBER', timeFrom: 'words' });
    expect(spans[0]?.text).toContain('four one one one');
    await expect(
      keyring.decryptToString(ctx.tenantId, stored!.redactionSpansSealed, sealingAad.transcript(stored!.id)),
    ).rejects.toThrow();

    // Search finds ordinary words, never the card number.
    expect(await search(recording.id, `plainto_tsquery('simple', 'hold')`)).toBe(1);
    expect(await search(recording.id, `plainto_tsquery('simple', 'sorry')`)).toBe(1);
    expect(await search(recording.id, `phraseto_tsquery('simple', 'four one one one')`)).toBe(0);
    expect(await search(recording.id, `plainto_tsquery('simple', 'four')`)).toBe(0);

    // The muted copy: silence over the card number (both channels), speech elsewhere untouched.
    expect(row?.redactedAudioKey).toMatch(new RegExp(`^${ctx.tenantId}/redacted-audio/${recording.id}/`));
    const muted = await t.platform.quietObjects.get(row!.redactedAudioKey!);
    const { channels } = await readAll(await openAudio(await buffer(muted.body)));
    const at = (ms: number) => Math.round((ms / 1000) * 8000);
    const peak = (samples: Float32Array, from: number, to: number) =>
      samples.subarray(at(from), at(to)).reduce((max, x) => Math.max(max, Math.abs(x)), 0);
    expect(peak(channels[0]!, CARD_WORDS.startMs, CARD_WORDS.endMs)).toBe(0);
    expect(peak(channels[1]!, CARD_WORDS.startMs, CARD_WORDS.endMs)).toBe(0);
    expect(peak(channels[0]!, 5_000, 6_500)).toBeGreaterThan(0.05);

    // The enriched file: the redacted transcript, characteristics and provenance, under the tenant's key.
    expect(stored!.enrichedKey).toBe(`${ctx.tenantId}/enriched/${recording.id}/${stored!.runId}.json`);
    const enriched = await t.platform.quietObjects.get(stored!.enrichedKey);
    expect(enriched.tenantId).toBe(ctx.tenantId);
    const document = JSON.parse((await buffer(enriched.body)).toString('utf8')) as {
      transcript: unknown;
      characteristics: unknown;
      provenance: { steps: { name: string }[] };
    };
    expect(JSON.stringify(document.transcript)).toContain('[CARD_NUMBER]');
    expect(JSON.stringify(document.transcript)).not.toContain('four one one');
    expect(document.characteristics).toMatchObject({ speakerSource: 'channels' });
    expect(document.provenance.steps.map((s) => s.name)).toContain('transcribe');

    const ready = (await events('conversations.transcript.ready.v1')).filter(
      (data) => data.recordingId === recording.publicId,
    );
    expect(ready).toEqual([
      expect.objectContaining({
        runId: run!.id,
        provider: 'supplied',
        redactedEntities: 1,
        durationMs: 20_000,
      }),
    ]);
    // Counted in the metrics: one run succeeded, with its 20 seconds (the recording was inserted, not received).
    const now = parseScrape(await t.platform.metrics.metrics());
    const added = (name: string, labels: Record<string, string> = {}) =>
      now.value(name, labels) - counted.value(name, labels);
    expect(added('conversations_recording_runs_total', { outcome: 'succeeded' })).toBe(1);
    expect(added('conversations_audio_processed_seconds_total')).toBe(20);
  }, 90_000);

  it('fails a recording whose codec this installation cannot decode, saying why, and announces it', async () => {
    // MP3 is decoded through ffmpeg when it is installed; an empty PATH stands in for a machine without it.
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let recording!: { id: string; publicId: string };
    let run: RunBody | undefined;
    try {
      recording = await receive({ audio: mp3Bytes(), audioContentType: 'audio/mpeg' });
      [run] = await settled(recording.publicId);
    } finally {
      process.env.PATH = path;
    }
    expect(run).toMatchObject({ state: 'failed', failureCode: 'unsupported_codec' });
    expect(run!.failureReason).toContain('ffmpeg');
    const row = await recordingRow(recording.id);
    expect(row).toMatchObject({ state: 'failed', failureCode: 'unsupported_codec' });
    expect(row?.failureReason).toContain('apt-get install ffmpeg');
    expect(await transcripts(recording.id)).toEqual([]);
    const failed = (await events('conversations.recording.failed.v1')).filter(
      (data) => data.recordingId === recording.publicId,
    );
    expect(failed).toEqual([{ recordingId: recording.publicId, runId: run!.id, code: 'unsupported_codec' }]);
  }, 60_000);

  it('fails audio without a transcript where no speech engine is installed, naming what to install', async () => {
    // No provider configured (the default: the local engine), on a machine without one: the
    // engine is looked up on the PATH when the step runs, so an empty PATH stands in for a
    // machine without pocketsphinx.
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let run: RunBody | undefined;
    let recording!: { id: string; publicId: string };
    try {
      recording = await receive({ audio: stereoCallWav() });
      [run] = await settled(recording.publicId);
    } finally {
      process.env.PATH = path;
    }
    expect(run).toMatchObject({ state: 'failed', failureCode: 'no_local_engine' });
    expect(run!.failureReason).toContain('apt-get install pocketsphinx pocketsphinx-en-us');
    expect(run!.failureReason).toContain('OpenAI-compatible');
    // What could be measured was: the steps before transcription finished.
    expect(run!.steps.map((s) => s.name)).toEqual(['prepare', 'decode', 'characteristics']);
    expect(await recordingRow(recording.id)).toMatchObject({
      state: 'failed',
      failureCode: 'no_local_engine',
    });
  }, 60_000);

  it('fails a supplied transcript that cannot be read, and bytes that are not audio', async () => {
    const counted = parseScrape(await t.platform.metrics.metrics());
    const unreadable = await receive({ suppliedTranscript: '{"not": "a transcript"}' });
    const notAudio = await receive({ audio: Buffer.from('%PDF-1.7 this is a document, not audio') });
    const [first] = await settled(unreadable.publicId);
    const [second] = await settled(notAudio.publicId);
    expect(first).toMatchObject({ state: 'failed', failureCode: 'transcript_unreadable' });
    expect(second).toMatchObject({ state: 'failed', failureCode: 'not_audio' });
    // Each failure counted once, by its code.
    const now = parseScrape(await t.platform.metrics.metrics());
    const added = (name: string, labels: Record<string, string>) =>
      now.value(name, labels) - counted.value(name, labels);
    expect(added('conversations_recording_runs_total', { outcome: 'failed' })).toBe(2);
    expect(added('conversations_recording_failures_total', { code: 'transcript_unreadable' })).toBe(1);
    expect(added('conversations_recording_failures_total', { code: 'not_audio' })).toBe(1);
  }, 60_000);

  it('processes a recording again on request, keeping the history and making the newest transcript current', async () => {
    const recording = await receive({
      audio: stereoCallWav(),
      suppliedTranscript: awsTranscriptWithSpokenCard(),
    });
    const [first] = await settled(recording.publicId);
    expect(first?.state).toBe('succeeded');

    const post = (body: unknown, tenant = ctx, permissions?: string[]) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/recordings/${recording.publicId}/runs`,
        payload: body as object,
        as: as(tenant, permissions),
      });
    const unknown = await post({ provider: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('body.provider');
    const badLanguage = await post({ language: 42 });
    expect(badLanguage.statusCode).toBe(400);
    expect(JSON.stringify(badLanguage.json())).toContain('language');
    const nul = await post({ language: 'en\u0000' });
    expect(nul.statusCode).toBe(400);
    expect((await post({}, ctx, ['recordings:read'])).statusCode).toBe(403);
    expect((await post({}, other)).statusCode).toBe(404);
    expect((await runs(recording.publicId, other)).statusCode).toBe(404);
    expect((await runs('rec_nonsense')).statusCode).toBe(404);

    const accepted = await post({ language: 'en-GB' });
    expect(accepted.statusCode).toBe(202);
    const second = accepted.json<RunBody>();
    expect(second).toMatchObject({ reason: 'rerun', state: 'running', options: { language: 'en-GB' } });

    const history = await settled(recording.publicId, 2);
    expect(history.map((run) => [run.id, run.state])).toEqual([
      [second.id, 'succeeded'],
      [first!.id, 'succeeded'],
    ]);
    const rows = await transcripts(recording.id);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.isCurrent)).toEqual([false, true]);
    expect(new Set(rows.map((row) => row.enrichedKey)).size).toBe(2);
    expect(await search(recording.id, `plainto_tsquery('simple', 'hold')`)).toBe(1);
  }, 90_000);

  it('keeps tenant settings: defaults, changes that name a bad field, and a policy the next run follows', async () => {
    const get = (tenant = ctx) =>
      t.inject({ method: 'GET', url: '/api/v1/conversations/settings', as: as(tenant, ['settings:read']) });
    const put = (body: unknown) =>
      t.inject({
        method: 'PUT',
        url: '/api/v1/conversations/settings',
        payload: body as object,
        as: as(ctx, ['settings:read', 'settings:write']),
      });
    const defaults = (await get(other)).json<Record<string, unknown>>();
    expect(defaults).toMatchObject({
      transcription: { providers: [{ provider: 'local', pricePerMinuteUsd: 0 }] },
      transcriptionConfigured: false,
      transcriptionProviders: ['local'],
      availableProviders: ['local'],
      defaultLanguage: null,
      audioRedaction: 'both',
      audioPaddingMs: 250,
      updatedAt: null,
    });
    expect(defaults.redactEntityTypes).toEqual(
      expect.arrayContaining(['CARD_NUMBER', 'CARD_CVV', 'EMAIL', 'PERSON_NAME']),
    );

    for (const [body, field] of [
      [{ audioPaddingMs: 'x' }, 'body.audioPaddingMs'],
      [{ audioPaddingMs: 60_000 }, 'body.audioPaddingMs'],
      [{ audioRedaction: 'shred' }, 'body.audioRedaction'],
      [{ transcription: { providers: [{ provider: 'nope' }] } }, 'body.transcription.providers.0.provider'],
      [{ redactEntityTypes: ['CARD_NUMBER', 'SHOE_SIZE'] }, 'body.redactEntityTypes.1'],
      [{ defaultLanguage: 'x'.repeat(1_000_000) }, 'body.defaultLanguage'],
      [{ defaultLanguage: 'en\u0000' }, 'body.defaultLanguage'],
      [{ colour: 'blue' }, 'body'],
    ] as const) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(JSON.stringify(res.json()), field).toContain(field);
    }
    expect(
      (
        await t.inject({
          method: 'PUT',
          url: '/api/v1/conversations/settings',
          payload: {},
          as: as(ctx, ['settings:read']),
        })
      ).statusCode,
    ).toBe(403);

    const changed = await put({
      audioRedaction: 'keep_original',
      defaultLanguage: 'en-US',
      redactEntityTypes: ['EMAIL'],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      audioRedaction: 'keep_original',
      defaultLanguage: 'en-US',
      redactEntityTypes: ['EMAIL'],
      audioPaddingMs: 250,
      updatedBy: 'usr_pipeline',
    });
    // Another tenant's settings are its own.
    expect((await get(other)).json()).toMatchObject({ audioRedaction: 'both' });

    const recording = await receive({
      audio: stereoCallWav(),
      suppliedTranscript: awsTranscriptWithSpokenCard(),
    });
    const [run] = await settled(recording.publicId);
    expect(run?.state).toBe('succeeded');
    expect(run!.steps.find((s) => s.name === 'redact-audio')).toMatchObject({ outcome: 'skipped' });
    expect((await recordingRow(recording.id))?.redactedAudioKey).toBeNull();
    // Only e-mail addresses are redacted now: the card number stays (the tenant chose so).
    const [stored] = await transcripts(recording.id);
    expect(stored?.redactionCounts).toEqual({});
    expect(stored?.language).toBe('en-US');
  }, 90_000);
});
