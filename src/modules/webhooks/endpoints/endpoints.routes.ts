import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type {
  WebhookDeliveriesService,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointsService,
  WebhookEndpointWithSecret,
} from '../contract.js';
import { endpointUrlProblem, type EndpointUrlPolicy } from './endpoint-url.js';

const permission = 'webhooks:manage';

const endpointFields = {
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  secretRotatedAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
const endpointSchema = z.object(endpointFields).meta({ id: 'WebhookEndpoint' });
const endpointWithSecretSchema = z
  .object({ ...endpointFields, secret: z.string().describe('Shown once: whsec_ + base64 of the key') })
  .meta({ id: 'WebhookEndpointWithSecret' });
const deliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    state: z.enum(['pending', 'succeeded', 'failed', 'dead']),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastResponseMs: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDelivery' });

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};

const endpointView = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: [...e.eventTypes],
  enabled: e.enabled,
  secretRotatedAt: e.secretRotatedAt.toISOString(),
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});
const withSecretView = (e: WebhookEndpointWithSecret) => ({ ...endpointView(e), secret: e.secret });
const deliveryView = (d: WebhookDelivery) => ({
  ...d,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export interface WebhooksRoutesDeps {
  readonly endpoints: WebhookEndpointsService;
  readonly deliveries: WebhookDeliveriesService;
  readonly urlPolicy: EndpointUrlPolicy;
  readonly eventTypes: readonly { readonly type: string; readonly description: string }[];
}

/** Mounted at /api/v1/webhooks. `webhooks:manage` is granted to roles in identity's roles.ts. */
export function webhooksRoutes(deps: WebhooksRoutesDeps): FastifyPluginAsyncZod {
  const { endpoints, deliveries } = deps;
  const url = z
    .string()
    .max(2000)
    .superRefine((value, ctx) => {
      const problem = endpointUrlProblem(value, deps.urlPolicy);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  const eventTypes = z.array(z.string().min(1).max(200)).min(1).max(100);
  const description = z.string().max(500);
  const endpointParams = z.object({ endpointId: z.string().max(100) });

  return async (app) => {
    app.get(
      '/event-types',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'The event types endpoints may subscribe to',
          response: {
            200: z.object({ items: z.array(z.object({ type: z.string(), description: z.string() })) }),
            ...problems,
          },
        },
      },
      () => ({ items: deps.eventTypes.map((e) => ({ type: e.type, description: e.description })) }),
    );
    app.post(
      '/endpoints',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'Add an endpoint (its signing secret is in this answer only)',
          body: z.strictObject({
            url,
            description: description.optional(),
            eventTypes,
            enabled: z.boolean().optional(),
          }),
          response: { 201: endpointWithSecretSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(withSecretView(await endpoints.create(request.ctx, request.body))),
    );
    app.get(
      '/endpoints',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'The endpoints, newest first',
          response: { 200: z.object({ items: z.array(endpointSchema) }), ...problems },
        },
      },
      async (request) => ({ items: (await endpoints.list(request.ctx)).map(endpointView) }),
    );
    app.get(
      '/endpoints/:endpointId',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'One endpoint',
          params: endpointParams,
          response: { 200: endpointSchema, ...problems },
        },
      },
      async (request) => endpointView(await endpoints.get(request.ctx, request.params.endpointId)),
    );
    app.patch(
      '/endpoints/:endpointId',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'Change an endpoint',
          params: endpointParams,
          body: z.strictObject({
            url: url.optional(),
            description: description.optional(),
            eventTypes: eventTypes.optional(),
            enabled: z.boolean().optional(),
          }),
          response: { 200: endpointSchema, ...problems },
        },
      },
      async (request) =>
        endpointView(await endpoints.update(request.ctx, request.params.endpointId, request.body)),
    );
    app.delete(
      '/endpoints/:endpointId',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'Remove an endpoint and its delivery log',
          params: endpointParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await endpoints.remove(request.ctx, request.params.endpointId);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/endpoints/:endpointId/rotate-secret',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'Replace the signing secret (the new one is in this answer only)',
          params: endpointParams,
          response: { 200: endpointWithSecretSchema, ...problems },
        },
      },
      async (request) => withSecretView(await endpoints.rotateSecret(request.ctx, request.params.endpointId)),
    );
    app.post(
      '/endpoints/:endpointId/test',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'Send a webhooks.ping.v1 now; the answer is the delivery after its first attempt',
          params: endpointParams,
          response: { 200: deliverySchema, ...problems },
        },
      },
      async (request) => deliveryView(await deliveries.ping(request.ctx, request.params.endpointId)),
    );
    app.get(
      '/endpoints/:endpointId/deliveries',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: "The endpoint's delivery log, newest first",
          params: endpointParams,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: { 200: z.object({ items: z.array(deliverySchema) }), ...problems },
        },
      },
      async (request) => ({
        items: (await deliveries.list(request.ctx, request.params.endpointId, request.query.limit)).map(
          deliveryView,
        ),
      }),
    );
    app.post(
      '/deliveries/:deliveryId/redeliver',
      {
        config: { permission },
        schema: {
          tags: ['webhooks'],
          summary: 'Start a delivery over (pending, attempts reset, due now)',
          params: z.object({ deliveryId: z.string().max(100) }),
          response: { 202: deliverySchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(deliveryView(await deliveries.redeliver(request.ctx, request.params.deliveryId))),
    );
    await Promise.resolve();
  };
}
