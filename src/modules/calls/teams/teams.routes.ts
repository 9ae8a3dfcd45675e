import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { TeamsSubscriptionService } from './teams-subscription.service.js';

const instant = z.iso.datetime().nullable();

const subscriptionSchema = z.object({
  id: z
    .string()
    .nullable()
    .describe("Graph's subscription id; null while the tenant has none (its creation failed)"),
  resource: z.string(),
  changeType: z.string(),
  notificationUrl: z.string(),
  status: z
    .enum(['active', 'failing', 'expired'])
    .describe(
      'failing: the last create, renew or reauthorize did not succeed (see lastError); the hourly timer retries',
    ),
  expiresAt: instant,
  createdAt: z.iso.datetime(),
  renewedAt: instant,
  lastNotificationAt: instant.describe('the last change notification whose call records were fetched'),
  lastLifecycleEvent: z.string().nullable(),
  lastLifecycleAt: instant,
  backfilledUntil: instant,
  lastError: z.string().nullable(),
  lastErrorAt: instant,
});

const statusSchema = z
  .object({
    notificationUrl: z
      .string()
      .describe('where Graph delivers this tenant’s change and lifecycle notifications'),
    missingSecrets: z
      .array(z.string())
      .describe('credential secrets still to set (teams.tenant_id, teams.client_id, teams.client_secret)'),
    subscription: subscriptionSchema.nullable(),
  })
  .meta({ id: 'TeamsSubscriptionStatus' });

const problems = { 401: problemSchema, 403: problemSchema, 429: problemSchema } as const;

/** The tenant's Teams call-records subscription: see it, (re)create it, remove it. */
export function teamsRoutes(subscriptions: TeamsSubscriptionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/subscription',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['calls connectors'],
          summary: 'The Teams call-records subscription: state, expiry, last notification, last error',
          response: { 200: statusSchema, ...problems },
        },
      },
      async (request) => subscriptions.status(request.ctx),
    );

    app.post(
      '/subscription',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['calls connectors'],
          summary: 'Create the Teams call-records subscription (or replace the one there is)',
          description:
            'Creates a Microsoft Graph change-notification subscription on /communications/callRecords with the tenant’s app credentials ' +
            '(secrets teams.tenant_id, teams.client_id, teams.client_secret), delivering to this platform’s Teams webhook; Graph validates the webhook first. ' +
            'A clientState is generated and stored as teams.client_state when there is none. A subscription held before is deleted once the new one exists. ' +
            '409 CALLS_TEAMS_NOT_CONFIGURED names missing secrets; 409 CALLS_TEAMS_GRAPH_REFUSED carries Graph’s refusal; 503 when Graph is unavailable.',
          response: { 201: statusSchema, ...problems, 409: problemSchema, 503: problemSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await subscriptions.connect(request.ctx)),
    );

    app.delete(
      '/subscription',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['calls connectors'],
          summary: 'Delete the Teams call-records subscription at Graph and stop renewing it',
          response: {
            204: z.null(),
            ...problems,
            404: problemSchema,
            409: problemSchema,
            503: problemSchema,
          },
        },
      },
      async (request, reply) => {
        await subscriptions.disconnect(request.ctx);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
