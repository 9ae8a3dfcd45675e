import type { DeepgramProviderConfig } from './transcription.config.js';
import { TranscriptionErrors } from './transcription.errors.js';
import { ProviderHttp } from './provider-http.js';
import { channelCount, costOf, parseProviderOutput, readRecording, result } from './run-support.js';
import type { SecretLookup, Transcriber, TranscriptionInput } from './transcription.types.js';

const PROVIDER = 'deepgram';
/** Uploads are held in memory once; Deepgram takes up to 2 GB, we send at most this. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/**
 * Deepgram pre-recorded `POST /v1/listen` with the audio as the body: `multichannel` for stereo
 * (one speaker per channel), `diarize` for mono, `utterances` for speaker turns.
 */
export function deepgramTranscriber(
  config: DeepgramProviderConfig,
  secrets: SecretLookup,
  defaults: { language: string },
): Transcriber {
  const apiKey = async (): Promise<string> => {
    const value = await secrets(config.apiKeySecret);
    if (value === undefined || value === '') {
      throw TranscriptionErrors.notConfigured(
        PROVIDER,
        `the secret "${config.apiKeySecret}" holding the API key is not set`,
      );
    }
    return value;
  };
  return {
    provider: PROVIDER,
    async unavailable() {
      return apiKey().then(
        () => null,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
    },
    async transcribe(input: TranscriptionInput) {
      const startedAt = new Date();
      const key = await apiKey();
      const http = new ProviderHttp(PROVIDER, config, input.signal);
      const channels = await channelCount(input);
      const bytes = await readRecording(input, PROVIDER, MAX_UPLOAD_BYTES);
      const url = new URL(`${config.baseUrl.replace(/\/+$/, '')}/v1/listen`);
      const query: Record<string, string> = {
        model: config.model,
        language: input.language ?? defaults.language,
        punctuate: 'true',
        smart_format: 'true',
        utterances: 'true',
        ...(channels > 1 ? { multichannel: 'true' } : { diarize: 'true' }),
        ...config.query,
      };
      for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
      const answer = await http.json({
        method: 'POST',
        url: url.toString(),
        headers: { authorization: `Token ${key}`, 'content-type': input.contentType },
        body: () => bytes,
        what: 'transcribe the audio',
      });
      const metadata = (answer.value as { metadata?: { duration?: unknown; request_id?: unknown } } | null)
        ?.metadata;
      const providerSeconds = typeof metadata?.duration === 'number' ? metadata.duration : null;
      const requestId =
        typeof metadata?.request_id === 'string' ? metadata.request_id : answer.headers.get('dg-request-id');
      const words = /"words"\s*:\s*\[\s*\{/.test(answer.text);
      if (!words && /"results"/.test(answer.text)) throw TranscriptionErrors.noSpeech(PROVIDER);
      const transcript = parseProviderOutput(PROVIDER, answer.text, 'deepgram', input.speakerHint);
      const seconds = providerSeconds ?? (input.durationMs ?? transcript.durationMs ?? 0) / 1000;
      return result({
        transcript,
        provider: PROVIDER,
        config,
        providerJobIds: requestId === null ? [] : [requestId],
        requests: http.requests,
        startedAt,
        cost: costOf(seconds, providerSeconds === null ? 'audio' : 'provider', config.pricePerMinuteUsd),
        raw: [{ channel: null, contentType: 'application/json', body: answer.text }],
      });
    },
  };
}
