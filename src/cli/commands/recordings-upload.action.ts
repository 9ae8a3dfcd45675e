import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';
import { AppError, type FieldProblem } from '../../platform/errors.js';

/** The options of `switchboard recordings upload`, as commander parsed them. */
export interface UploadOptions {
  meta: string;
  transcript?: string;
  url?: string;
  apiKey?: string;
  twoStepAbove: string;
  quiet?: boolean;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

interface RecordingAnswer {
  readonly id: string;
  readonly state: string;
  readonly callId: string | null;
}

/** One HTTP request whose body is streamed; answers the status and the body as text. */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Readable | Buffer | undefined,
): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A server that refuses early (bad metadata) answers and closes while the audio is still
      // being sent: the write fails (EPIPE, ECONNRESET) but its answer is on the way and is what
      // the user must see, so it gets a moment to arrive before the write error counts.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') setTimeout(() => reject(error), 2_000);
      else reject(error);
    });
    if (body === undefined) request.end();
    else if (Buffer.isBuffer(body)) request.end(body);
    else body.on('error', (error) => request.destroy(error)).pipe(request);
  });
}

/** A problem+json answer as the CLI's error (main.ts prints its message and fields). */
function refusal(answer: Answer, what: string): AppError {
  try {
    const problem = JSON.parse(answer.body) as {
      code?: string;
      title?: string;
      detail?: string;
      errors?: FieldProblem[];
    };
    return new AppError(
      problem.code ?? 'CLI_UPLOAD_REFUSED',
      'invalid_input',
      `${what} was refused (${answer.status}): ${problem.detail ?? problem.title ?? answer.body.slice(0, 200)}`,
      { fields: problem.errors ?? [] },
    );
  } catch {
    return new AppError(
      'CLI_UPLOAD_REFUSED',
      'invalid_input',
      `${what} was refused (${answer.status}): ${answer.body.slice(0, 200)}`,
    );
  }
}

function settingsOf(options: UploadOptions): { base: URL; apiKey: string } {
  const apiKey = options.apiKey ?? process.env.SWITCHBOARD_API_KEY;
  if (!apiKey)
    throw new AppError(
      'CLI_NO_API_KEY',
      'invalid_input',
      'No API key: pass --api-key or set SWITCHBOARD_API_KEY (create one with: switchboard api-keys create --scope recordings:ingest ...)',
    );
  const raw =
    options.url ??
    process.env.SWITCHBOARD_URL ??
    process.env.SWITCHBOARD_PUBLIC_URL ??
    'http://localhost:3000';
  try {
    return { base: new URL(raw.endsWith('/') ? raw : `${raw}/`), apiKey };
  } catch {
    throw new AppError('CLI_INVALID_OPTION', 'invalid_input', `--url ${raw} is not a URL`);
  }
}

/**
 * `switchboard recordings upload <file> --meta meta.json [--transcript file.vtt]`: streams the file
 * to the API with a progress bar over the bytes sent. Small files (and any with a transcript) go in
 * one multipart request; larger ones in two steps (metadata, a PUT to the signed URL, complete with
 * the SHA-256 computed while sending).
 */
export async function uploadRecording(file: string, options: UploadOptions): Promise<void> {
  const { base, apiKey } = settingsOf(options);
  const metadataText = await readFile(options.meta, 'utf8');
  let metadata: unknown;
  try {
    metadata = JSON.parse(metadataText);
  } catch {
    throw new AppError('CLI_INVALID_OPTION', 'invalid_input', `--meta ${options.meta} is not JSON`);
  }
  const size = (await stat(file)).size;
  const threshold = Number(options.twoStepAbove) * 1024 * 1024;
  if (!Number.isFinite(threshold) || threshold < 0)
    throw new AppError('CLI_INVALID_OPTION', 'invalid_input', '--two-step-above must be a number of MiB');
  const transcript = options.transcript === undefined ? undefined : await readFile(options.transcript);

  const bar =
    options.quiet || !process.stderr.isTTY
      ? undefined
      : new SingleBar(
          { format: ' {bar} {percentage}% | {value}/{total} bytes | ETA {eta}s', stream: process.stderr },
          Presets.shades_classic,
        );
  const hash = createHash('sha256');
  let sent = 0;
  async function* audio(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(file)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      sent += bytes.length;
      bar?.update(sent);
      yield bytes;
    }
  }
  const auth = { 'x-api-key': apiKey };
  bar?.start(size, 0);
  let answer: Answer;
  let recording: RecordingAnswer;
  try {
    if (size <= threshold || transcript !== undefined) {
      const boundary = `----switchboard-cli-${randomBytes(12).toString('hex')}`;
      const name = path.basename(file).replace(/["\r\n]/g, '_');
      async function* form(): AsyncGenerator<Buffer> {
        yield Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${metadataText}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        );
        yield* audio();
        if (transcript !== undefined) {
          const transcriptName = path.basename(options.transcript ?? 'transcript').replace(/["\r\n]/g, '_');
          yield Buffer.from(
            `\r\n--${boundary}\r\nContent-Disposition: form-data; name="transcript"; filename="${transcriptName}"\r\n\r\n`,
          );
          yield transcript;
        }
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      }
      answer = await send(
        new URL('api/v1/recordings', base),
        'POST',
        { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
        Readable.from(form()),
      );
      if (answer.status !== 200 && answer.status !== 201) throw refusal(answer, 'The upload');
      recording = JSON.parse(answer.body) as RecordingAnswer;
    } else {
      const ticketAnswer = await send(
        new URL('api/v1/recordings/uploads', base),
        'POST',
        { ...auth, 'content-type': 'application/json' },
        Buffer.from(JSON.stringify({ metadata, bytes: size })),
      );
      if (ticketAnswer.status !== 200 && ticketAnswer.status !== 201)
        throw refusal(ticketAnswer, 'The upload');
      const ticket = JSON.parse(ticketAnswer.body) as {
        recordingId: string;
        uploadUrl: string | null;
        recording: RecordingAnswer;
      };
      answer = ticketAnswer;
      recording = ticket.recording;
      if (ticket.uploadUrl !== null) {
        const put = await send(
          new URL(ticket.uploadUrl),
          'PUT',
          { 'content-type': 'application/octet-stream', 'content-length': String(size) },
          Readable.from(audio()),
        );
        if (put.status !== 200) throw refusal(put, 'The audio');
        answer = await send(
          new URL(`api/v1/recordings/${ticket.recordingId}/complete`, base),
          'POST',
          { ...auth, 'content-type': 'application/json' },
          Buffer.from(JSON.stringify({ bytes: size, sha256: hash.digest('hex') })),
        );
        if (answer.status !== 200 && answer.status !== 201) throw refusal(answer, 'Completing the upload');
        recording = JSON.parse(answer.body) as RecordingAnswer;
      }
    }
  } finally {
    bar?.stop();
  }
  const link = recording.callId === null ? 'not linked to a call yet' : `linked to ${recording.callId}`;
  console.log(
    answer.status === 200
      ? `Already received: ${recording.id} (${recording.state}, ${link}); nothing changed.`
      : `Uploaded ${recording.id} (${recording.state}, ${link}).`,
  );
}
