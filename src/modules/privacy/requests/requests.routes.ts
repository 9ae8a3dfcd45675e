import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import {
  requestChannels,
  requestKinds,
  requestStatuses,
  verificationMethods,
  type DataSubjectRequest,
  type DataSubjectRequestWithTrail,
  type DownloadLink,
  type RequestsService,
} from '../contract.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  410: problemSchema,
  429: problemSchema,
  503: problemSchema,
};
const tags = ['privacy'];
const params = z.object({ requestId: z.string().max(100) });
const text = (max: number) => z.string().trim().min(1).max(max);

const outcomeSchema = z.object({
  module: z.string(),
  erased: z.number(),
  kept: z.array(z.object({ what: z.string(), count: z.number(), reason: z.string() })),
});

const requestSchema = z
  .object({
    id: z.string(),
    kind: z.enum(requestKinds),
    status: z.enum(requestStatuses),
    channel: z.enum(requestChannels),
    subject: z.string().describe('Masked identifiers; never the identifiers themselves'),
    customerId: z.string().nullable(),
    receivedAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    extendedDueAt: z.iso.datetime().nullable(),
    extensionReason: z.string().nullable(),
    completedAt: z.iso.datetime().nullable(),
    verification: z.object({ method: z.enum(verificationMethods), verifiedAt: z.iso.datetime() }).nullable(),
    rejectionReason: z.string().nullable(),
    result: z
      .object({
        modules: z.array(outcomeSchema),
        exportExpiresAt: z.iso.datetime().nullable(),
        rectificationPath: z.string().nullable(),
      })
      .nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'PrivacyRequest' });

const stepSchema = z.object({
  at: z.iso.datetime(),
  actor: z.string(),
  step: z.string(),
  module: z.string().nullable(),
  outcome: z.enum(['ok', 'failed', 'info']),
  details: z.record(z.string(), z.unknown()),
});

const requestWithTrailSchema = requestSchema
  .extend({ trail: z.array(stepSchema) })
  .meta({ id: 'PrivacyRequestWithTrail' });

const linkSchema = z.object({ url: z.string(), expiresAt: z.iso.datetime() }).meta({ id: 'PrivacyDownload' });

const iso = (date: Date | null) => date?.toISOString() ?? null;

function view(request: DataSubjectRequest): z.infer<typeof requestSchema> {
  return {
    ...request,
    receivedAt: request.receivedAt.toISOString(),
    dueAt: request.dueAt.toISOString(),
    extendedDueAt: iso(request.extendedDueAt),
    completedAt: iso(request.completedAt),
    verification: request.verification
      ? { method: request.verification.method, verifiedAt: request.verification.verifiedAt.toISOString() }
      : null,
    result: request.result
      ? {
          modules: request.result.modules.map((m) => ({
            module: m.module,
            erased: m.erased,
            kept: [...m.kept],
          })),
          exportExpiresAt: iso(request.result.exportExpiresAt),
          rectificationPath: request.result.rectificationPath,
        }
      : null,
  };
}

function viewWithTrail(request: DataSubjectRequestWithTrail): z.infer<typeof requestWithTrailSchema> {
  return {
    ...view(request),
    trail: request.trail.map((s) => ({ ...s, at: s.at.toISOString(), details: { ...s.details } })),
  };
}

const linkView = (link: DownloadLink) => ({ url: link.url, expiresAt: link.expiresAt.toISOString() });

/** Mounted at /api/v1/privacy/requests: the staff's queue (permission privacy:requests). */
export function requestsRoutes(requests: RequestsService): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { permission: 'privacy:requests' };
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          summary: 'The queue of data-subject requests, soonest deadline first',
          querystring: z.strictObject({
            status: z.enum(requestStatuses).optional(),
            due_before: z.iso.datetime({ offset: true }).optional(),
          }),
          response: { 200: z.object({ items: z.array(requestSchema) }), ...problems },
        },
      },
      async (request) => ({
        items: (
          await requests.list(request.ctx, {
            status: request.query.status,
            dueBefore: request.query.due_before ? new Date(request.query.due_before) : undefined,
          })
        ).map(view),
      }),
    );
    app.post(
      '/',
      {
        config,
        schema: {
          tags,
          summary: 'Record a request received by e-mail, phone or in person (it then needs verifying)',
          body: z.strictObject({
            kind: z.enum(requestKinds),
            customerId: z.string().max(100).optional(),
            email: z.string().max(254).optional(),
            phone: z.string().max(40).optional(),
            channel: z.enum(requestChannels),
            note: text(2000).optional(),
          }),
          response: { 201: requestWithTrailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(viewWithTrail(await requests.create(request.ctx, request.body))),
    );
    app.get(
      '/:requestId',
      {
        config,
        schema: {
          tags,
          summary: 'One request with its trail',
          params,
          response: { 200: requestWithTrailSchema, ...problems },
        },
      },
      async (request) => viewWithTrail(await requests.get(request.ctx, request.params.requestId)),
    );
    app.post(
      '/:requestId/verify',
      {
        config,
        schema: {
          tags,
          summary: 'Record how the requester’s identity was verified',
          params,
          body: z.strictObject({ method: z.enum(verificationMethods), note: text(2000) }),
          response: { 200: requestWithTrailSchema, ...problems },
        },
      },
      async (request) =>
        viewWithTrail(await requests.verify(request.ctx, request.params.requestId, request.body)),
    );
    app.post(
      '/:requestId/process',
      {
        config,
        schema: {
          tags,
          summary: 'Run (or resume) a verified request across every module',
          params,
          response: { 200: requestWithTrailSchema, ...problems },
        },
      },
      async (request) => viewWithTrail(await requests.process(request.ctx, request.params.requestId)),
    );
    app.post(
      '/:requestId/reject',
      {
        config,
        schema: {
          tags,
          summary: 'Refuse a request (manifestly unfounded, identity not established), with the reason',
          params,
          body: z.strictObject({ reason: text(2000) }),
          response: { 200: requestWithTrailSchema, ...problems },
        },
      },
      async (request) =>
        viewWithTrail(await requests.reject(request.ctx, request.params.requestId, request.body.reason)),
    );
    app.post(
      '/:requestId/extend',
      {
        config,
        schema: {
          tags,
          summary: 'Extend the deadline by two months (GDPR Art. 12(3)), once, with the reason',
          params,
          body: z.strictObject({ reason: text(2000) }),
          response: { 200: requestWithTrailSchema, ...problems },
        },
      },
      async (request) =>
        viewWithTrail(await requests.extend(request.ctx, request.params.requestId, request.body.reason)),
    );
    app.get(
      '/:requestId/download',
      {
        config,
        schema: {
          tags,
          summary: 'A signed link to the access package (410 once it expired)',
          params,
          response: { 200: linkSchema, ...problems },
        },
      },
      async (request) => linkView(await requests.download(request.ctx, request.params.requestId)),
    );
    await Promise.resolve();
  };
}

/** Mounted at /ext/v1/privacy/requests: a signed-in client's own requests (permission portal:read). */
export function portalRequestsRoutes(requests: RequestsService): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { permission: 'portal:read' };
    app.post(
      '/',
      {
        config,
        schema: {
          tags,
          summary:
            'Ask for my data, its erasure, restriction or rectification (access and erasure run at once)',
          body: z.strictObject({ kind: z.enum(requestKinds), note: text(2000).optional() }),
          response: { 201: requestSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(view(await requests.createForClient(request.ctx, request.body))),
    );
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          summary: 'My requests, newest first',
          response: { 200: z.object({ items: z.array(requestSchema) }), ...problems },
        },
      },
      async (request) => ({ items: (await requests.listMine(request.ctx)).map(view) }),
    );
    app.get(
      '/:requestId/download',
      {
        config,
        schema: {
          tags,
          summary: 'A signed link to my data package (410 once it expired)',
          params,
          response: { 200: linkSchema, ...problems },
        },
      },
      async (request) =>
        linkView(await requests.download(request.ctx, request.params.requestId, { mine: true })),
    );
    await Promise.resolve();
  };
}
