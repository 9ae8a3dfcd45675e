import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerBeforeBodyEnds,
  drain,
  isMultipartForm,
  MultipartError,
  problemSchema,
  readMultipartForm,
  toSort,
} from '../../../platform/http/index.js';
import { PlatformErrors, type FieldProblem } from '../../../platform/errors.js';
import type { RecordingIntake, RecordingsService } from '../contract.js';
import { ConversationsErrors } from '../errors.js';
import { DEFAULT_MAX_TRANSCRIPT_BYTES } from '../transcripts/index.js';
import {
  metadataLimits,
  recordingMetadataSchema,
  type RecordingMetadata,
} from './recording-metadata.schema.js';
import {
  audioLinkSchema,
  audioQuerySchema,
  completeUploadBodySchema,
  createUploadBodySchema,
  decodeCursor,
  encodeCursor,
  listQuerySchema,
  problems,
  recordingDetailSchema,
  recordingIdParams,
  recordingPageSchema,
  recordingSummarySchema,
  uploadedAudioSchema,
  uploadLinkQuerySchema,
  uploadTicketSchema,
} from './recordings.schemas.js';

const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });
const has = (request: FastifyRequest, permission: string) =>
  request.principal?.permissions.has(permission) ?? false;

/** A part read whole, refused past `limit` bytes (413 naming the part). */
async function readPart(body: AsyncIterable<Buffer>, limit: number, field: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > limit) throw ConversationsErrors.tooLarge(field, limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function zodProblems(error: z.ZodError, root: string): FieldProblem[] {
  return error.issues.slice(0, 20).map((issue) => ({
    field: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function parseMetadata(bytes: Buffer): RecordingMetadata {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw ConversationsErrors.invalidUpload([{ field: 'metadata', message: 'is not JSON' }]);
  }
  const parsed = recordingMetadataSchema.safeParse(json);
  if (!parsed.success) throw ConversationsErrors.invalidUpload(zodProblems(parsed.error, 'metadata'));
  return parsed.data;
}

/** A refused upload: the rest of the body is dropped after the answer (the client reads the answer, then stops sending). */
function closing(reply: FastifyReply, error: unknown): unknown {
  answerBeforeBodyEnds(reply);
  if (error instanceof MultipartError)
    return ConversationsErrors.invalidUpload([{ field: 'body', message: error.message }]);
  return error;
}

const multipartDescription = `multipart/form-data with these parts, metadata first:
- \`metadata\`: JSON (RecordingMetadata), at most ${metadataLimits.jsonBytes} bytes;
- \`audio\`: the recording (WAV, MP3, Ogg, FLAC, AMR, AU, AIFF, MP4/M4A, WebM, AAC, GSM), streamed to storage, at most 4 GiB; and/or
- \`transcript\`: a supplied transcript instead of (or beside) audio to transcribe: WebVTT, SRT, or provider JSON (OpenAI, Deepgram, AWS Transcribe, Contact Lens, AssemblyAI), at most 50 MiB.
Idempotent on (source, sourceRecordingId): a re-delivery of a received recording answers 200 with it and changes nothing.
Refusals: 415 (content type, or an audio part that is not audio), 422 (0 bytes, a truncated WAV, an unreadable transcript, an unknown metadata.callId), 400 (metadata, naming each field), 413 (over a limit).`;

/** The recordings API: uploads (one request, or two steps for large files), list, detail, audio links. */
export function recordingsRoutes(recordings: RecordingsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Bodies of these types are streamed by the handlers, never buffered by Fastify.
    app.addContentTypeParser('multipart/form-data', (_request, _payload, done) => {
      done(null);
    });
    app.addContentTypeParser('*', (_request, _payload, done) => {
      done(null);
    });

    app.post(
      '/',
      {
        config: { permission: 'recordings:ingest' },
        schema: {
          tags: ['recordings'],
          summary: 'Upload a recording (audio and/or a supplied transcript) with its metadata, streamed',
          description: multipartDescription,
          consumes: ['multipart/form-data'],
          response: {
            200: recordingSummarySchema.describe('Received before: nothing changed'),
            201: recordingSummarySchema,
            ...problems,
            409: problemSchema,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        if (!isMultipartForm(request.headers['content-type']))
          throw closing(
            reply,
            ConversationsErrors.unsupportedMedia(
              'headers.content-type',
              'must be multipart/form-data with a boundary (parts metadata, audio, transcript); for large files use POST /api/v1/recordings/uploads',
            ),
          );
        const parts = readMultipartForm(request.raw, request.headers, {
          parts: 4,
          // A part without a filename arrives whole: metadata, or a transcript sent as a field.
          fieldBytes: Math.max(metadataLimits.jsonBytes, DEFAULT_MAX_TRANSCRIPT_BYTES),
        });
        let intake: RecordingIntake | undefined;
        try {
          const first = await parts.next();
          if (first.done || first.value.name !== 'metadata')
            throw ConversationsErrors.invalidUpload([
              { field: 'metadata', message: 'is required, as the first part of the form' },
            ]);
          const metadata = parseMetadata(
            await readPart(first.value.body, metadataLimits.jsonBytes, 'metadata'),
          );
          const outcome = await recordings.begin(request.ctx, metadata);
          if (outcome.status === 'existing') {
            // A re-delivery: its parts are read and dropped, and nothing changes.
            for await (const part of parts) await drain(part.body);
            return await reply.code(200).send(outcome.recording);
          }
          intake = outcome.intake;
          const seen = new Set<string>();
          for await (const part of parts) {
            if (part.name !== 'audio' && part.name !== 'transcript')
              throw ConversationsErrors.invalidUpload([
                { field: 'body', message: 'has a part other than metadata, audio and transcript' },
              ]);
            if (seen.has(part.name))
              throw ConversationsErrors.invalidUpload([
                { field: part.name, message: 'is given more than once' },
              ]);
            seen.add(part.name);
            if (part.name === 'audio' && part.kind === 'field')
              throw ConversationsErrors.invalidUpload([
                {
                  field: 'audio',
                  message:
                    'must be a file part: give it a filename= in its Content-Disposition (or Content-Type application/octet-stream)',
                },
              ]);
            if (part.name === 'audio') await intake.putAudio(part);
            else
              await intake.putTranscript({
                bytes: await readPart(part.body, DEFAULT_MAX_TRANSCRIPT_BYTES, 'transcript'),
                filename: part.filename,
              });
          }
          if (seen.size === 0)
            throw ConversationsErrors.unprocessable('audio', 'is required (or a transcript part instead)');
          const recording = await intake.complete();
          return await reply
            .code(201)
            .header('location', `/api/v1/recordings/${recording.id}`)
            .send(recording);
        } catch (error) {
          await intake?.abort(error instanceof Error ? error.message.slice(0, 200) : 'failed');
          throw closing(reply, error);
        }
      },
    );

    app.post(
      '/uploads',
      {
        config: { permission: 'recordings:ingest' },
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags: ['recordings'],
          summary: 'Two-step upload, step 1: the metadata; answers a signed URL to PUT the audio to',
          description:
            'Then PUT the audio bytes to uploadUrl (no other credentials; any content type), then POST /api/v1/recordings/{recordingId}/complete. ' +
            'A re-delivery of a received recording answers 200 with uploadUrl null; one of a recording still uploading replaces the earlier URL.',
          body: createUploadBodySchema,
          response: { 200: uploadTicketSchema, 201: uploadTicketSchema, ...problems, 422: problemSchema },
        },
      },
      async (request, reply) => {
        const { created, ticket } = await recordings.createUpload(request.ctx, request.body);
        return reply.code(created ? 201 : 200).send(ticket);
      },
    );

    app.put(
      '/uploads/:recordingId/audio',
      {
        config: { public: true },
        schema: {
          tags: ['recordings'],
          summary: 'Two-step upload, step 2: the audio bytes, to the signed URL (streamed)',
          params: recordingIdParams,
          querystring: uploadLinkQuerySchema,
          response: {
            200: uploadedAudioSchema,
            400: problemSchema,
            403: problemSchema,
            409: problemSchema,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        try {
          const stored = await recordings.putUploadedAudio(
            { ...request.query, recordingId: request.params.recordingId },
            { body: request.raw, contentType: request.headers['content-type'] ?? null },
          );
          return { recordingId: request.params.recordingId, ...stored };
        } catch (error) {
          throw closing(reply, error);
        }
      },
    );

    app.post(
      '/:recordingId/complete',
      {
        config: { permission: 'recordings:ingest' },
        schema: {
          tags: ['recordings'],
          summary: 'Two-step upload, step 3: checks size and SHA-256 (when given) and queues the recording',
          params: recordingIdParams,
          body: completeUploadBodySchema,
          response: {
            200: recordingSummarySchema.describe('Completed before: nothing changed'),
            201: recordingSummarySchema,
            ...problems,
            404: problemSchema,
            409: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const { created, recording } = await recordings.completeUpload(
          request.ctx,
          request.params.recordingId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(recording);
      },
    );

    app.get(
      '/',
      {
        config: { permission: 'recordings:read' },
        schema: {
          tags: ['recordings'],
          summary:
            'Recordings, filtered, sorted (newest received first by default), keyset-paginated; with a total on request',
          querystring: listQuerySchema,
          response: { 200: recordingPageSchema, ...problems },
        },
      },
      async (request) => {
        const query = request.query;
        if (query.q !== undefined && !has(request, 'transcripts:read'))
          throw PlatformErrors.forbidden('transcripts:read');
        const page = await recordings.list(request.ctx, {
          filters: {
            callId: query.callId,
            number: query.number,
            agent: query.agent,
            queue: query.queue,
            from: query.from === undefined ? undefined : new Date(query.from),
            to: query.to === undefined ? undefined : new Date(query.to),
            states: query.state,
            q: query.q,
          },
          limit: query.limit,
          sort: toSort(query.sort),
          after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
          withTotal: query.total,
        });
        return {
          items: [...page.items],
          nextCursor: page.nextCursor ? encodeCursor(page.nextCursor, query.sort) : null,
          total: page.total ?? null,
        };
      },
    );

    app.get(
      '/:recordingId',
      {
        config: { permission: 'recordings:read' },
        schema: {
          tags: ['recordings'],
          summary:
            'One recording: metadata, state, failure, pipeline runs, and its current transcript (with transcripts:read)',
          params: recordingIdParams,
          response: { 200: recordingDetailSchema, ...problems, 404: problemSchema },
        },
      },
      async (request) => {
        const detail = await recordings.get(request.ctx, request.params.recordingId, {
          withTranscript: has(request, 'transcripts:read'),
        });
        return { ...detail, runs: [...detail.runs] };
      },
    );

    app.get(
      '/:recordingId/audio',
      {
        config: { permission: 'recordings:play' },
        schema: {
          tags: ['recordings'],
          summary:
            'A short-lived signed link to play the audio (audited); the redacted copy unless asked otherwise',
          params: recordingIdParams,
          querystring: audioQuerySchema,
          response: { 200: audioLinkSchema, ...problems, 404: problemSchema, 409: problemSchema },
        },
      },
      async (request) => {
        const { variant } = request.query;
        if (variant === 'original' && !has(request, 'recordings:read_original'))
          throw PlatformErrors.forbidden('recordings:read_original');
        return recordings.audioLink(auditContext(request), request.params.recordingId, variant);
      },
    );
    await Promise.resolve();
  };
}

/** `GET /calls/{callId}/recordings`: a call's recordings, for the call page. */
export function callRecordingsRoutes(recordings: RecordingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:callId/recordings',
      {
        config: { permission: 'recordings:read' },
        schema: {
          tags: ['recordings'],
          summary: "A call's recordings, newest first",
          params: z.object({ callId: z.string().max(64).describe('call_...') }),
          response: { 200: recordingPageSchema, ...problems },
        },
      },
      async (request) => {
        const page = await recordings.list(request.ctx, {
          filters: { callId: request.params.callId },
          limit: 100,
        });
        return {
          items: [...page.items],
          nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
          total: null,
        };
      },
    );
    await Promise.resolve();
  };
}
