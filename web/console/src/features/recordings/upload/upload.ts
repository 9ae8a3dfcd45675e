import { session } from '@/api/client';
import { ApiError } from '@/api/problem';
import { recordingsApi, type RecordingMetadata, type RecordingSummary } from '@/api/recordings';

export interface Progress {
  readonly loaded: number;
  readonly total: number;
}

interface Sent {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/**
 * One request with upload progress: XMLHttpRequest, because fetch reports no progress of a body
 * it sends (a streamed request body needs HTTP/2 and half-duplex, which few servers offer).
 */
export function sendWithProgress(request: {
  readonly method: string;
  readonly url: string;
  readonly body: XMLHttpRequestBodyInit;
  readonly headers?: Readonly<Record<string, string>>;
  readonly onProgress: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const xhr = new globalThis.XMLHttpRequest();
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) request.onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader('retry-after');
      if (retryAfter) headers.set('retry-after', retryAfter);
      resolve({ status: xhr.status, body, headers });
    });
    xhr.addEventListener('error', () => reject(ApiError.network(new Error('upload failed'))));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    request.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(request.body);
  });
}

function refusal(sent: Sent): ApiError {
  return ApiError.fromResponse(new Response(null, { status: sent.status, headers: sent.headers }), sent.body);
}

export interface UploadInput {
  readonly metadata: RecordingMetadata;
  readonly audio?: File | undefined;
  readonly transcript?: File | undefined;
  readonly onProgress: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}

export interface Uploaded {
  readonly recording: RecordingSummary;
  /** The same recording (source, source recording id) had been received before: nothing changed. */
  readonly existing: boolean;
}

/**
 * Audio alone goes in two steps (the metadata is checked before a byte of audio travels; then a
 * signed PUT with progress; then complete). With a transcript, one multipart request carries it all.
 */
export async function uploadRecording(input: UploadInput): Promise<Uploaded> {
  const { metadata, audio, transcript, onProgress, signal } = input;
  if (audio && !transcript) {
    const ticket = await recordingsApi.createUpload({ metadata, bytes: audio.size });
    if (!ticket.uploadUrl) return { recording: ticket.recording, existing: true };
    const put = await sendWithProgress({
      method: 'PUT',
      url: ticket.uploadUrl,
      body: audio,
      headers: { 'content-type': audio.type || 'application/octet-stream' },
      onProgress,
      ...(signal ? { signal } : {}),
    });
    if (put.status >= 400) throw refusal(put);
    const recording = await recordingsApi.completeUpload(ticket.recordingId, { bytes: audio.size });
    return { recording, existing: false };
  }
  const form = new FormData();
  form.append(
    'metadata',
    new Blob([JSON.stringify(metadata)], { type: 'application/json' }),
    'metadata.json',
  );
  if (audio) form.append('audio', audio, audio.name);
  if (transcript) form.append('transcript', transcript, transcript.name);
  const token = await session.accessToken();
  const sent = await sendWithProgress({
    method: 'POST',
    url: '/api/v1/recordings',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    onProgress,
    ...(signal ? { signal } : {}),
  });
  if (sent.status >= 400) throw refusal(sent);
  return { recording: sent.body as RecordingSummary, existing: sent.status === 200 };
}
