import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { SecretReader } from '../../../platform/secrets/index.js';

/**
 * `GET /calls/connectors`: what an administrator needs to point each system at this tenant — the
 * URLs (built from the platform's public URL, which is also what Twilio signs) and which of the
 * connector's secrets are set. Values are never returned.
 */

interface ConnectorSpec {
  readonly source: 'teams' | 'twilio' | 'connect';
  readonly name: string;
  /** Path under /api/v1/calls/webhooks/; the tenant's public id follows. */
  readonly webhook: string;
  readonly secrets: readonly {
    readonly name: string;
    readonly required: boolean;
    readonly description: string;
  }[];
}

const connectorSpecs: readonly ConnectorSpec[] = [
  {
    source: 'teams',
    name: 'Microsoft Teams',
    webhook: 'teams',
    secrets: [
      {
        name: 'teams.tenant_id',
        required: true,
        description: 'Directory (tenant) id of your Microsoft 365 organisation',
      },
      {
        name: 'teams.client_id',
        required: true,
        description: 'Application (client) id of the app registration',
      },
      { name: 'teams.client_secret', required: true, description: 'A client secret of the app registration' },
      {
        name: 'teams.client_state',
        required: false,
        description:
          'Shared secret Graph sends back with each notification; generated when the subscription is created',
      },
    ],
  },
  {
    source: 'twilio',
    name: 'Twilio Voice',
    webhook: 'twilio',
    secrets: [
      {
        name: 'twilio.auth_token',
        required: true,
        description: 'Auth token of the Twilio account: it checks X-Twilio-Signature',
      },
    ],
  },
  {
    source: 'connect',
    name: 'Amazon Connect (Kinesis Data Firehose)',
    webhook: 'firehose',
    secrets: [
      {
        name: 'connect.firehose_access_key',
        required: true,
        description: 'The access key configured on the Firehose HTTP endpoint destination',
      },
    ],
  },
];

const connectorSchema = z.object({
  source: z.enum(['teams', 'twilio', 'connect']),
  name: z.string(),
  webhookUrl: z.string().describe('where the system delivers to; configure it there'),
  secrets: z.array(
    z.object({ name: z.string(), required: z.boolean(), description: z.string(), set: z.boolean() }),
  ),
  ready: z.boolean().describe('every required secret is set'),
});

const connectorsSchema = z
  .object({
    ingestUrl: z
      .string()
      .describe('POST files and batches here with ?format= and an API key of scope calls:ingest'),
    connectors: z.array(connectorSchema),
  })
  .meta({ id: 'CallConnectors' });

export function connectorsRoutes(deps: { secrets: SecretReader; publicUrl: string }): FastifyPluginAsyncZod {
  const base = deps.publicUrl.replace(/\/+$/, '');
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['calls'],
          summary: "The tenant's connector endpoints and which of their secrets are set",
          response: { 200: connectorsSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema },
        },
      },
      async (request) => {
        const tenant = toPublicId('ten', request.ctx.tenantId);
        const set = new Set(await deps.secrets.names(request.ctx));
        const connectors = connectorSpecs.map((spec) => {
          const secrets = spec.secrets.map((secret) => ({ ...secret, set: set.has(secret.name) }));
          return {
            source: spec.source,
            name: spec.name,
            webhookUrl: `${base}/api/v1/calls/webhooks/${spec.webhook}/${tenant}`,
            secrets,
            ready: secrets.every((s) => s.set || !s.required),
          };
        });
        return { ingestUrl: `${base}/api/v1/calls/ingest`, connectors };
      },
    );
    await Promise.resolve();
  };
}
