import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activateBodySchema,
  addVersionQuerySchema,
  configIdParams,
  configListSchema,
  configVersionSchema,
  problems,
  versionListSchema,
  versionQuerySchema,
} from './analysis-config.schemas.js';
import type { AnalysisConfigService } from './analysis-config.service.js';
import { configKinds, type AnalysisConfigKind, type ConfigBodyInput } from './config-kinds.js';

const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

const versionIds: Record<AnalysisConfigKind, string> = {
  insight_schema: 'InsightSchemaVersion',
  scorecard: 'ScorecardVersion',
  category_set: 'CategorySetVersion',
};

/**
 * The versioned configuration API of one kind, mounted at /conversations/<path>: create, list,
 * read (newest, active or ?version=n), the version history, new versions and activation.
 * Reading needs analysis:read; every change needs analysis:configure and is audited.
 */
export function analysisConfigRoutes(
  service: AnalysisConfigService,
  kind: AnalysisConfigKind,
  extra?: FastifyPluginAsyncZod,
): FastifyPluginAsyncZod {
  const { noun, body } = configKinds[kind];
  const versionSchema = configVersionSchema(body, versionIds[kind]);
  const tags = ['conversations'];
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags,
          summary: `Every ${noun} of the organisation`,
          response: { 200: configListSchema, ...problems },
        },
      },
      async (request) => ({ items: await service.list(request.ctx, kind) }),
    );
    app.post(
      '/',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags,
          summary: `Creates a ${noun}: its version 1, active at once (audited)`,
          body,
          response: { 201: versionSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await service.create(auditContext(request), kind, request.body as ConfigBodyInput<typeof kind>),
          ),
    );
    app.get(
      '/:id',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags,
          summary: `A version of the ${noun}: the newest unless ?version= names one (or active)`,
          params: configIdParams,
          querystring: versionQuerySchema,
          response: { 200: versionSchema, ...problems },
        },
      },
      async (request) => service.get(request.ctx, kind, request.params.id, request.query.version ?? 'latest'),
    );
    app.get(
      '/:id/versions',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags,
          summary: `Every version of the ${noun}, newest first (old versions stay readable)`,
          params: configIdParams,
          response: { 200: versionListSchema, ...problems },
        },
      },
      async (request) => ({ items: await service.versions(request.ctx, kind, request.params.id) }),
    );
    app.post(
      '/:id/versions',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags,
          summary: `Saves a new version of the ${noun}; active only with ?activate=true (audited)`,
          params: configIdParams,
          querystring: addVersionQuerySchema,
          body,
          response: { 201: versionSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await service.addVersion(
            auditContext(request),
            kind,
            request.params.id,
            request.body as ConfigBodyInput<typeof kind>,
            {
              activate: request.query.activate === 'true',
            },
          ),
        ),
    );
    app.post(
      '/:id/activate',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags,
          summary: `Makes a version of the ${noun} the active one, an older one included (audited)`,
          params: configIdParams,
          body: activateBodySchema,
          response: { 200: versionSchema, ...problems },
        },
      },
      async (request) =>
        service.activate(auditContext(request), kind, request.params.id, request.body.version),
    );
    if (extra) await app.register(extra);
  };
}
