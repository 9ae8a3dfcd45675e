/**
 * The cloud providers against FAKE servers (fake-provider.server.ts) that implement their
 * documented endpoints and answer with the real outputs in shared/fixtures/real/transcripts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeWav } from '../audio/test-signals.js';
import { transcriptSchema } from '../transcripts/transcript.schema.js';
import { FakeProviderServer, formOf } from './fake-provider.server.js';
import {
  createTranscriber,
  TranscriptionError,
  type ProviderConfig,
  type TranscriptionInput,
  type TranscriptionConfigInput,
} from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/transcripts');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/** A short recording: a tone on each channel (the fakes do not listen; channel count matters). */
function recording(channels: 1 | 2): TranscriptionInput {
  const rate = 8000;
  const planes = Array.from({ length: channels }, (_, c) => {
    const samples = new Float32Array(rate * 2);
    for (let i = 0; i < samples.length; i++)
      samples[i] = 0.3 * Math.sin((2 * Math.PI * (300 + 200 * c) * i) / rate);
    return samples;
  });
  const wav = writeWav(planes, rate, 'pcm_s16le');
  return { open: () => wav, contentType: 'audio/wav', fileName: 'rec_test.wav', durationMs: 2000 };
}

const fast = { retryBaseMs: 1, maxRetryAfterMs: 2_000, requestTimeoutMs: 5_000 };
const secrets: Record<string, string> = {
  'stt.openai': 'sk-test',
  'stt.deepgram': 'dg-test',
  'stt.assemblyai': 'aai-test',
  'stt.aws-id': 'AKIDEXAMPLE',
  'stt.aws-secret': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const lookup = (name: string) => secrets[name];
const service = (provider: Record<string, unknown>, more: Partial<TranscriptionConfigInput> = {}) =>
  createTranscriber({ providers: [{ ...fast, ...provider } as ProviderConfig], ...more }, lookup);

async function failure(promise: Promise<unknown>): Promise<TranscriptionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TranscriptionError))
    throw new Error(`expected a TranscriptionError, got ${String(error)}`);
  return error;
}

let fake: FakeProviderServer;
beforeEach(async () => {
  fake = await FakeProviderServer.start();
});
afterEach(async () => {
  await fake.close();
});

describe('OpenAI-compatible /audio/transcriptions (fake)', () => {
  const openai = (more: Record<string, unknown> = {}) => ({
    provider: 'openai',
    baseUrl: `${fake.url}/v1`,
    apiKeySecret: 'stt.openai',
    pricePerMinuteUsd: 0.006,
    ...more,
  });

  it('sends a mono recording with verbose_json and word times, and reads the answer into the model', async () => {
    fake.on('POST /v1/audio/transcriptions', {
      status: 200,
      headers: { 'x-request-id': 'req_abc' },
      body: fixture('openai-verbose-json-segments.json'),
    });
    const done = await service(openai()).transcribe(recording(1));
    const [call] = fake.calls;
    expect(call?.headers.authorization).toBe('Bearer sk-test');
    const form = await formOf(call!);
    expect(form.get('model')).toBe('whisper-1');
    expect(form.get('response_format')).toBe('verbose_json');
    expect(form.get('language')).toBe('en');
    expect(form.getAll('timestamp_granularities[]')).toEqual(['segment', 'word']);
    const file = form.get('file');
    expect(file instanceof Blob && 'name' in file ? file.name : null).toBe('rec_test.wav');

    expect(transcriptSchema.parse(done.transcript)).toEqual(done.transcript);
    expect(done.transcript.segments[0]?.text).toBe('The beach was a popular spot on a hot summer day.');
    expect(done.transcript.provenance).toMatchObject({
      provider: 'openai',
      model: 'whisper-1',
      providerJobId: 'req_abc',
    });
    expect(done.provenance).toMatchObject({
      provider: 'openai',
      model: 'whisper-1',
      providerJobIds: ['req_abc'],
      requests: 1,
    });
    expect(done.provenance.configHash).toMatch(/^[0-9a-f]{64}$/);
    // What the provider says it billed (usage: 9 s of the 8.47 s of audio), at $0.006 a minute.
    expect(done.cost).toEqual({
      audioSeconds: 9,
      audioSecondsSource: 'provider',
      pricePerMinuteUsd: 0.006,
      amountUsd: 0.0009,
    });
    expect(done.raw).toEqual([
      { channel: null, contentType: 'application/json', body: fixture('openai-verbose-json-segments.json') },
    ]);
    expect(done.fallbacks).toEqual([]);
  });

  it('sends each channel of a stereo call as a 16 kHz mono WAV: one speaker per channel, agent on channel 0', async () => {
    fake.on('POST /v1/audio/transcriptions', {
      status: 200,
      body: fixture('openai-verbose-json-segments.json'),
    });
    const done = await service(openai()).transcribe(recording(2));
    expect(fake.calls).toHaveLength(2);
    for (const call of fake.calls) {
      const part = (await formOf(call)).get('file');
      if (!(part instanceof Blob)) throw new Error('no file part');
      const file = new Uint8Array(await part.arrayBuffer());
      const header = new DataView(file.buffer);
      expect(header.getUint16(22, true)).toBe(1);
      expect(header.getUint32(24, true)).toBe(16_000);
    }
    expect(done.transcript.speakers).toEqual([
      { id: 'spk_0', role: 'agent', roleSource: 'convention', label: null, channel: 0 },
      { id: 'spk_1', role: 'customer', roleSource: 'convention', label: null, channel: 1 },
    ]);
    expect(done.transcript.segments.map((s) => [s.channel, s.speakerId])).toEqual([
      [0, 'spk_0'],
      [1, 'spk_1'],
    ]);
    expect(done.raw.map((r) => r.channel)).toEqual([0, 1]);
    // Both uploads are billed.
    expect(done.cost.audioSeconds).toBe(18);
  });

  it('Azure OpenAI: api-key header, api-version query, diarized_json with chunking for a diarize model', async () => {
    fake.on('POST /openai/deployments/diar/audio/transcriptions', {
      status: 200,
      body: fixture('openai-diarized-json.json'),
    });
    const done = await service(
      openai({
        baseUrl: `${fake.url}/openai/deployments/diar`,
        auth: 'api-key',
        query: { 'api-version': '2025-03-01-preview' },
        model: 'gpt-4o-transcribe-diarize',
      }),
    ).transcribe(recording(2));
    const [call] = fake.calls;
    expect(call?.headers['api-key']).toBe('sk-test');
    expect(call?.headers.authorization).toBeUndefined();
    expect(call?.query.get('api-version')).toBe('2025-03-01-preview');
    const form = await formOf(call!);
    expect(form.get('response_format')).toBe('diarized_json');
    expect(form.get('chunking_strategy')).toBe('auto');
    expect(fake.calls).toHaveLength(1);
    expect(done.transcript.speakers.map((s) => [s.id, s.role])).toEqual([
      ['spk_0', 'agent'],
      ['spk_1', 'customer'],
    ]);
  });

  it('a self-hosted server without a key gets no authorization header', async () => {
    fake.on('POST /v1/audio/transcriptions', {
      status: 200,
      body: fixture('openai-verbose-json-segments.json'),
    });
    await service(openai({ apiKeySecret: null })).transcribe(recording(1));
    expect(fake.calls[0]?.headers.authorization).toBeUndefined();
  });

  it('retries 5xx and network failures with back-off, then succeeds', async () => {
    fake.on(
      'POST /v1/audio/transcriptions',
      { status: 503, body: { error: { message: 'overloaded' } } },
      { status: 200, hangUp: true },
      { status: 200, body: fixture('openai-verbose-json-segments.json') },
    );
    const done = await service(openai()).transcribe(recording(1));
    expect(fake.calls).toHaveLength(3);
    expect(done.provenance.requests).toBe(3);
  });

  it('honours 429 with Retry-After, and gives up as rate_limited when the wait is longer than allowed', async () => {
    fake.on(
      'POST /v1/audio/transcriptions',
      { status: 429, headers: { 'retry-after': '0' }, body: { error: { message: 'slow down' } } },
      { status: 200, body: fixture('openai-verbose-json-segments.json') },
    );
    await service(openai()).transcribe(recording(1));
    expect(fake.calls).toHaveLength(2);

    fake.on('POST /v1/audio/transcriptions', { status: 429, headers: { 'retry-after': '120' }, body: {} });
    fake.calls.length = 0;
    const error = await failure(service(openai()).transcribe(recording(1)));
    expect(error.attempts[0]).toMatchObject({ provider: 'openai', reason: 'rate_limited' });
    expect(error.transient).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });

  it('401 is bad_credentials at once: no retry, terminal, the provider’s message kept', async () => {
    fake.on('POST /v1/audio/transcriptions', {
      status: 401,
      body: { error: { message: 'Incorrect API key provided' } },
    });
    const error = await failure(service(openai()).transcribe(recording(1)));
    expect(fake.calls).toHaveLength(1);
    expect(error.reason).toBe('all_failed');
    expect(error.transient).toBe(false);
    expect(error.attempts).toEqual([
      expect.objectContaining({
        provider: 'openai',
        reason: 'bad_credentials',
        message: expect.stringContaining('Incorrect API key provided') as unknown,
      }) as unknown,
    ]);
  });

  it('a request that takes longer than requestTimeoutMs is a timeout, retried up to maxAttempts', async () => {
    fake.on('POST /v1/audio/transcriptions', {
      status: 200,
      delayMs: 1_500,
      body: fixture('openai-verbose-json-segments.json'),
    });
    const error = await failure(
      service(openai({ requestTimeoutMs: 100, maxAttempts: 2 })).transcribe(recording(1)),
    );
    expect(error.attempts[0]).toMatchObject({ reason: 'timeout' });
    expect(fake.calls).toHaveLength(2);
  });

  it('malformed answers: an HTML page, JSON without segments, segments that break the model', async () => {
    for (const body of [
      '<html><body>Bad gateway</body></html>',
      { text: 'hello' },
      { segments: [{ start: 5, end: 1, text: 'backwards' }] },
    ]) {
      fake.on('POST /v1/audio/transcriptions', { status: 200, body });
      const error = await failure(service(openai()).transcribe(recording(1)));
      expect(error.attempts[0]?.reason).toBe('malformed_response');
    }
  });

  it('a missing secret is not_configured, and nothing is sent', async () => {
    const error = await failure(service(openai({ apiKeySecret: 'stt.absent' })).transcribe(recording(1)));
    expect(error.attempts[0]).toMatchObject({
      reason: 'not_configured',
      message: expect.stringContaining('stt.absent') as unknown,
    });
    expect(fake.calls).toHaveLength(0);
  });

  it('an answer without any segment is no_speech and ends the run', async () => {
    fake.on('POST /v1/audio/transcriptions', { status: 200, body: { text: '', segments: [], duration: 2 } });
    const error = await failure(service(openai()).transcribe(recording(1)));
    expect(error.reason).toBe('no_speech');
  });
});

describe('Deepgram /v1/listen (fake)', () => {
  const deepgram = { provider: 'deepgram', apiKeySecret: 'stt.deepgram', pricePerMinuteUsd: 0.0043 };

  it('mono: diarize and utterances, Token auth, the audio as the body; provider duration billed', async () => {
    fake.on('POST /v1/listen', {
      status: 200,
      body: fixture('deepgram-prerecorded-diarize-utterances.json'),
    });
    const input = recording(1);
    const done = await service({ ...deepgram, baseUrl: fake.url }).transcribe(input);
    const [call] = fake.calls;
    expect(call?.headers.authorization).toBe('Token dg-test');
    expect(call?.headers['content-type']).toBe('audio/wav');
    expect(call?.body.equals(Buffer.from(input.open() as Uint8Array))).toBe(true);
    expect(Object.fromEntries(call!.query)).toMatchObject({
      model: 'nova-3',
      diarize: 'true',
      utterances: 'true',
      language: 'en-US',
    });
    expect(call?.query.has('multichannel')).toBe(false);
    expect(done.provenance.providerJobIds).toEqual(['e4ac910d-2bd6-4e54-b656-4cb971284bad']);
    expect(done.cost).toMatchObject({
      audioSeconds: 169.802,
      audioSecondsSource: 'provider',
      amountUsd: 0.0122,
    });
    expect(done.transcript.speakers.length).toBeGreaterThan(1);
  });

  it('stereo: multichannel instead of diarize', async () => {
    fake.on('POST /v1/listen', {
      status: 200,
      body: fixture('deepgram-prerecorded-diarize-utterances.json'),
    });
    await service({ ...deepgram, baseUrl: fake.url }).transcribe(recording(2));
    expect(fake.calls[0]?.query.get('multichannel')).toBe('true');
    expect(fake.calls[0]?.query.has('diarize')).toBe(false);
  });

  it('exhausted 5xx is unavailable and transient', async () => {
    fake.on('POST /v1/listen', { status: 502, body: { err_code: 'BAD_GATEWAY', err_msg: 'upstream' } });
    const error = await failure(
      service({ ...deepgram, baseUrl: fake.url, maxAttempts: 3 }).transcribe(recording(1)),
    );
    expect(fake.calls).toHaveLength(3);
    expect(error.attempts[0]).toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('upstream') as unknown,
    });
    expect(error.transient).toBe(true);
  });

  it('a 400 is rejected with Deepgram’s err_msg, not retried', async () => {
    fake.on('POST /v1/listen', {
      status: 400,
      body: { err_code: 'Bad Request', err_msg: 'corrupt or unsupported data' },
    });
    const error = await failure(service({ ...deepgram, baseUrl: fake.url }).transcribe(recording(1)));
    expect(fake.calls).toHaveLength(1);
    expect(error.attempts[0]).toMatchObject({
      reason: 'rejected',
      message: expect.stringContaining('corrupt or unsupported data') as unknown,
    });
  });
});

describe('Amazon Transcribe (fake Transcribe and S3)', () => {
  const aws = () => ({
    provider: 'aws-transcribe',
    region: 'eu-west-1',
    mediaBucket: 'calls-media',
    accessKeyIdSecret: 'stt.aws-id',
    secretAccessKeySecret: 'stt.aws-secret',
    endpoint: fake.url,
    s3Endpoint: fake.url,
    pollIntervalMs: 5,
    pricePerMinuteUsd: 0.024,
  });
  const target = (call: { headers: Record<string, unknown> }) => String(call.headers['x-amz-target']);

  function script(output: string, onStart?: (body: Record<string, unknown>) => void): void {
    let polls = 0;
    fake.on('PUT /calls-media/*', { status: 200, headers: { etag: '"x"' } });
    fake.on('DELETE /calls-media/*', { status: 204 });
    fake.on('GET /output/job.json', { status: 200, body: output });
    fake.on('POST /', (call) => {
      const body = JSON.parse(call.body.toString('utf8')) as Record<string, unknown>;
      switch (target(call)) {
        case 'Transcribe.StartTranscriptionJob':
          onStart?.(body);
          return {
            status: 200,
            body: {
              TranscriptionJob: {
                TranscriptionJobName: body.TranscriptionJobName,
                TranscriptionJobStatus: 'IN_PROGRESS',
              },
            },
          };
        case 'Transcribe.GetTranscriptionJob':
          polls += 1;
          return {
            status: 200,
            body: {
              TranscriptionJob:
                polls < 2
                  ? { TranscriptionJobStatus: 'IN_PROGRESS' }
                  : {
                      TranscriptionJobStatus: 'COMPLETED',
                      Transcript: { TranscriptFileUri: `${fake.url}/output/job.json` },
                    },
            },
          };
        case 'Transcribe.DeleteTranscriptionJob':
          return { status: 200, body: {} };
        default:
          return { status: 400, body: { __type: 'UnknownOperationException' } };
      }
    });
  }

  it('stages the audio in S3, starts a diarised job, polls, reads the output, deletes job and audio', async () => {
    let started: Record<string, unknown> = {};
    script(fixture('aws-transcribe-diarization.json'), (body) => (started = body));
    const done = await service(aws()).transcribe(recording(1));

    const put = fake.calls.find((c) => c.method === 'PUT');
    expect(put?.path).toMatch(/^\/calls-media\/switchboard-transcribe\/switchboard-[0-9a-f-]+\.wav$/);
    expect(put?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=.*x-amz-content-sha256.*, Signature=[0-9a-f]{64}$/,
    );
    expect(started).toMatchObject({
      LanguageCode: 'en-US',
      MediaFormat: 'wav',
      Media: { MediaFileUri: `s3://calls-media${put?.path.replace('/calls-media', '')}` },
      Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
    });
    const start = fake.calls.find((c) => c.headers['x-amz-target'] === 'Transcribe.StartTranscriptionJob');
    expect(start?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(start?.headers.authorization).toMatch(/\/eu-west-1\/transcribe\/aws4_request/);
    expect(
      fake.calls.filter((c) => c.headers['x-amz-target'] === 'Transcribe.GetTranscriptionJob'),
    ).toHaveLength(2);
    expect(fake.calls.some((c) => c.headers['x-amz-target'] === 'Transcribe.DeleteTranscriptionJob')).toBe(
      true,
    );
    expect(fake.calls.some((c) => c.method === 'DELETE' && c.path === put?.path)).toBe(true);

    expect(done.transcript.provenance).toMatchObject({
      provider: 'aws-transcribe',
      format: 'aws-transcribe',
    });
    expect(done.transcript.speakers.map((s) => s.id)).toEqual(['spk_0', 'spk_1']);
    expect(done.provenance.providerJobIds[0]).toBe(String(started.TranscriptionJobName));
    expect(done.cost).toEqual({
      audioSeconds: 2,
      audioSecondsSource: 'audio',
      pricePerMinuteUsd: 0.024,
      amountUsd: 0.0008,
    });
  });

  it('stereo asks for channel identification', async () => {
    let started: Record<string, unknown> = {};
    script(fixture('aws-transcribe-channel-id.json'), (body) => (started = body));
    const done = await service(aws()).transcribe(recording(2));
    expect(started.Settings).toEqual({ ChannelIdentification: true });
    expect(done.transcript.speakers.map((s) => [s.id, s.channel])).toEqual([
      ['spk_0', 0],
      ['spk_1', 1],
    ]);
  });

  it('throttling (a 400 ThrottlingException) is retried; a failed job is rejected with its reason; the audio is deleted', async () => {
    let starts = 0;
    fake.on('PUT /calls-media/*', { status: 200 });
    fake.on('DELETE /calls-media/*', { status: 204 });
    fake.on('POST /', (call) => {
      if (target(call) === 'Transcribe.StartTranscriptionJob') {
        starts += 1;
        return starts === 1
          ? {
              status: 400,
              body: { __type: 'com.amazonaws.transcribe#ThrottlingException', message: 'Rate exceeded' },
            }
          : { status: 200, body: { TranscriptionJob: { TranscriptionJobStatus: 'QUEUED' } } };
      }
      if (target(call) === 'Transcribe.GetTranscriptionJob') {
        return {
          status: 200,
          body: {
            TranscriptionJob: { TranscriptionJobStatus: 'FAILED', FailureReason: 'Unsupported audio format' },
          },
        };
      }
      return { status: 200, body: {} };
    });
    const error = await failure(service(aws()).transcribe(recording(1)));
    expect(starts).toBe(2);
    expect(error.attempts[0]).toMatchObject({
      reason: 'rejected',
      message: expect.stringContaining('Unsupported audio format') as unknown,
    });
    expect(fake.calls.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('an unrecognised key is bad_credentials', async () => {
    fake.on('PUT /calls-media/*', { status: 200 });
    fake.on('DELETE /calls-media/*', { status: 204 });
    fake.on('POST /', {
      status: 400,
      body: {
        __type: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      },
    });
    const error = await failure(service(aws()).transcribe(recording(1)));
    expect(error.attempts[0]).toMatchObject({
      reason: 'bad_credentials',
      message: expect.stringContaining('security token') as unknown,
    });
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});

describe('AssemblyAI (fake)', () => {
  const assembly = () => ({
    provider: 'assemblyai',
    baseUrl: fake.url,
    apiKeySecret: 'stt.assemblyai',
    pollIntervalMs: 5,
    pricePerMinuteUsd: 0.0025,
  });

  it('uploads, creates a transcript with speaker labels, polls until completed, deletes it', async () => {
    const output = fixture('assemblyai-transcript-speaker-labels.json');
    const id = (JSON.parse(output) as { id: string }).id;
    fake.on('POST /v2/upload', {
      status: 200,
      body: { upload_url: 'https://cdn.assemblyai.example/upload/abc' },
    });
    fake.on('POST /v2/transcript', { status: 200, body: { id, status: 'queued' } });
    fake.on(
      `GET /v2/transcript/${id}`,
      { status: 200, body: { id, status: 'processing' } },
      { status: 200, body: output },
    );
    fake.on(`DELETE /v2/transcript/${id}`, { status: 200, body: { id } });
    const done = await service(assembly()).transcribe(recording(1));

    expect(fake.calls[0]?.headers.authorization).toBe('aai-test');
    expect(fake.calls[0]?.headers['content-type']).toBe('application/octet-stream');
    const created = JSON.parse(fake.callsTo('POST /v2/transcript')[0]!.body.toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({
      audio_url: 'https://cdn.assemblyai.example/upload/abc',
      speaker_labels: true,
      language_code: 'en_us',
      speech_models: ['universal-3-pro', 'universal-2'],
    });
    expect(fake.callsTo(`GET /v2/transcript/${id}`)).toHaveLength(2);
    expect(fake.callsTo(`DELETE /v2/transcript/${id}`)).toHaveLength(1);
    expect(done.provenance.providerJobIds).toEqual([id]);
    expect(done.transcript.provenance.providerJobId).toBe(id);
    expect(done.cost.audioSecondsSource).toBe('provider');
    expect(done.cost.audioSeconds).toBe((JSON.parse(output) as { audio_duration: number }).audio_duration);
  });

  it('a transcript in status error is rejected with its error text', async () => {
    fake.on('POST /v2/upload', { status: 200, body: { upload_url: 'https://cdn.example/u' } });
    fake.on('POST /v2/transcript', { status: 200, body: { id: 't1', status: 'queued' } });
    fake.on('GET /v2/transcript/t1', {
      status: 200,
      body: { id: 't1', status: 'error', error: 'Audio duration is too short.' },
    });
    const error = await failure(service(assembly()).transcribe(recording(1)));
    expect(error.attempts[0]).toMatchObject({
      reason: 'rejected',
      message: expect.stringContaining('too short') as unknown,
    });
  });

  it('a job that does not finish within jobTimeoutMs is a timeout', async () => {
    fake.on('POST /v2/upload', { status: 200, body: { upload_url: 'https://cdn.example/u' } });
    fake.on('POST /v2/transcript', { status: 200, body: { id: 't2', status: 'queued' } });
    fake.on('GET /v2/transcript/t2', { status: 200, body: { id: 't2', status: 'processing' } });
    const error = await failure(service({ ...assembly(), jobTimeoutMs: 30 }).transcribe(recording(1)));
    expect(error.attempts[0]).toMatchObject({ reason: 'timeout' });
  });
});

describe('the registry: fallback order', () => {
  it('skips an absent local engine and a provider with a bad key, and says so', async () => {
    fake.on('POST /v1/audio/transcriptions', { status: 401, body: { error: { message: 'bad key' } } });
    fake.on('POST /v1/listen', {
      status: 200,
      body: fixture('deepgram-prerecorded-diarize-utterances.json'),
    });
    const transcriber = createTranscriber(
      {
        providers: [
          { provider: 'local', binary: '/nonexistent/pocketsphinx' },
          { provider: 'openai', baseUrl: `${fake.url}/v1`, apiKeySecret: 'stt.openai', ...fast },
          { provider: 'deepgram', baseUrl: fake.url, apiKeySecret: 'stt.deepgram', ...fast },
        ],
      },
      lookup,
    );
    const done = await transcriber.transcribe(recording(1));
    expect(done.provenance.provider).toBe('deepgram');
    expect(done.fallbacks.map((f) => [f.provider, f.reason])).toEqual([
      ['local', 'no_local_engine'],
      ['openai', 'bad_credentials'],
    ]);
    expect(done.fallbacks[0]?.message).toContain('apt-get install pocketsphinx pocketsphinx-en-us');

    const status = await transcriber.status();
    expect(status.map((s) => [s.provider, s.available, s.code])).toEqual([
      ['local', false, 'CONVERSATIONS_TRANSCRIPTION_NO_LOCAL_ENGINE'],
      ['openai', true, null],
      ['deepgram', true, null],
    ]);
  });

  it('all failing is all_failed listing every attempt; transient when one failure was', async () => {
    fake.on('POST /v1/listen', { status: 503, body: {} });
    const error = await failure(
      createTranscriber(
        {
          providers: [
            { provider: 'assemblyai', apiKeySecret: 'stt.none' },
            {
              provider: 'deepgram',
              baseUrl: fake.url,
              apiKeySecret: 'stt.deepgram',
              ...fast,
              maxAttempts: 2,
            },
          ],
        },
        lookup,
      ).transcribe(recording(1)),
    );
    expect(error.code).toBe('CONVERSATIONS_TRANSCRIPTION_ALL_FAILED');
    expect(error.attempts.map((a) => a.reason)).toEqual(['not_configured', 'unavailable']);
    expect(error.transient).toBe(true);
  });

  it('settings that do not validate are not_configured, naming the field', () => {
    expect(() =>
      createTranscriber({ providers: [{ provider: 'deepgram', apiKeySecret: 'UPPER CASE' }] }, lookup),
    ).toThrow(/transcription\.providers\.0\.apiKeySecret/);
    expect(() => createTranscriber({ providers: [] }, lookup)).toThrow(TranscriptionError);
  });
});
