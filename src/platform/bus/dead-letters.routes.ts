import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { problemSchema } from '../http/index.js';
import { fromPublicId, toPublicId } from '../ids.js';
import { deadLetterCategories } from './dead-letter-category.js';
import { deadLetterStatus, type DeadLetter, type DeadLetters } from './dead-letters.types.js';

const categorySchema = z
  .enum(deadLetterCategories)
  .describe(
    'Why the handler gave up: timeout (too slow, or never answered), db_unavailable, dependency_unavailable (another service stayed down), schema_rejected (the event was refused as invalid), rejected (refused for good: gone, conflict), handler_error (anything else, usually a bug)',
  )
  .meta({ id: 'DeadLetterCategory' });

const deadLetterSchema = z
  .object({
    id: z.string().describe('Dead letter id (dlq_...)'),
    group: z.string().describe('Consumer group whose handler gave up'),
    status: z
      .enum(['waiting', 'replayed', 'discarded'])
      .describe('waiting: needs someone; replayed: delivered again; discarded: set aside for good'),
    event: z.object({
      id: z.string(),
      type: z.string(),
      tenantId: z.string(),
      occurredAt: z.string(),
      key: z.string().optional(),
      traceparent: z.string().optional(),
      data: z.unknown(),
    }),
    error: z.string().describe('The error as thrown (for engineers)'),
    errorCode: z.string().optional(),
    category: categorySchema,
    deliveries: z.number().int(),
    failedAt: z.iso.datetime(),
    replayedAt: z.iso.datetime().optional(),
    replayCount: z.number().int(),
    discardedAt: z.iso.datetime().optional(),
    discardedBy: z.string().optional().describe('Who discarded it: a user or API key id, or cli'),
  })
  .meta({ id: 'DeadLetter' });

function present(letter: DeadLetter) {
  return {
    id: toPublicId('dlq', letter.id),
    group: letter.group,
    status: deadLetterStatus(letter),
    event: {
      id: letter.event.id,
      type: letter.event.type,
      tenantId: letter.event.tenantId,
      occurredAt: letter.event.occurredAt,
      ...(letter.event.key === undefined ? {} : { key: letter.event.key }),
      ...(letter.event.traceparent === undefined ? {} : { traceparent: letter.event.traceparent }),
      data: letter.event.data,
    },
    error: letter.error,
    ...(letter.errorCode === undefined ? {} : { errorCode: letter.errorCode }),
    category: letter.category,
    deliveries: letter.deliveries,
    failedAt: letter.failedAt.toISOString(),
    ...(letter.replayedAt === undefined ? {} : { replayedAt: letter.replayedAt.toISOString() }),
    replayCount: letter.replayCount,
    ...(letter.discardedAt === undefined ? {} : { discardedAt: letter.discardedAt.toISOString() }),
    ...(letter.discardedBy === undefined ? {} : { discardedBy: letter.discardedBy }),
  };
}

const notFound = () =>
  new AppError('BUS_DEAD_LETTER_NOT_FOUND', 'not_found', 'The dead letter was not found.');

const idParams = z.object({ id: z.string().startsWith('dlq_').describe('Dead letter id (dlq_...)') });

/**
 * Internal API for the caller's tenant's dead letters, mounted by the composition root (e.g. under
 * `/bus/dead-letters`). Every route needs the `bus:admin` permission.
 */
export function deadLetterRoutes(deadLetters: DeadLetters): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'bus:admin' },
        schema: {
          tags: ['bus'],
          summary: 'Dead letters of the caller’s tenant, newest first',
          querystring: z.object({
            group: z.string().max(63).optional(),
            type: z.string().max(200).optional(),
            category: categorySchema.optional(),
            includeReplayed: z
              .stringbool()
              .optional()
              .describe(
                'Also letters already dealt with (replayed or discarded); default: only those waiting',
              ),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            before: z.iso
              .datetime()
              .optional()
              .describe('Only letters that failed before this time (paging)'),
          }),
          response: {
            200: z.object({ items: z.array(deadLetterSchema) }),
            401: problemSchema,
            403: problemSchema,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const items = await deadLetters.list(
          { tenantId: request.ctx.tenantId },
          {
            group: q.group,
            type: q.type,
            category: q.category,
            includeReplayed: q.includeReplayed,
            limit: q.limit,
            before: q.before ? new Date(q.before) : undefined,
          },
        );
        return { items: items.map(present) };
      },
    );
    app.get(
      '/summary',
      {
        config: { permission: 'bus:admin' },
        schema: {
          tags: ['bus'],
          summary: 'How many letters of the caller’s tenant wait, per category',
          response: {
            200: z
              .object({
                total: z.number().int().describe('Letters waiting (neither replayed nor discarded)'),
                categories: z
                  .array(z.object({ category: categorySchema, count: z.number().int() }))
                  .describe('Largest first; categories without letters are left out'),
              })
              .meta({ id: 'DeadLetterSummary' }),
            401: problemSchema,
            403: problemSchema,
          },
        },
      },
      async (request) => {
        const categories = await deadLetters.countByCategory({ tenantId: request.ctx.tenantId });
        return { total: categories.reduce((sum, c) => sum + c.count, 0), categories: [...categories] };
      },
    );
    app.get(
      '/:id',
      {
        config: { permission: 'bus:admin' },
        schema: {
          tags: ['bus'],
          summary: 'One dead letter with its event and the last error',
          params: idParams,
          response: { 200: deadLetterSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
        },
      },
      async (request) => {
        const id = fromPublicId('dlq', request.params.id);
        const letter = id ? await deadLetters.get({ tenantId: request.ctx.tenantId }, id) : undefined;
        if (!letter) throw notFound();
        return present(letter);
      },
    );
    app.post(
      '/:id/replay',
      {
        config: { permission: 'bus:admin' },
        schema: {
          tags: ['bus'],
          summary: 'Deliver the event again to the group that failed it',
          description: 'A discarded letter is not replayed (409).',
          params: idParams,
          response: {
            202: deadLetterSchema,
            401: problemSchema,
            403: problemSchema,
            404: problemSchema,
            409: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const id = fromPublicId('dlq', request.params.id);
        const letter = id ? await deadLetters.replay({ tenantId: request.ctx.tenantId }, id) : undefined;
        if (!letter) throw notFound();
        return reply.code(202).send(present(letter));
      },
    );
    app.post(
      '/:id/discard',
      {
        config: { permission: 'bus:admin' },
        schema: {
          tags: ['bus'],
          summary: 'Set a waiting letter aside for good, without delivering its event again',
          description:
            'The letter is kept, marked discarded with who did it, and no longer counts as waiting. Discarding it again changes nothing.',
          params: idParams,
          response: {
            200: deadLetterSchema,
            401: problemSchema,
            403: problemSchema,
            404: problemSchema,
            409: problemSchema,
          },
        },
      },
      async (request) => {
        const id = fromPublicId('dlq', request.params.id);
        const letter = id
          ? await deadLetters.discard({ tenantId: request.ctx.tenantId }, id, request.ctx.actor.id)
          : undefined;
        if (!letter) throw notFound();
        return present(letter);
      },
    );
    await Promise.resolve();
  };
}
