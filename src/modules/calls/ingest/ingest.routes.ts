import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { systemContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { problemSchema } from '../../../platform/http/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import {
  CALL_FILE_FORMATS,
  FILE_FORMAT_SOURCES,
  type CallFileFormat,
} from '../connectors/connector-registry.js';
import {
  connectorOptionsQuery,
  toConnectorOptions,
  type ConnectorOptionsQuery,
} from '../connectors/connector-options.js';
import { buildFirehoseResponse } from '../connectors/firehose-delivery.js';
import { clientStateMatches, parseGraphNotifications } from '../teams/teams-notifications.js';
import { validateTwilioSignature } from '../connectors/twilio-signature.js';
import { CallsErrors } from '../errors.js';
import type { IngestService } from './ingest.service.js';

/** Batches and files are larger than ordinary API bodies. */
const ingestBodyLimit = 64 * 1024 * 1024;
const webhookBodyLimit = 4 * 1024 * 1024;

const acceptedSchema = z.object({
  payloadId: z.string().describe('raw_...: the stored payload'),
  status: z.literal('accepted'),
});

/** Every body arrives as bytes: the payload is stored exactly as the source sent it. */
function rawBodies(app: Parameters<FastifyPluginAsync>[0]): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
}

function bodyOf(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw CallsErrors.emptyPayload('is empty');
  return request.body;
}

function tenantFromPath(tenant: string): string {
  const uuid = fromPublicId('ten', tenant);
  if (!uuid) throw CallsErrors.unknownWebhook();
  return uuid;
}

/** `POST /calls/ingest?format=...`: batches and files from connectors and scripts (API key with calls:ingest). */
export function ingestRoutes(ingest: IngestService): FastifyPluginAsyncZod {
  return async (app) => {
    rawBodies(app);
    app.post(
      '/ingest',
      {
        bodyLimit: ingestBodyLimit,
        config: { permission: 'calls:ingest' },
        schema: {
          tags: ['calls ingest'],
          summary: 'Submit call records in any supported format; 202 once the payload is durable',
          description:
            'The body is stored as sent and processed asynchronously: parsed, archived and indexed, or quarantined with a reason. ' +
            'Formats: ' +
            CALL_FILE_FORMATS.join(', ') +
            '. generic-json takes records in the unified CallRecord v1 schema (see docs/call-record.v1.schema.json). ' +
            'A body without a single record (empty, [], blank lines, header rows only) is refused with 400 CALLS_EMPTY_PAYLOAD.',
          querystring: connectorOptionsQuery.extend({ format: z.enum(CALL_FILE_FORMATS) }),
          response: {
            202: acceptedSchema,
            400: problemSchema,
            401: problemSchema,
            403: problemSchema,
            413: problemSchema,
            429: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const { format, ...query }: { format: CallFileFormat } & ConnectorOptionsQuery = request.query;
        const options = toConnectorOptions(format, query);
        const { payloadId } = await ingest.accept(request.ctx, {
          source: FILE_FORMAT_SOURCES[format],
          format,
          contentType: request.headers['content-type'],
          body: bodyOf(request),
          options,
        });
        return reply.code(202).send({ payloadId, status: 'accepted' as const });
      },
    );
    await Promise.resolve();
  };
}

export interface WebhookDeps {
  readonly ingest: IngestService;
  readonly secrets: SecretReader;
  /** The URL the world reaches us at; Twilio signs the URL it called. */
  readonly publicUrl: string;
}

/**
 * Webhooks that authenticate by the source's own mechanism: Graph's clientState, Twilio's request
 * signature, Firehose's access key. The tenant is in the path; its secrets decide.
 */
export function webhookRoutes(deps: WebhookDeps): FastifyPluginAsync {
  const { ingest, secrets } = deps;
  return async (app) => {
    rawBodies(app);

    // Microsoft Graph change notifications for callRecords (and lifecycle notifications).
    app.post<{ Params: { tenant: string }; Querystring: { validationToken?: string } }>(
      '/teams/:tenant',
      { config: { public: true }, bodyLimit: webhookBodyLimit, schema: { hide: true } },
      async (request, reply) => {
        // Subscription validation: echo the token, decoded, as text/plain, at once.
        if (typeof request.query.validationToken === 'string') {
          return reply.code(200).type('text/plain').send(request.query.validationToken);
        }
        const tenantId = tenantFromPath(request.params.tenant);
        const expected = await secrets.read({ tenantId }, 'teams.client_state');
        if (!expected) throw CallsErrors.unknownWebhook();
        const body = bodyOf(request);
        const parsed = parseGraphNotifications(body.toString('utf8'));
        if (!parsed.ok) throw CallsErrors.teamsInvalidNotification(parsed.error);
        const states = parsed.batch.notifications.map((n) => n.clientState ?? null);
        // Every notification must carry the secret we gave Graph; one that does not is not from Graph.
        if (!states.every((state) => clientStateMatches(state, expected))) {
          throw CallsErrors.teamsClientStateMismatch();
        }
        // Checked, the secret has served: accept stores the body without it (storableBody), sealed.
        await ingest.accept(systemContext(tenantId, request.id, 'teams-webhook'), {
          source: 'teams',
          format: parsed.batch.kind === 'lifecycleNotifications' ? 'graph-lifecycle' : 'graph-notification',
          contentType: request.headers['content-type'],
          body,
        });
        return reply.code(202).send();
      },
    );

    // Twilio Voice status callbacks.
    app.post<{ Params: { tenant: string } }>(
      '/twilio/:tenant',
      { config: { public: true }, bodyLimit: webhookBodyLimit, schema: { hide: true } },
      async (request, reply) => {
        const tenantId = tenantFromPath(request.params.tenant);
        const authToken = await secrets.read({ tenantId }, 'twilio.auth_token');
        if (!authToken) throw CallsErrors.unknownWebhook();
        const body = bodyOf(request);
        const signature = request.headers['x-twilio-signature'];
        const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
        const url = `${deps.publicUrl.replace(/\/+$/, '')}${request.url}`;
        if (typeof signature !== 'string' || !validateTwilioSignature(authToken, url, params, signature)) {
          throw CallsErrors.twilioSignatureInvalid();
        }
        // Twilio sends a callback again, signature and body unchanged, when our answer did not reach
        // it: within the replay window that is the same delivery, answered alike and stored once.
        await ingest.accept(systemContext(tenantId, request.id, 'twilio-webhook'), {
          source: 'twilio',
          format: 'twilio-form',
          contentType: request.headers['content-type'],
          body,
          deliveryKey: Buffer.concat([Buffer.from(`${signature}\n`, 'utf8'), body]),
        });
        return reply.code(202).send();
      },
    );

    // Amazon Connect contact trace records through a Kinesis Data Firehose HTTP endpoint destination.
    app.post<{ Params: { tenant: string } }>(
      '/firehose/:tenant',
      { config: { public: true }, bodyLimit: ingestBodyLimit, schema: { hide: true } },
      async (request, reply) => {
        const requestId =
          typeof request.headers['x-amz-firehose-request-id'] === 'string'
            ? request.headers['x-amz-firehose-request-id']
            : request.id;
        const answer = (status: number, error?: string) =>
          reply
            .code(status)
            .type('application/json')
            .send(buildFirehoseResponse(requestId, Date.now(), error));
        const uuid = fromPublicId('ten', request.params.tenant);
        const expected = uuid
          ? await secrets.read({ tenantId: uuid }, 'connect.firehose_access_key')
          : undefined;
        const given = request.headers['x-amz-firehose-access-key'];
        if (!uuid || !expected || typeof given !== 'string' || !clientStateMatches(given, expected)) {
          return answer(401, 'Invalid access key');
        }
        if (!Buffer.isBuffer(request.body) || request.body.length === 0)
          return answer(400, 'Empty request body');
        try {
          await ingest.accept(systemContext(uuid, request.id, 'firehose'), {
            source: 'connect',
            format: 'connect-json',
            contentType: request.headers['content-type'],
            body: request.body,
          });
        } catch (error) {
          // Firehose reads its own answer format, not problem+json.
          if (error instanceof AppError && error.code === 'CALLS_EMPTY_PAYLOAD')
            return answer(400, 'The delivery holds no records');
          throw error;
        }
        return answer(200);
      },
    );
    await Promise.resolve();
  };
}
