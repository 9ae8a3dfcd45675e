import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/http/index.js';
import type { AuditService } from './contract.js';

const entrySchema = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    occurredAt: z.iso.datetime(),
    actor: z.object({ type: z.string(), id: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    requestId: z.string().nullable(),
    clientIp: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log entries, newest first',
          querystring: z
            .object({
              actor: z
                .string()
                .min(1)
                .max(200)
                .optional()
                .describe('Who acted: a user (usr_...), an API key (key_...) or a system component'),
              action: z
                .string()
                .max(200)
                .regex(
                  /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.?$/,
                  'must be an action such as calls.exported, or a prefix ending in a dot such as auth.',
                )
                .optional()
                .describe('Exact action, or a prefix ending in a dot (auth.)'),
              from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this instant'),
              to: z.iso.datetime({ offset: true }).optional().describe('Entries before this instant'),
              before: z.coerce
                .number()
                .int()
                .positive()
                .optional()
                .describe('Cursor: nextBefore of the previous page'),
              limit: z.coerce.number().int().min(1).max(500).default(50),
            })
            .superRefine((query, ctx) => {
              if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to))
                ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
            }),
          response: {
            200: z.object({ items: z.array(entrySchema), nextBefore: z.number().int().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const { actor, action, from, to, before, limit } = request.query;
        const page = await audit.list(request.ctx, {
          actorId: actor,
          action,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
          before,
          limit,
        });
        return {
          items: page.items.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
          nextBefore: page.nextBefore,
        };
      },
    );
    app.get(
      '/verify',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: "Recompute the tenant's hash chain and report the first broken link, if any",
          response: {
            200: z.object({
              intact: z.boolean(),
              entries: z.number().int(),
              firstBreak: z
                .object({ seq: z.number().int(), reason: z.string(), detail: z.string() })
                .nullable(),
            }),
            ...problems,
          },
        },
      },
      (request) => audit.verify(request.ctx),
    );
    await Promise.resolve();
  };
}
