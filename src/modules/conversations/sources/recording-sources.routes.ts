import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { RecordingSourcesService } from './recording-sources.service.js';
import {
  createSourceBodySchema,
  problems,
  runNowQuerySchema,
  runsQuerySchema,
  sourceIdParams,
  sourceRunSchema,
  sourceViewSchema,
  updateSourceBodySchema,
} from './recording-sources.schemas.js';

const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

const callbackBodyLimit = 64 * 1024;

/**
 * `/conversations/sources`: the tenant's pull connectors (generic recorder REST API, Twilio, 3CX),
 * their runs, run-now, and Twilio's recording-status callback (public; the signature decides).
 */
export function recordingSourcesRoutes(
  sources: RecordingSourcesService,
  settings: { readonly publicUrl: string },
): FastifyPluginAsyncZod {
  const base = settings.publicUrl.replace(/\/+$/, '');
  return async (app) => {
    // Twilio posts its callbacks as a form; kept as text so the signature is checked over what came.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, body);
      },
    );

    app.get(
      '/',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['conversations'],
          summary: "The tenant's recording sources (pull connectors), with their cursor and last run",
          response: { 200: z.object({ items: z.array(sourceViewSchema) }), ...problems },
        },
      },
      async (request) => ({ items: await sources.list(request.ctx) }),
    );

    app.post(
      '/',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['conversations'],
          summary: 'Adds a recording source; the timer runs it from its next tick when enabled (audited)',
          description:
            "kind rest (a recorder REST API), twilio (Twilio Recordings) or 3cx (3CX V20 XAPI), with that kind's config. " +
            'Credentials are secret NAMES (recorder.*, twilio.*, 3cx.*); set their values with PUT /api/v1/secrets/{name}.',
          body: createSourceBodySchema,
          response: { 201: sourceViewSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        const created = await sources.create(auditContext(request), request.body);
        return reply
          .code(201)
          .header('location', `/api/v1/conversations/sources/${created.id}`)
          .send(created);
      },
    );

    app.get(
      '/:sourceId',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['conversations'],
          summary: 'A recording source',
          params: sourceIdParams,
          response: { 200: sourceViewSchema, ...problems },
        },
      },
      async (request) => sources.get(request.ctx, request.params.sourceId),
    );

    app.patch(
      '/:sourceId',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['conversations'],
          summary: 'Changes a recording source: name, enabled, schedule, or its whole config (audited)',
          params: sourceIdParams,
          body: updateSourceBodySchema,
          response: { 200: sourceViewSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) => sources.update(auditContext(request), request.params.sourceId, request.body),
    );

    app.delete(
      '/:sourceId',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['conversations'],
          summary: 'Removes a recording source with its cursor and runs; its recordings stay (audited)',
          params: sourceIdParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await sources.remove(auditContext(request), request.params.sourceId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/:sourceId/run',
      {
        config: { permission: 'recordings:ingest' },
        schema: {
          tags: ['conversations'],
          summary: 'Runs the source now over the window its cursor gives (audited)',
          description:
            'Answers 202 with the run as it starts (its outcome: GET .../runs), or with ?wait=true 200 once it finished. ' +
            '409 while another run of the source is under way (the timer, another process, another run-now).',
          params: sourceIdParams,
          querystring: runNowQuerySchema,
          response: { 200: sourceRunSchema, 202: sourceRunSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        const run = await sources.runNow(auditContext(request), request.params.sourceId, {
          wait: request.query.wait,
        });
        return reply.code(request.query.wait ? 200 : 202).send(run);
      },
    );

    app.get(
      '/:sourceId/runs',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['conversations'],
          summary:
            'Recent runs of the source, newest first: fetched, imported, duplicates, failures with reasons',
          params: sourceIdParams,
          querystring: runsQuerySchema,
          response: { 200: z.object({ items: z.array(sourceRunSchema) }), ...problems },
        },
      },
      async (request) => ({
        items: await sources.runs(request.ctx, request.params.sourceId, request.query.limit),
      }),
    );

    // Twilio's recordingStatusCallback: no session, the tenant and source are in the path.
    app.post<{ Params: { tenant: string; sourceId: string } }>(
      '/callbacks/twilio/:tenant/:sourceId',
      { config: { public: true }, bodyLimit: callbackBodyLimit, schema: { hide: true } },
      async (request, reply) => {
        const body = typeof request.body === 'string' ? request.body : '';
        const signature = request.headers['x-twilio-signature'];
        const result = await sources.twilioCallback(
          request.params,
          {
            url: `${base}${request.url}`,
            params: new URLSearchParams(body),
            signature: typeof signature === 'string' ? signature : null,
          },
          request.id,
        );
        if (result.status === 'ignored') return reply.code(204).send();
        return reply
          .code(result.status === 'imported' ? 201 : 200)
          .send({ status: result.status, run: result.run });
      },
    );
    await Promise.resolve();
  };
}
