import type { DeepgramProviderConfig } from './transcription.config.js';
import { TranscriptionErrors } from './transcription.errors.js';
import { billedCost, keyedProvider } from './keyed-upload.js';
import { parseProviderOutput, result } from './run-support.js';
import type { SecretLookup, Transcriber, TranscriptionInput } from './transcription.types.js';

const PROVIDER = 'deepgram';

/**
 * Deepgram pre-recorded `POST /v1/listen` with the audio as the body: `multichannel` for stereo
 * (one speaker per channel), `diarize` for mono, `utterances` for speaker turns.
 */
export function deepgramTranscriber(
  config: DeepgramProviderConfig,
  secrets: SecretLookup,
  defaults: { language: string },
): Transcriber {
  const keyed = keyedProvider(PROVIDER, config, secrets);
  return {
    provider: PROVIDER,
    unavailable: keyed.unavailable,
    async transcribe(input: TranscriptionInput) {
      const { startedAt, key, http, channels, bytes } = await keyed.open(input);
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
      const requestId =
        typeof metadata?.request_id === 'string' ? metadata.request_id : answer.headers.get('dg-request-id');
      const words = /"words"\s*:\s*\[\s*\{/.test(answer.text);
      if (!words && /"results"/.test(answer.text)) throw TranscriptionErrors.noSpeech(PROVIDER);
      const transcript = parseProviderOutput(PROVIDER, answer.text, 'deepgram', input.speakerHint);
      return result({
        transcript,
        provider: PROVIDER,
        config,
        providerJobIds: requestId === null ? [] : [requestId],
        requests: http.requests,
        startedAt,
        cost: billedCost(metadata?.duration, input, transcript, config.pricePerMinuteUsd),
        raw: [{ channel: null, contentType: 'application/json', body: answer.text }],
      });
    },
  };
}
