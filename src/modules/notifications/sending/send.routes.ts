import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InboxService } from '../contract.js';
import { problems } from '../inbox/inbox.routes.js';
import { channelSchema } from '../templates/templates.routes.js';
import type { Sender } from './send.service.js';

const deliverySchema = z
  .object({
    channel: channelSchema,
    status: z.enum([
      'queued',
      'sending',
      'sent',
      'failed',
      'deferred',
      'not_configured',
      'skipped_by_preference',
    ]),
    attempts: z.number().int(),
    dueAt: z.iso.datetime().nullable(),
    reason: z.string().nullable(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'NotificationDelivery' });

const id = z.string().max(100);
const sendBody = z
  .strictObject({
    recipients: z.strictObject({
      userIds: z.array(id.regex(/^usr_/, 'a user id (usr_…)')).max(1000).optional(),
      permission: z.string().max(100).optional(),
      customerIds: z
        .array(id.regex(/^(usr|cus)_/, 'a client user (usr_…) or customer (cus_…) id'))
        .max(1000)
        .optional(),
    }),
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'lower-case letters, digits, dots, dashes and underscores'),
    template: z.string().max(100).optional(),
    variables: z.record(z.string().max(100), z.string().max(2000)).optional(),
    title: z.string().min(1).max(300).optional(),
    body: z.string().max(5000).optional(),
    channels: z.array(channelSchema).min(1).max(3).optional(),
  })
  .refine((b) => b.title !== undefined || b.body === undefined, {
    path: ['title'],
    message: 'is needed with body',
  });

/** Internal only: POST /api/v1/notifications (send) and GET /{id}/deliveries. */
export function sendRoutes(sender: Sender, inbox: InboxService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'notifications:send' },
        schema: {
          tags: ['notifications'],
          summary: 'Send a notification to users, permission holders or clients',
          description:
            'Either a type with its template (`template` names the type whose template to use, `variables` fill it) or a ready `title` + `body`. ' +
            "Channels default to in-app, e-mail and SMS; each recipient's preferences and quiet hours still apply.",
          body: sendBody,
          response: { 202: z.object({ notificationIds: z.array(z.string()) }), ...problems },
        },
      },
      async (request, reply) => {
        const { recipients, type, template, variables, title, body, channels } = request.body;
        const result = await sender.send(request.ctx, {
          recipients,
          type,
          template,
          variables,
          title,
          body,
          channels,
        });
        return reply.code(202).send({ notificationIds: [...result.notificationIds] });
      },
    );
    app.get(
      '/:notificationId/deliveries',
      {
        config: { permission: 'notifications:read' },
        schema: {
          tags: ['notifications'],
          summary: 'Where a notification went on each channel (mine, or any with notifications:send)',
          params: z.object({ notificationId: id }),
          response: { 200: z.object({ items: z.array(deliverySchema) }), ...problems },
        },
      },
      async (request) => {
        const canSeeAll = request.principal?.permissions.has('notifications:send') ?? false;
        const items = await inbox.deliveries(request.ctx, request.params.notificationId, canSeeAll);
        return {
          items: items.map((d) => ({
            ...d,
            dueAt: d.dueAt?.toISOString() ?? null,
            sentAt: d.sentAt?.toISOString() ?? null,
          })),
        };
      },
    );
    await Promise.resolve();
  };
}
