import type { Transcript } from '../transcripts/transcript.schema.js';
import type { OpenAiProviderConfig } from './transcription.config.js';
import { TranscriptionErrors } from './transcription.errors.js';
import { unavailableUnless } from '../providers/provider-credentials.js';
import { apiKeyFromSecret } from './keyed-upload.js';
import { ProviderHttp } from './transcription-http.js';
import {
  channelCount,
  channelWav,
  costOf,
  joinChannels,
  parseProviderOutput,
  primaryLanguage,
  readRecording,
  result,
} from './run-support.js';
import type {
  RawTranscriptOutput,
  SecretLookup,
  Transcriber,
  TranscriptionInput,
} from './transcription.types.js';

const PROVIDER = 'openai';

/**
 * OpenAI-compatible `POST /audio/transcriptions` (multipart): OpenAI itself, Azure OpenAI
 * (`auth: api-key`, `query: { api-version }`), and self-hosted Whisper servers (faster-whisper,
 * whisper.cpp server, speaches) that answer `verbose_json`. `diarized_json` (gpt-4o-transcribe-diarize)
 * separates speakers itself; `verbose_json` does not, so stereo is sent one channel at a time
 * (one speaker per channel) unless `splitChannels` is off.
 */
export function openAiTranscriber(
  config: OpenAiProviderConfig,
  secrets: SecretLookup,
  defaults: { language: string },
): Transcriber {
  const format =
    config.responseFormat ?? (/diari[sz]e/i.test(config.model) ? 'diarized_json' : 'verbose_json');
  const apiKey = async (): Promise<string | null> =>
    config.apiKeySecret === null ? null : apiKeyFromSecret(secrets, PROVIDER, config.apiKeySecret);

  return {
    provider: PROVIDER,
    unavailable: unavailableUnless(apiKey),
    async transcribe(input: TranscriptionInput) {
      const startedAt = new Date();
      const key = await apiKey();
      const http = new ProviderHttp(PROVIDER, config, input.signal);
      const language = primaryLanguage(input.language ?? defaults.language);
      const channels = await channelCount(input);
      const split = channels > 1 && config.splitChannels && format === 'verbose_json';

      const raw: RawTranscriptOutput[] = [];
      const requestIds: string[] = [];
      const billed = { seconds: 0, byProvider: true };
      const send = async (
        file: Uint8Array,
        contentType: string,
        fileName: string,
        channel: number | null,
        audioMs: number | null,
      ) => {
        if (file.byteLength > config.maxUploadBytes) {
          throw TranscriptionErrors.rejected(
            PROVIDER,
            null,
            `the audio has ${file.byteLength} bytes, more than maxUploadBytes (${config.maxUploadBytes})`,
          );
        }
        const url = new URL(`${config.baseUrl.replace(/\/+$/, '')}/audio/transcriptions`);
        for (const [name, value] of Object.entries(config.query)) url.searchParams.set(name, value);
        const headers: Record<string, string> = {};
        if (key !== null) {
          if (config.auth === 'api-key') headers['api-key'] = key;
          else headers.authorization = `Bearer ${key}`;
        }
        const answer = await http.json({
          method: 'POST',
          url: url.toString(),
          headers,
          what: 'transcribe the audio',
          body: () => {
            const form = new FormData();
            form.set('file', new Blob([file], { type: contentType }), fileName);
            form.set('model', config.model);
            form.set('response_format', format);
            form.set('language', language);
            if (format === 'verbose_json') {
              form.append('timestamp_granularities[]', 'segment');
              form.append('timestamp_granularities[]', 'word');
            } else {
              form.set('chunking_strategy', 'auto');
            }
            return form;
          },
        });
        const id = answer.headers.get('x-request-id');
        if (id !== null) requestIds.push(id);
        raw.push({ channel, contentType: 'application/json', body: answer.text });
        const body = answer.value;
        if (
          typeof body !== 'object' ||
          body === null ||
          !Array.isArray((body as { segments?: unknown }).segments)
        ) {
          throw TranscriptionErrors.malformed(PROVIDER, `the ${format} answer has no segments array`);
        }
        const document = body as {
          segments: unknown[];
          duration?: unknown;
          usage?: { type?: unknown; seconds?: unknown };
        };
        const seconds =
          document.usage?.type === 'duration' && typeof document.usage.seconds === 'number'
            ? document.usage.seconds
            : typeof document.duration === 'number'
              ? document.duration
              : null;
        if (seconds === null) billed.byProvider = false;
        billed.seconds += seconds ?? (audioMs ?? 0) / 1000;
        if (document.segments.length === 0) return null;
        return parseProviderOutput(
          PROVIDER,
          answer.text,
          format === 'verbose_json' ? 'openai-verbose-json' : 'openai-diarized-json',
          channel === null ? input.speakerHint : undefined,
        );
      };

      let transcript: Transcript;
      if (split) {
        const parts: { channel: number; transcript: Transcript | null }[] = [];
        let durationMs = 0;
        for (let channel = 0; channel < channels; channel++) {
          const { wav, durationMs: channelMs } = await channelWav(input, channel);
          durationMs = Math.max(durationMs, channelMs);
          parts.push({
            channel,
            transcript: await send(wav, 'audio/wav', `channel-${channel}.wav`, channel, channelMs),
          });
        }
        transcript = joinChannels(PROVIDER, parts, input.durationMs ?? durationMs, input.speakerHint);
      } else {
        const bytes = await readRecording(input, PROVIDER, config.maxUploadBytes);
        const heard = await send(bytes, input.contentType, input.fileName, null, input.durationMs ?? null);
        if (heard === null) throw TranscriptionErrors.noSpeech(PROVIDER);
        transcript = heard;
      }
      transcript = {
        ...transcript,
        provenance: { ...transcript.provenance, model: config.model, providerJobId: requestIds[0] ?? null },
      };
      if (!billed.byProvider && input.durationMs === undefined && transcript.durationMs !== null) {
        billed.seconds = Math.max(billed.seconds, transcript.durationMs / 1000);
      }
      return result({
        transcript,
        provider: PROVIDER,
        config,
        providerJobIds: requestIds,
        requests: http.requests,
        startedAt,
        cost: costOf(billed.seconds, billed.byProvider ? 'provider' : 'audio', config.pricePerMinuteUsd),
        raw,
      });
    },
  };
}
