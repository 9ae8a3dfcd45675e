import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../../platform/http/index.js';
import {
  conversationSettingsChangeSchema,
  conversationSettingsSchema,
  type ConversationSettings,
} from './conversation-settings.js';
import type { ConversationSettingsService } from './conversation-settings.service.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema } as const;
const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

/** GET/PUT `/conversations/settings`: transcription, language, audio and text redaction of the tenant. */
export function conversationSettingsRoutes(settings: ConversationSettingsService): FastifyPluginAsyncZod {
  const toBody = (value: ConversationSettings) => ({
    ...value,
    transcriptionProviders: [...value.transcriptionProviders],
    redactEntityTypes: [...value.redactEntityTypes],
    availableProviders: [...settings.availableProviders],
    updatedAt: value.updatedAt?.toISOString() ?? null,
  });
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['conversations'],
          summary: 'How recordings are transcribed and redacted in this organisation',
          response: { 200: conversationSettingsSchema, ...problems },
        },
      },
      async (request) => toBody(await settings.get(request.ctx)),
    );
    app.put(
      '/',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['conversations'],
          summary:
            'Changes the named settings (null returns one to its default); applies to runs started afterwards (audited)',
          body: conversationSettingsChangeSchema,
          response: { 200: conversationSettingsSchema, ...problems },
        },
      },
      async (request) => toBody(await settings.update(auditContext(request), request.body)),
    );
    await Promise.resolve();
  };
}
