/**
 * The pipeline transcribing through the tenant's configured providers. The cloud providers are
 * FAKE servers (transcription/fake-provider.server.ts) answering their documented endpoints with
 * the real outputs in shared/fixtures/real/transcripts; the local engine is Debian's pocketsphinx
 * on speech made at test time with espeak-ng and sox (skipped, saying so, where they are missing).
 * Assertions are on what a user sees (state, provider, speakers, segments, cost), never on an
 * engine's words.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { openAudio, readAll } from '../audio/index.js';
import { writeWav } from '../audio/test-signals.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { sealingAad } from '../sealing.js';
import { FakeProviderServer, formOf } from '../transcription/fake-provider.server.js';
import { transcriptSchema } from '../transcripts/index.js';
import { insertTestRecording, type TestRecordingInput } from './testing/insert-recording.js';
import { realTranscriptsDir, stereoCallWav } from './testing/pipeline-fixtures.js';

const fixture = (name: string) => readFileSync(path.join(realTranscriptsDir, name), 'utf8');
const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;
const haveSpeech = has('espeak-ng') && has('sox');
const havePocketsphinx =
  spawnSync('sh', ['-c', 'command -v pocketsphinx || command -v pocketsphinx_continuous'], {
    stdio: 'ignore',
  }).status === 0;

interface RunBody {
  id: string;
  state: string;
  options: Record<string, string>;
  steps: {
    name: string;
    provider: string;
    version: string;
    configHash: string;
    detail?: Record<string, unknown>;
  }[];
  failureCode: string | null;
  failureReason: string | null;
}

/** Fast, single-attempt HTTP so a test's failure shows at once (the step's own retries still apply). */
const quick = { maxAttempts: 1, retryBaseMs: 1, requestTimeoutMs: 10_000 };

describe('the pipeline with configured transcription providers', () => {
  let t: TestPlatform;
  let fake: FakeProviderServer;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    fake = await FakeProviderServer.start();
    fake.on('POST /v1/audio/transcriptions', {
      status: 200,
      headers: { 'x-request-id': 'req_fake_whisper' },
      body: fixture('openai-verbose-json-segments.json'),
    });
    fake.on('POST /v1/listen', {
      status: 200,
      body: fixture('deepgram-prerecorded-diarize-utterances.json'),
    });
  }, 60_000);
  afterAll(async () => {
    await fake.close();
    await t.close();
  });

  const owner = () => t.platform.database.owner;
  const as = (tenant: RequestContext, permissions: string[]) => ({
    tenant: tenant.tenantId,
    actor: 'usr_transcription',
    permissions,
  });
  const admin = ['settings:read', 'settings:write', 'recordings:read', 'recordings:write'];
  const putSettings = (tenant: RequestContext, body: unknown) =>
    t.inject({
      method: 'PUT',
      url: '/api/v1/conversations/settings',
      payload: body as object,
      as: as(tenant, admin),
    });
  const putSecret = (tenant: RequestContext, name: string, value: string) =>
    t.inject({ method: 'PUT', url: `/api/v1/secrets/${name}`, payload: { value }, as: as(tenant, admin) });
  const receive = (tenant: RequestContext, input: TestRecordingInput) =>
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
  const settled = async (tenant: RequestContext, publicId: string, count = 1): Promise<RunBody[]> => {
    let items: RunBody[] = [];
    await expect
      .poll(
        async () => {
          const res = await t.inject({
            method: 'GET',
            url: `/api/v1/recordings/${publicId}/runs`,
            as: as(tenant, admin),
          });
          items = res.json<{ items: RunBody[] }>().items;
          return items.length >= count && items.every((run) => run.state !== 'running');
        },
        { timeout: 90_000, interval: 250 },
      )
      .toBe(true);
    return items;
  };
  const transcriptRows = async (recordingId: string) =>
    (
      await sql<{
        id: string;
        provider: string;
        isCurrent: boolean;
        costMicros: string | null;
        transcriptSealed: Buffer;
        tenantId: string;
      }>`select id, provider, is_current as "isCurrent", cost_micros as "costMicros",
           transcript_sealed as "transcriptSealed", tenant_id as "tenantId"
         from conversations.transcripts where recording_id = ${recordingId} order by created_at`.execute(
        owner(),
      )
    ).rows;
  const openTranscript = async (row: { id: string; tenantId: string; transcriptSealed: Buffer }) =>
    transcriptSchema.parse(
      JSON.parse(
        await t.platform.keyring.decryptToString(
          row.tenantId,
          row.transcriptSealed,
          sealingAad.transcript(row.id),
        ),
      ),
    );
  const transcribeStep = (run: RunBody | undefined) => run?.steps.find((step) => step.name === 'transcribe');

  it('refuses settings that would hold a credential or name a secret it may not read, naming the field', async () => {
    const { ctx } = await createTenant(t.platform);
    for (const [body, field] of [
      [
        { transcription: { providers: [{ provider: 'openai', apiKey: 'sk-live-123' }] } },
        'body.transcription.providers.0.apiKey',
      ],
      [
        { transcription: { providers: [{ provider: 'deepgram', apiKeySecret: 'teams.client_secret' }] } },
        'body.transcription.providers.0.apiKeySecret',
      ],
      [
        { transcription: { providers: [{ provider: 'deepgram' }] } },
        'body.transcription.providers.0.apiKeySecret',
      ],
      [
        { transcription: { providers: [{ provider: 'local', binary: '/bin/sh' }] } },
        'body.transcription.providers.0.binary',
      ],
      [
        { transcription: { providers: [{ provider: 'openai', baseUrl: 'file:///etc/passwd' }] } },
        'body.transcription.providers.0.baseUrl',
      ],
      [
        { transcription: { providers: [{ provider: 'local' }, { provider: 'local' }] } },
        'body.transcription.providers.1.provider',
      ],
      [{ transcription: { providers: [] } }, 'body.transcription.providers'],
    ] as const) {
      const res = await putSettings(ctx, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.json()), field).toContain(field);
    }
  });

  it('transcribes with the OpenAI-compatible provider (a Whisper server, faked), falls back past one whose secret is not set, records provider, model, cost and config hash, and re-runs with Deepgram keeping the history', async () => {
    const { ctx } = await createTenant(t.platform);
    const { ctx: other } = await createTenant(t.platform);
    expect((await putSecret(ctx, 'transcription.whisper', 'sk-fake-whisper-key')).statusCode).toBe(204);
    const configured = await putSettings(ctx, {
      defaultLanguage: 'en-GB',
      transcription: {
        providers: [
          { provider: 'deepgram', baseUrl: fake.url, apiKeySecret: 'transcription.deepgram', ...quick },
          {
            provider: 'openai',
            baseUrl: `${fake.url}/v1`,
            model: 'whisper-large-v3',
            apiKeySecret: 'transcription.whisper',
            pricePerMinuteUsd: 0.006,
            ...quick,
          },
        ],
      },
    });
    expect(configured.statusCode).toBe(200);
    const body = configured.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      transcriptionConfigured: true,
      transcriptionProviders: ['deepgram', 'openai'],
      availableProviders: ['deepgram', 'openai', 'local'],
    });
    // Secret names are settings; their values never appear.
    expect(JSON.stringify(body)).not.toContain('sk-fake-whisper-key');

    // Which providers could run: Deepgram's secret is not set yet, and the status says which.
    const status = await t.inject({
      method: 'GET',
      url: '/api/v1/conversations/settings/transcription-status',
      as: as(ctx, ['settings:read']),
    });
    const [deepgramStatus, openaiStatus] = status.json<{
      items: { provider: string; available: boolean; reason: string | null; code: string | null }[];
    }>().items;
    expect(deepgramStatus).toMatchObject({ provider: 'deepgram', available: false });
    expect(deepgramStatus?.reason).toContain('transcription.deepgram');
    expect(openaiStatus).toEqual({ provider: 'openai', available: true, reason: null, code: null });
    expect(JSON.stringify(status.json())).not.toContain('sk-fake');

    // The change is audited with the providers, their configuration hashes and secret names.
    const audit = (
      await sql<{ details: string }>`select details::text as details from audit.entries
        where tenant_id = ${ctx.tenantId} and action = 'conversations.settings_updated'`.execute(owner())
    ).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toContain('transcription.whisper');
    expect(audit[0]!.details).not.toContain('sk-fake');

    // Another tenant's settings are untouched (row-level security on conversations.settings).
    const theirs = await t.platform.database.withTenant<ConversationsTables, unknown[]>(other, (trx) =>
      trx.selectFrom('conversations.settings').select('tenantId').execute(),
    );
    expect(theirs).toEqual([]);

    const before = fake.callsTo('POST /v1/audio/transcriptions').length;
    const recording = await receive(ctx, { audio: stereoCallWav() });
    const [run] = await settled(ctx, recording.publicId);
    expect(run).toMatchObject({ state: 'succeeded', failureCode: null });
    const step = transcribeStep(run);
    expect(step).toMatchObject({ provider: 'openai', version: 'whisper-large-v3' });
    expect(step?.configHash).toMatch(/^[0-9a-f]{16}$/);
    expect(step?.detail).toMatchObject({
      model: 'whisper-large-v3',
      requests: 2,
      providerJobIds: ['req_fake_whisper', 'req_fake_whisper'],
      fallbacks: [{ provider: 'deepgram', reason: 'not_configured' }],
      cost: { pricePerMinuteUsd: 0.006, audioSecondsSource: 'provider' },
      speakers: 2,
    });

    // Stereo: each channel sent alone as 16 kHz WAV, with the key from the secrets store.
    const calls = fake.callsTo('POST /v1/audio/transcriptions').slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers.authorization).toBe('Bearer sk-fake-whisper-key');
    const form = await formOf(calls[0]!);
    expect(form.get('model')).toBe('whisper-large-v3');
    expect(form.get('language')).toBe('en');
    expect(form.get('response_format')).toBe('verbose_json');

    const [row] = await transcriptRows(recording.id);
    expect(row).toMatchObject({ provider: 'openai', isCurrent: true });
    expect(Number(row!.costMicros)).toBeGreaterThan(0);
    const transcript = await openTranscript(row!);
    expect(transcript.speakers.map((speaker) => [speaker.id, speaker.channel])).toEqual([
      ['spk_0', 0],
      ['spk_1', 1],
    ]);
    expect(new Set(transcript.segments.map((segment) => segment.speakerId))).toEqual(
      new Set(['spk_0', 'spk_1']),
    );

    // A re-run may name only a provider this tenant can run.
    const rerun = (payload: object) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/recordings/${recording.publicId}/runs`,
        payload,
        as: as(ctx, admin),
      });
    const unconfigured = await rerun({ provider: 'assemblyai' });
    expect(unconfigured.statusCode).toBe(400);
    expect(JSON.stringify(unconfigured.json())).toContain('body.provider');

    // With Deepgram's secret set, a re-run with Deepgram: a second run and transcript, the first kept.
    expect((await putSecret(ctx, 'transcription.deepgram', 'dg-fake-key')).statusCode).toBe(204);
    const accepted = await rerun({ provider: 'deepgram' });
    expect(accepted.statusCode).toBe(202);
    const history = await settled(ctx, recording.publicId, 2);
    expect(history.map((r) => [r.state, transcribeStep(r)?.provider])).toEqual([
      ['succeeded', 'deepgram'],
      ['succeeded', 'openai'],
    ]);
    expect(fake.callsTo('POST /v1/listen').at(-1)?.headers.authorization).toBe('Token dg-fake-key');
    const rows = await transcriptRows(recording.id);
    expect(rows.map((r) => [r.provider, r.isCurrent])).toEqual([
      ['openai', false],
      ['deepgram', true],
    ]);
  }, 180_000);

  it('transcribes a mono call with Deepgram (faked): diarised speakers, the provider-reported cost', async () => {
    const { ctx } = await createTenant(t.platform);
    await putSecret(ctx, 'transcription.deepgram', 'dg-key-2');
    const res = await putSettings(ctx, {
      transcription: {
        providers: [
          {
            provider: 'deepgram',
            baseUrl: fake.url,
            apiKeySecret: 'transcription.deepgram',
            pricePerMinuteUsd: 0.0043,
            ...quick,
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const rate = 8000;
    const mono = new Float32Array(rate * 6);
    for (let i = 0; i < mono.length; i++) mono[i] = 0.2 * Math.sin((2 * Math.PI * 220 * i) / rate);
    const recording = await receive(ctx, { audio: writeWav([mono], rate, 'pcm_s16le') });
    const [run] = await settled(ctx, recording.publicId);
    expect(run).toMatchObject({ state: 'succeeded' });
    expect(transcribeStep(run)?.provider).toBe('deepgram');
    expect(transcribeStep(run)?.version).not.toBe('');
    expect(transcribeStep(run)?.detail).toMatchObject({
      cost: { audioSecondsSource: 'provider', pricePerMinuteUsd: 0.0043 },
    });
    const [row] = await transcriptRows(recording.id);
    expect(row?.provider).toBe('deepgram');
    const transcript = await openTranscript(row!);
    expect(transcript.speakers.length).toBeGreaterThan(1);
    expect(transcript.speakers[0]?.id).toBe('spk_0');
  }, 120_000);

  describe.skipIf(!(haveSpeech && havePocketsphinx))(
    haveSpeech && havePocketsphinx
      ? 'the local engine (pocketsphinx on speech made with espeak-ng + sox)'
      : 'SKIPPED: needs espeak-ng, sox and pocketsphinx (apt-get install espeak-ng sox pocketsphinx pocketsphinx-en-us)',
    () => {
      let dir: string;
      beforeAll(() => {
        dir = mkdtempSync(path.join(tmpdir(), 'pipeline-speech-'));
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      /** One utterance per channel, apart in time, as a 16 kHz stereo WAV. */
      const speechCall = async (): Promise<Uint8Array> => {
        const RATE = 16000;
        const lines = [
          { channel: 0, voice: 'en-us+m3', text: 'thank you for calling how can I help you today', atS: 0.5 },
          { channel: 1, voice: 'en-us+f3', text: 'I would like to check the status of my order', atS: 4.5 },
        ];
        const channels = [new Float32Array(RATE * 8), new Float32Array(RATE * 8)];
        for (const [i, line] of lines.entries()) {
          const raw = path.join(dir, `raw${i}.wav`);
          const out = path.join(dir, `u${i}.wav`);
          execFileSync('espeak-ng', ['-v', line.voice, '-s', '160', '-w', raw, line.text]);
          execFileSync('sox', [raw, '-r', String(RATE), out]);
          const clip = (await readAll(await openAudio(readFileSync(out)))).channels[0]!;
          channels[line.channel]!.set(clip.subarray(0, RATE * 3.5), Math.round(line.atS * RATE));
        }
        return writeWav(channels, RATE, 'pcm_s16le');
      };

      it('with nothing configured, the local engine transcribes: one speaker per channel, segments, its version recorded', async () => {
        const { ctx } = await createTenant(t.platform);
        const recording = await receive(ctx, { audio: await speechCall() });
        const [run] = await settled(ctx, recording.publicId);
        expect(run).toMatchObject({ state: 'succeeded', failureCode: null });
        const step = transcribeStep(run);
        expect(step).toMatchObject({ provider: 'local' });
        expect(step?.version).not.toBe('');
        expect(step?.configHash).toMatch(/^[0-9a-f]{16}$/);
        expect(step?.detail).toMatchObject({ requests: 2, cost: { amountUsd: 0 } });
        const [row] = await transcriptRows(recording.id);
        expect(row?.provider).toBe('local');
        const transcript = await openTranscript(row!);
        expect(transcript.segments.length).toBeGreaterThan(0);
        expect(transcript.provenance.provider).toBe('pocketsphinx');
        for (const segment of transcript.segments) expect(segment.speakerId).toBe(`spk_${segment.channel}`);
      }, 180_000);
    },
  );
});
