import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import {
  conversationSettingsChangeSchema,
  conversationSettingsSchema,
  type ConversationSettings,
} from './conversation-settings.js';
import type { ConversationSettingsService } from './conversation-settings.service.js';
import { PROVIDER_NAMES } from './transcription-settings.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema } as const;
const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

const providerStatusSchema = z
  .object({
    provider: z.string(),
    available: z.boolean(),
    reason: z.string().nullable().describe('Why it cannot run now: what to install, which secret to set'),
    code: z.string().nullable(),
  })
  .meta({ id: 'TranscriptionProviderStatus' });

/** GET/PUT `/conversations/settings`: transcription, language, audio and text redaction of the tenant. */
export function conversationSettingsRoutes(settings: ConversationSettingsService): FastifyPluginAsyncZod {
  const toBody = (value: ConversationSettings): z.output<typeof conversationSettingsSchema> => ({
    ...value,
    transcription: { providers: [...value.transcription.providers] },
    transcriptionProviders: value.transcription.providers.map((provider) => provider.provider),
    redactEntityTypes: [...value.redactEntityTypes],
    availableProviders: settings.runnableProviders(value),
    providerKinds: [...PROVIDER_NAMES],
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
    app.get(
      '/transcription-status',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['conversations'],
          summary:
            'Whether each configured transcription provider could run now (engine installed, secrets set); contacts no provider',
          response: { 200: z.object({ items: z.array(providerStatusSchema) }), ...problems },
        },
      },
      async (request) => ({ items: await settings.transcriptionStatus(request.ctx) }),
    );
    await Promise.resolve();
  };
}
