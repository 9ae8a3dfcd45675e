import { vi } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { stubApi } from '@/test/render';
import { campaignDefaults, type Campaign, type CampaignStats } from './campaigns.api';
import { campaignsRoutes } from './routes';

/** Test-only: the campaign pages under a memory router, as the console mounts them. */
export function renderCampaignsRoute(path: string) {
  return renderFeatureRoute(campaignsRoutes, path);
}

export const campaignId = 'cmp_01jf0000000000000000000001';
export const listId = 'list_01jf0000000000000000000001';

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: campaignId,
    name: 'Winter renewals',
    description: null,
    state: 'running',
    lists: [{ listId, name: 'Renewals Q4', weight: 1, leadCount: 1200 }],
    settings: {
      purpose: 'marketing',
      usesArtificialVoice: true,
      liveAgentGuaranteed: false,
      consentRequired: [],
      allowedRegions: ['US', 'GB'],
      callingWindow: { startMinute: 540, endMinute: 1200 },
      maxAttemptsPerLead: 2,
      maxAttemptsPerDay: 1,
      retrySpacingMinutes: {},
      recycleOutcomes: [...campaignDefaults.recycleOutcomes],
      pacing: { callsPerMinute: 10, maxConcurrent: 5 },
      abandonment: { limitPercent: 3, slowDownAtPercent: 2.5 },
      adapter: { name: 'simulator' },
      contextFields: ['firstName'],
    },
    pacingFactor: 1,
    priority: 0,
    startsAt: null,
    endsAt: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    startedAt: '2026-12-01T09:05:00.000Z',
    stoppedAt: null,
    hopper: { pending: 40, inCall: 2, done: 58 },
    ...overrides,
  };
}

export function stats(overrides: Partial<CampaignStats> = {}): CampaignStats {
  return {
    campaignId,
    state: 'running',
    at: '2026-12-03T10:00:00.000Z',
    dialled: 0,
    connected: 0,
    answeredByMachine: 0,
    talkSeconds: 0,
    conversions: 0,
    optOuts: 0,
    callbacks: 0,
    inCall: 0,
    abandoned: 0,
    abandonment: {
      rate30d: 0,
      answered30d: 0,
      abandoned30d: 0,
      rate24h: 0,
      answered24h: 0,
      abandoned24h: 0,
      limitPercent: 3,
    },
    skipsByReason: {},
    outcomes: {},
    pacing: { callsPerMinute: 10, maxConcurrent: 5, factor: 1, effectiveCallsPerMinute: 10 },
    hopper: { pending: 40, inCall: 0, done: 0 },
    ...overrides,
  };
}

/**
 * Answers the API as stubApi does, and `GET …/live` with an event stream the test writes to:
 * `send(event, data)` delivers one server-sent event.
 */
export function stubApiWithLiveStream(routes: Parameters<typeof stubApi>[0]) {
  const answer = stubApi(routes);
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const opened = vi.fn();
  vi.stubGlobal('fetch', async (request: Request) => {
    if (!new URL(request.url).pathname.endsWith('/live')) return answer(request);
    opened();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
    });
    request.signal.addEventListener('abort', () =>
      controller?.error(new DOMException('aborted', 'AbortError')),
    );
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  return {
    opened,
    send(event: string, data: unknown) {
      controller?.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
  };
}
