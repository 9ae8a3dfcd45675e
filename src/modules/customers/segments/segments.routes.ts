import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { Segment } from '../contract.js';
import { problems } from '../profiles/profiles.routes.js';
import { customerSchema, view } from '../profiles/profiles.schemas.js';
import { segmentRuleSchema } from './segment-rules.js';
import type { SegmentsService } from './segments.service.js';

const tags = ['customers'];
const params = z.object({ segmentId: z.string().max(100) });

const segmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    rules: z.unknown().describe('The rule tree as stored (see the request body schema)'),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CustomerSegment' });

const segmentIn = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  rules: segmentRuleSchema,
});

const toView = (s: Segment) => JSON.parse(JSON.stringify(s)) as z.output<typeof segmentSchema>;

/** Mounted at /api/v1/customer-segments. */
export function segmentsRoutes(segments: SegmentsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Segments, by name',
          response: { 200: z.object({ items: z.array(segmentSchema) }), ...problems },
        },
      },
      async (request) => ({ items: (await segments.list(request.ctx)).map(toView) }),
    );
    app.post(
      '/',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Define a segment by rules',
          body: segmentIn,
          response: { 201: segmentSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(toView(await segments.create(request.ctx, request.body))),
    );
    app.get(
      '/:segmentId',
      {
        config: { permission: 'customers:read' },
        schema: { tags, summary: 'One segment', params, response: { 200: segmentSchema, ...problems } },
      },
      async (request) => toView(await segments.get(request.ctx, request.params.segmentId)),
    );
    app.patch(
      '/:segmentId',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Change a segment',
          params,
          body: segmentIn.partial(),
          response: { 200: segmentSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) => toView(await segments.update(request.ctx, request.params.segmentId, request.body)),
    );
    app.delete(
      '/:segmentId',
      {
        config: { permission: 'customers:write' },
        schema: { tags, summary: 'Delete a segment', params, response: { 204: z.null(), ...problems } },
      },
      async (request, reply) => {
        await segments.remove(request.ctx, request.params.segmentId);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/:segmentId/members',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary:
            "The customers the segment's rules match now (active, not restricted), newest first; keyset pages",
          params,
          querystring: z.object({
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({ items: z.array(customerSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await segments.members(request.ctx, request.params.segmentId, request.query);
        return { items: page.items.map(view.customer), nextCursor: page.nextCursor };
      },
    );
    await Promise.resolve();
  };
}
