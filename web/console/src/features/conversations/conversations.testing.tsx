import { renderFeatureRoute } from '@/kit/route-testing';
import type { ConversationHit } from '@/api/conversations';
import { conversationsRoutes } from './routes';

/** Test-only: the conversation search under a memory router, as the console mounts it. */
export function renderConversationsRoute(path: string) {
  return renderFeatureRoute(conversationsRoutes, path);
}

let counter = 0;

export function conversationHit(overrides: Partial<ConversationHit> = {}): ConversationHit {
  counter += 1;
  return {
    recordingId: `rec_${String(counter).padStart(26, '0')}`,
    callId: null,
    startedAt: '2026-11-30T09:15:00.000Z',
    durationMs: 240_000,
    direction: 'inbound',
    queue: 'Billing',
    language: 'en',
    snippet: null,
    analysis: {
      id: `ana_${String(counter).padStart(26, '0')}`,
      grade: 'D',
      qaScore: 41,
      sentiment: { score: -0.4, label: 'negative' },
      customerSentiment: { score: -0.6, label: 'negative' },
      intents: ['refund_request'],
      categories: ['complaint'],
      topics: ['kettle'],
      analysedAt: '2026-11-30T09:20:00.000Z',
    },
    ...overrides,
  };
}
