import type { AssemblyAiProviderConfig } from './transcription.config.js';
import { TranscriptionErrors } from './transcription.errors.js';
import { billedCost, keyedProvider } from './keyed-upload.js';
import { parseProviderOutput, primaryLanguage, result } from './run-support.js';
import type { SecretLookup, Transcriber, TranscriptionInput } from './transcription.types.js';

const PROVIDER = 'assemblyai';
/** AssemblyAI's codes for English variants; other languages by their primary subtag. */
const ENGLISH: Record<string, string> = { 'en-us': 'en_us', 'en-gb': 'en_uk', 'en-au': 'en_au' };

/**
 * AssemblyAI: `POST /v2/upload` (the audio), `POST /v2/transcript` (speaker_labels for mono,
 * multichannel for stereo), `GET /v2/transcript/{id}` until `completed` or `error`, then
 * `DELETE /v2/transcript/{id}` (`deleteAfter`) so the provider keeps no copy.
 */
export function assemblyAiTranscriber(
  config: AssemblyAiProviderConfig,
  secrets: SecretLookup,
  defaults: { language: string },
): Transcriber {
  const keyed = keyedProvider(PROVIDER, config, secrets);
  const base = config.baseUrl.replace(/\/+$/, '');
  return {
    provider: PROVIDER,
    unavailable: keyed.unavailable,
    async transcribe(input: TranscriptionInput) {
      const { startedAt, key, http, channels, bytes } = await keyed.open(input);
      const auth = { authorization: key };

      const upload = await http.json({
        method: 'POST',
        url: `${base}/v2/upload`,
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: () => bytes,
        what: 'upload the audio',
      });
      const uploadUrl = field(upload.value, 'upload_url');
      if (uploadUrl === null)
        throw TranscriptionErrors.malformed(PROVIDER, 'the upload answer has no upload_url');

      const tag = (input.language ?? defaults.language).toLowerCase();
      const created = await http.json({
        method: 'POST',
        url: `${base}/v2/transcript`,
        headers: { ...auth, 'content-type': 'application/json' },
        body: () =>
          JSON.stringify({
            audio_url: uploadUrl,
            speech_models: config.speechModels,
            language_code: ENGLISH[tag] ?? primaryLanguage(tag),
            punctuate: true,
            format_text: true,
            ...(channels > 1 ? { multichannel: true } : { speaker_labels: true }),
          }),
        what: 'create the transcript',
      });
      const id = field(created.value, 'id');
      if (id === null) throw TranscriptionErrors.malformed(PROVIDER, 'the created transcript has no id');

      const deadline = Date.now() + config.jobTimeoutMs;
      let done: { value: unknown; text: string } | null = null;
      try {
        for (;;) {
          const polled = await http.json({
            method: 'GET',
            url: `${base}/v2/transcript/${encodeURIComponent(id)}`,
            headers: auth,
            what: 'read the transcript',
          });
          const status = field(polled.value, 'status');
          if (status === 'completed') {
            done = polled;
            break;
          }
          if (status === 'error') {
            throw TranscriptionErrors.rejected(
              PROVIDER,
              null,
              `transcript ${id} failed: ${field(polled.value, 'error') ?? 'no reason given'}`,
            );
          }
          if (status !== 'queued' && status !== 'processing') {
            throw TranscriptionErrors.malformed(
              PROVIDER,
              `transcript ${id} has the status ${JSON.stringify(status)}`,
            );
          }
          if (Date.now() + config.pollIntervalMs > deadline) {
            throw TranscriptionErrors.timeout(PROVIDER, `finish transcript ${id}`, config.jobTimeoutMs);
          }
          await http.pause(config.pollIntervalMs);
        }
      } finally {
        if (config.deleteAfter && done !== null) {
          // Best effort: the transcript is ours now; a failed delete is left to the provider's retention.
          await http
            .send({
              method: 'DELETE',
              url: `${base}/v2/transcript/${encodeURIComponent(id)}`,
              headers: auth,
              what: 'delete the transcript',
            })
            .catch(() => undefined);
        }
      }
      const words = (done.value as { words?: unknown }).words;
      const utterances = (done.value as { utterances?: unknown }).utterances;
      if (
        Array.isArray(words) &&
        words.length === 0 &&
        (!Array.isArray(utterances) || utterances.length === 0)
      ) {
        throw TranscriptionErrors.noSpeech(PROVIDER);
      }
      const transcript = parseProviderOutput(PROVIDER, done.text, 'assemblyai', input.speakerHint);
      const providerSeconds = (done.value as { audio_duration?: unknown }).audio_duration;
      return result({
        transcript,
        provider: PROVIDER,
        config,
        providerJobIds: [id],
        requests: http.requests,
        startedAt,
        cost: billedCost(providerSeconds, input, transcript, config.pricePerMinuteUsd),
        raw: [{ channel: null, contentType: 'application/json', body: done.text }],
      });
    },
  };
}

function field(value: unknown, name: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const found = (value as Record<string, unknown>)[name];
  return typeof found === 'string' ? found : null;
}
