import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PlatformErrors } from '../../../platform/errors.js';
import { problems } from '../recordings/recordings.schemas.js';
import {
  conversationPageSchema,
  conversationQuerySchema,
  decodeConversationCursor,
  encodeConversationCursor,
} from './conversation-search.schemas.js';
import type { ConversationSearchService } from './conversation-search.service.js';

const has = (request: FastifyRequest, permission: string) =>
  request.principal?.permissions.has(permission) ?? false;

/** GET /conversations: search the tenant's transcribed conversations. */
export function conversationSearchRoutes(search: ConversationSearchService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'recordings:read' },
        schema: {
          tags: ['conversations'],
          summary:
            'Search transcribed conversations by words (anywhere, the agent’s, the customer’s), analysis (sentiment, QA grade and score, intents, categories, topics), agent, queue and call start; newest call first, keyset-paginated',
          description:
            'Text filters need transcripts:read, analysis filters analysis:read. A conversation is a recording with a transcript (state ready).',
          querystring: conversationQuerySchema,
          response: { 200: conversationPageSchema, ...problems },
        },
      },
      async (request) => {
        const { cursor, ...query } = request.query;
        const textFilter = query.q ?? query.agentSaid ?? query.customerSaid;
        if (textFilter !== undefined && !has(request, 'transcripts:read'))
          throw PlatformErrors.forbidden('transcripts:read');
        const analysisFilter =
          query.sentiment ??
          query.customerSentiment ??
          query.sentimentMin ??
          query.sentimentMax ??
          query.grade ??
          query.qaScoreMin ??
          query.qaScoreMax ??
          query.intent ??
          query.category ??
          query.topic ??
          query.analysed;
        const withAnalysis = has(request, 'analysis:read');
        if (analysisFilter !== undefined && !withAnalysis) throw PlatformErrors.forbidden('analysis:read');
        const page = await search.search(
          request.ctx,
          { ...query, after: cursor === undefined ? undefined : decodeConversationCursor(cursor) },
          { withAnalysis },
        );
        return {
          items: page.items,
          nextCursor: page.nextCursor ? encodeConversationCursor(page.nextCursor) : null,
          total: page.total,
        };
      },
    );
    await Promise.resolve();
  };
}
