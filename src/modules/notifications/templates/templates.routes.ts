import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { NotificationTemplate, TemplatesService } from '../contract.js';

export const channelSchema = z.enum(['in_app', 'email', 'sms']);

const templateSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    channel: channelSchema,
    language: z.string(),
    subject: z.string(),
    body: z.string(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'NotificationTemplate' });

const templateInput = z.strictObject({
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'lower-case letters, digits, dots, dashes and underscores'),
  channel: channelSchema,
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or de-AT'),
  subject: z.string().max(500),
  body: z.string().min(1).max(20_000),
});

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
};
const view = (t: NotificationTemplate) => ({ ...t, updatedAt: t.updatedAt.toISOString() });
const params = z.object({ templateId: z.string().max(100) });
const config = { permission: 'notifications:configure' };
const tags = ['notifications'];

/** /api/v1/notification-templates: a tenant's own wording per type, channel and language ({{variables}}). */
export function templatesRoutes(templates: TemplatesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          summary: "The tenant's notification templates",
          response: { 200: z.object({ items: z.array(templateSchema) }), ...problems },
        },
      },
      async (request) => ({ items: (await templates.list(request.ctx)).map(view) }),
    );
    app.post(
      '/',
      {
        config,
        schema: {
          tags,
          summary: 'Add a template',
          body: templateInput,
          response: { 201: templateSchema, ...problems },
        },
      },
      async (request, reply) => reply.code(201).send(view(await templates.create(request.ctx, request.body))),
    );
    app.get(
      '/:templateId',
      {
        config,
        schema: { tags, summary: 'One template', params, response: { 200: templateSchema, ...problems } },
      },
      async (request) => view(await templates.get(request.ctx, request.params.templateId)),
    );
    app.put(
      '/:templateId',
      {
        config,
        schema: {
          tags,
          summary: 'Replace a template',
          params,
          body: templateInput,
          response: { 200: templateSchema, ...problems },
        },
      },
      async (request) => view(await templates.update(request.ctx, request.params.templateId, request.body)),
    );
    app.delete(
      '/:templateId',
      {
        config,
        schema: {
          tags,
          summary: 'Remove a template (the shipped default applies again)',
          params,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await templates.remove(request.ctx, request.params.templateId);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
