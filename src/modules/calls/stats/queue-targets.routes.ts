import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { QueueTargets, QueueTargetsService } from '../contract.js';
import { problems } from '../query/calls.schemas.js';
import { QUEUE_TARGET_SECONDS } from './queue-targets.service.js';
import { isWaitEdge } from './wait-histogram.js';

const edges = QUEUE_TARGET_SECONDS.join(', ');

const targetShape = {
  serviceLevelSeconds: z
    .number()
    .int()
    .refine((s) => isWaitEdge(s), { message: `must be one of ${edges}` })
    .describe(`Answered within this many seconds counts towards the service level; one of ${edges}`),
  serviceLevelGoal: z
    .number()
    .gt(0, { message: 'must be more than 0' })
    .max(1, { message: 'must be at most 1' })
    .describe('The share of offered calls to answer within the seconds, 0-1 (0.8 = 80 %)'),
  shortAbandonSeconds: z
    .number()
    .int()
    .refine((s) => s === 0 || isWaitEdge(s), { message: `must be 0 (none) or one of ${edges}` })
    .describe(
      `Inbound calls given up within this many seconds are not counted as offered or abandoned; 0 = none, else one of ${edges}`,
    ),
};

const targetBodySchema = z.strictObject(targetShape);
const storedShape = {
  serviceLevelSeconds: z.number().int(),
  serviceLevelGoal: z.number(),
  shortAbandonSeconds: z.number().int(),
};
const queueTargetsSchema = z
  .object({
    default: z.object({
      ...storedShape,
      builtIn: z.boolean().describe('true while the tenant has not set its own default'),
    }),
    queues: z.array(z.object({ queueId: z.string(), ...storedShape })),
  })
  .meta({ id: 'QueueTargets' });
const queueParams = z.object({
  queueId: z.string().min(1).max(256).describe('Queue id as the source gives it'),
});
const notFound = { 404: problemSchema } as const;
const answer = async (targets: Promise<QueueTargets>) => {
  const { queues, ...rest } = await targets;
  return { ...rest, queues: [...queues] };
};

/** `/calls/queue-targets`: the service-level targets the statistics measure queues against. */
export function queueTargetsRoutes(targets: QueueTargetsService): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { config: { permission: 'calls:read' as const } };
    const write = { config: { permission: 'settings:write' as const } };
    const audited = (request: { ctx: Parameters<QueueTargetsService['get']>[0]; ip: string }) => ({
      ...request.ctx,
      clientIp: request.ip,
    });

    app.get(
      '/',
      {
        ...read,
        schema: {
          tags: ['calls'],
          summary: 'Service-level targets: the default and each queue’s own',
          response: { 200: queueTargetsSchema, ...problems },
        },
      },
      async (request) => answer(targets.get(request.ctx)),
    );
    app.put(
      '/default',
      {
        ...write,
        schema: {
          tags: ['calls'],
          summary: 'Sets the default targets (audited)',
          body: targetBodySchema,
          response: { 200: queueTargetsSchema, ...problems },
        },
      },
      async (request) => answer(targets.set(audited(request), null, request.body)),
    );
    app.delete(
      '/default',
      {
        ...write,
        schema: {
          tags: ['calls'],
          summary: 'Returns the default targets to the built-in 80 % in 20 s, short abandons 5 s (audited)',
          response: { 200: queueTargetsSchema, ...problems },
        },
      },
      async (request) => answer(targets.remove(audited(request), null)),
    );
    app.put(
      '/queues/:queueId',
      {
        ...write,
        schema: {
          tags: ['calls'],
          summary: 'Sets a queue’s own targets (audited)',
          params: queueParams,
          body: targetBodySchema,
          response: { 200: queueTargetsSchema, ...problems },
        },
      },
      async (request) => answer(targets.set(audited(request), request.params.queueId, request.body)),
    );
    app.delete(
      '/queues/:queueId',
      {
        ...write,
        schema: {
          tags: ['calls'],
          summary: 'Removes a queue’s own targets: it follows the default again (audited)',
          params: queueParams,
          response: { 200: queueTargetsSchema, ...problems, ...notFound },
        },
      },
      async (request) => answer(targets.remove(audited(request), request.params.queueId)),
    );
    await Promise.resolve();
  };
}
