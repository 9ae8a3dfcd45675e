import { randomUUID } from 'node:crypto';
import type { AwsTranscribeProviderConfig } from './transcription.config.js';
import { TranscriptionErrors } from './transcription.errors.js';
import { ProviderHttp, type ProviderRequest } from './transcription-http.js';
import { channelCount, costOf, parseProviderOutput, readRecording, result } from './run-support.js';
import { sha256Hex, signAwsRequest, type AwsCredentials } from '../providers/sigv4.js';
import type { SecretLookup, Transcriber, TranscriptionInput } from './transcription.types.js';

const PROVIDER = 'aws-transcribe';
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const THROTTLED = /ThrottlingException|LimitExceededException|TooManyRequestsException/;
const CREDENTIALS =
  /UnrecognizedClientException|InvalidSignatureException|AccessDeniedException|ExpiredToken|IncompleteSignature|MissingAuthenticationToken|InvalidClientTokenId|SignatureDoesNotMatch|InvalidAccessKeyId/;

const FORMATS: Record<string, string> = {
  wav: 'wav',
  'x-wav': 'wav',
  wave: 'wav',
  vnd: 'wav',
  mpeg: 'mp3',
  mp3: 'mp3',
  mp4: 'mp4',
  m4a: 'm4a',
  'x-m4a': 'm4a',
  flac: 'flac',
  'x-flac': 'flac',
  ogg: 'ogg',
  webm: 'webm',
  amr: 'amr',
};

/**
 * Amazon Transcribe batch: the audio is staged in S3 (`mediaBucket`, PUT signed with SigV4), a job
 * is started (`StartTranscriptionJob`, JSON 1.1 protocol), polled (`GetTranscriptionJob`) and its
 * output read from the presigned `TranscriptFileUri`; then job and staged audio are deleted
 * (`deleteAfter`). Stereo uses channel identification; mono speaker diarisation.
 */
export function awsTranscribeTranscriber(
  config: AwsTranscribeProviderConfig,
  secrets: SecretLookup,
  defaults: { language: string },
): Transcriber {
  const credentials = async (): Promise<AwsCredentials> => {
    const read = async (name: string | null, what: string): Promise<string | undefined> => {
      if (name === null) return undefined;
      const value = await secrets(name);
      if (value === undefined || value === '') {
        throw TranscriptionErrors.notConfigured(
          PROVIDER,
          `the secret "${name}" holding the ${what} is not set`,
        );
      }
      return value;
    };
    const accessKeyId = (await read(config.accessKeyIdSecret, 'access key id')) ?? '';
    const secretAccessKey = (await read(config.secretAccessKeySecret, 'secret access key')) ?? '';
    const sessionToken = await read(config.sessionTokenSecret, 'session token');
    return { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) };
  };
  const endpoint = (config.endpoint ?? `https://transcribe.${config.region}.amazonaws.com`).replace(
    /\/+$/,
    '',
  );
  const objectUrl = (key: string) =>
    config.s3Endpoint === null
      ? `https://${config.mediaBucket}.s3.${config.region}.amazonaws.com/${key}`
      : `${config.s3Endpoint.replace(/\/+$/, '')}/${config.mediaBucket}/${key}`;

  return {
    provider: PROVIDER,
    async unavailable() {
      return credentials().then(
        () => null,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
    },
    async transcribe(input: TranscriptionInput) {
      const startedAt = new Date();
      const creds = await credentials();
      const http = new ProviderHttp(PROVIDER, config, input.signal);
      const mediaFormat = mediaFormatOf(input.contentType, input.fileName);
      const channels = await channelCount(input);
      const bytes = await readRecording(input, PROVIDER, MAX_UPLOAD_BYTES);
      const jobName = `switchboard-${randomUUID()}`;
      const key = `${config.mediaKeyPrefix}${jobName}.${mediaFormat}`;

      const s3 = (method: 'PUT' | 'DELETE', body: Uint8Array | string): ProviderRequest => {
        const url = objectUrl(key);
        const headers = {
          ...(method === 'PUT' ? { 'content-type': input.contentType } : {}),
          'x-amz-content-sha256': sha256Hex(body),
        };
        return {
          method,
          url,
          headers,
          body: method === 'PUT' ? () => body : undefined,
          sign: () =>
            signAwsRequest({
              method,
              url,
              region: config.region,
              service: 's3',
              headers,
              body,
              credentials: creds,
              doubleEncodePath: false,
            }),
          what:
            method === 'PUT' ? `stage the audio in s3://${config.mediaBucket}` : 'delete the staged audio',
          classify: (status, text) =>
            status === 403 || CREDENTIALS.test(text)
              ? TranscriptionErrors.badCredentials(
                  PROVIDER,
                  status,
                  /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? 'S3 refused the request',
                )
              : status === 503 && /SlowDown/.test(text)
                ? 'throttled'
                : null,
        };
      };
      const call = (target: string, payload: object): ProviderRequest => {
        const body = JSON.stringify(payload);
        const url = `${endpoint}/`;
        const headers = {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `Transcribe.${target}`,
        };
        return {
          method: 'POST',
          url,
          headers,
          body: () => body,
          sign: () =>
            signAwsRequest({
              method: 'POST',
              url,
              region: config.region,
              service: 'transcribe',
              headers,
              body,
              credentials: creds,
            }),
          what: target,
          classify: (status, text) => {
            if (THROTTLED.test(text)) return 'throttled';
            if (CREDENTIALS.test(text))
              return TranscriptionErrors.badCredentials(PROVIDER, status, awsMessage(text));
            return null;
          },
        };
      };

      let staged = false;
      let started = false;
      try {
        await http.send(s3('PUT', bytes));
        staged = true;
        await http.json(
          call('StartTranscriptionJob', {
            TranscriptionJobName: jobName,
            LanguageCode: input.language ?? defaults.language,
            MediaFormat: mediaFormat,
            Media: { MediaFileUri: `s3://${config.mediaBucket}/${key}` },
            Settings:
              channels > 1
                ? { ChannelIdentification: true }
                : { ShowSpeakerLabels: true, MaxSpeakerLabels: config.maxSpeakers },
          }),
        );
        started = true;

        const deadline = Date.now() + config.jobTimeoutMs;
        let outputUri: string;
        for (;;) {
          const polled = await http.json(call('GetTranscriptionJob', { TranscriptionJobName: jobName }));
          const job = (polled.value as { TranscriptionJob?: Record<string, unknown> } | null)
            ?.TranscriptionJob;
          const status = job?.TranscriptionJobStatus;
          if (status === 'COMPLETED') {
            const uri = (job?.Transcript as { TranscriptFileUri?: unknown } | undefined)?.TranscriptFileUri;
            if (typeof uri !== 'string')
              throw TranscriptionErrors.malformed(
                PROVIDER,
                `job ${jobName} completed without a TranscriptFileUri`,
              );
            outputUri = uri;
            break;
          }
          if (status === 'FAILED') {
            const reason = typeof job?.FailureReason === 'string' ? job.FailureReason : 'no reason given';
            throw TranscriptionErrors.rejected(PROVIDER, null, `job ${jobName} failed: ${reason}`);
          }
          if (status !== 'QUEUED' && status !== 'IN_PROGRESS') {
            throw TranscriptionErrors.malformed(
              PROVIDER,
              `job ${jobName} has the status ${JSON.stringify(status)}`,
            );
          }
          if (Date.now() + config.pollIntervalMs > deadline) {
            throw TranscriptionErrors.timeout(PROVIDER, `finish job ${jobName}`, config.jobTimeoutMs);
          }
          await http.pause(config.pollIntervalMs);
        }
        // A presigned URL: no signature of ours.
        const output = await http.send({ method: 'GET', url: outputUri, what: 'read the transcript' });
        if (!/"items"\s*:\s*\[\s*\{/.test(output.text) && /"results"/.test(output.text)) {
          throw TranscriptionErrors.noSpeech(PROVIDER);
        }
        const transcript = parseProviderOutput(PROVIDER, output.text, 'aws-transcribe', input.speakerHint);
        const lastMs = transcript.segments.reduce((max, segment) => Math.max(max, segment.endMs), 0);
        return result({
          transcript,
          provider: PROVIDER,
          config,
          providerJobIds: [jobName],
          requests: http.requests,
          startedAt,
          // Transcribe's output does not state the billed length: the recording's, else the last word's end.
          cost: costOf(
            (input.durationMs ?? transcript.durationMs ?? lastMs) / 1000,
            'audio',
            config.pricePerMinuteUsd,
          ),
          raw: [{ channel: null, contentType: 'application/json', body: output.text }],
        });
      } finally {
        if (config.deleteAfter) {
          // Best effort, and never hiding the run's own outcome: the bucket's lifecycle rule is the backstop.
          if (started)
            await http
              .send(call('DeleteTranscriptionJob', { TranscriptionJobName: jobName }))
              .catch(() => undefined);
          if (staged) await http.send(s3('DELETE', '')).catch(() => undefined);
        }
      }
    },
  };
}

function mediaFormatOf(contentType: string, fileName: string): string {
  const subtype = /^audio\/([\w.+-]+)/i.exec(contentType.trim())?.[1]?.toLowerCase().split('.')[0];
  const fromType = subtype === undefined ? undefined : FORMATS[subtype];
  const extension = /\.(\w+)$/.exec(fileName)?.[1]?.toLowerCase();
  const format = fromType ?? (extension === undefined ? undefined : FORMATS[extension]);
  if (format === undefined) {
    throw TranscriptionErrors.rejected(
      PROVIDER,
      null,
      `Amazon Transcribe takes WAV, MP3, MP4/M4A, FLAC, Ogg, WebM and AMR; "${contentType}" (${fileName}) is none of them`,
    );
  }
  return format;
}

function awsMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { __type?: unknown; message?: unknown; Message?: unknown };
    const type = typeof body.__type === 'string' ? (body.__type.split('#').pop() ?? body.__type) : 'error';
    const message =
      typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : '';
    return `${type}${message === '' ? '' : `: ${message}`}`.slice(0, 300);
  } catch {
    return 'an unreadable error';
  }
}
