import type { OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { CampaignInput, CampaignsService, CampaignStats } from '../contract.js';
import { ATTEMPT_OUTCOMES } from './campaign-settings.js';
import {
  attemptSchema,
  campaignBodySchema,
  campaignPatchSchema,
  campaignSchema,
  campaignStatsSchema,
  views,
} from './campaigns.schemas.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['campaigns'];
const params = z.object({ campaignId: z.string().max(100) });

export interface CampaignsRoutesOptions {
  /** How often a live stream asks for the statistics (at most every 2 s). */
  readonly pollMs?: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  readonly heartbeatMs?: number;
  /** A stream ends after this long and the client reconnects with its current credentials. */
  readonly maxStreamMs?: number;
}

const toDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

function toInput(body: Partial<z.output<typeof campaignBodySchema>>): Partial<CampaignInput> {
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.lists !== undefined ? { lists: body.lists } : {}),
    ...(body.settings !== undefined ? { settings: body.settings } : {}),
    ...(body.startsAt !== undefined ? { startsAt: toDate(body.startsAt) } : {}),
    ...(body.endsAt !== undefined ? { endsAt: toDate(body.endsAt) } : {}),
    ...(body.priority !== undefined ? { priority: body.priority } : {}),
  };
}

/** What a live stream compares to decide whether to send: everything but the time of asking. */
const fingerprint = (stats: CampaignStats) => JSON.stringify({ ...stats, at: undefined });

/** Mounted at /api/v1/campaigns/campaigns. */
export function campaignsRoutes(
  campaigns: CampaignsService,
  options: CampaignsRoutesOptions = {},
): FastifyPluginAsyncZod {
  const { pollMs = 2_000, heartbeatMs = 15_000, maxStreamMs = 15 * 60_000 } = options;
  return async (app) => {
    const openStreams = new Set<() => void>();
    // Open streams are requests in flight: end them first, or closing the server would wait for them.
    app.addHook('preClose', (done) => {
      for (const end of [...openStreams]) end();
      done();
    });

    app.get(
      '/',
      {
        config: { permission: 'campaigns:read' },
        schema: {
          tags,
          summary: 'Campaigns, newest first',
          response: { 200: z.object({ campaigns: z.array(campaignSchema) }), ...problems },
        },
      },
      async (request) => ({ campaigns: (await campaigns.list(request.ctx)).map(views.campaign) }),
    );

    app.post(
      '/',
      {
        config: { permission: 'campaigns:write' },
        schema: {
          tags,
          summary: 'Create a campaign (a draft)',
          body: campaignBodySchema,
          response: { 201: campaignSchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(views.campaign(await campaigns.create(request.ctx, toInput(request.body) as CampaignInput))),
    );

    app.get(
      '/:campaignId',
      {
        config: { permission: 'campaigns:read' },
        schema: { tags, summary: 'One campaign', params, response: { 200: campaignSchema, ...problems } },
      },
      async (request) => views.campaign(await campaigns.get(request.ctx, request.params.campaignId)),
    );

    app.patch(
      '/:campaignId',
      {
        config: { permission: 'campaigns:write' },
        schema: {
          tags,
          summary:
            'Change a campaign (settings and lists are replaced whole); not once completed or cancelled',
          params,
          body: campaignPatchSchema,
          response: { 200: campaignSchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request) =>
        views.campaign(await campaigns.update(request.ctx, request.params.campaignId, toInput(request.body))),
    );

    app.delete(
      '/:campaignId',
      {
        config: { permission: 'campaigns:write' },
        schema: {
          tags,
          summary: 'Remove a draft campaign',
          params,
          response: { 204: z.null(), ...problems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        await campaigns.remove(request.ctx, request.params.campaignId);
        return reply.code(204).send(null);
      },
    );

    const transitions = {
      start: 'Start a draft or paused campaign: its lists’ leads go into the hopper',
      pause: 'Pause a running campaign',
      resume: 'Resume a paused campaign',
      cancel: 'Cancel a campaign that has not ended',
    } as const;
    for (const [action, summary] of Object.entries(transitions) as [keyof typeof transitions, string][]) {
      app.post(
        `/:campaignId/${action}`,
        {
          config: { permission: 'campaigns:write' },
          schema: {
            tags,
            summary,
            params,
            response: { 200: campaignSchema, ...problems, 409: problemSchema },
          },
        },
        async (request) => views.campaign(await campaigns[action](request.ctx, request.params.campaignId)),
      );
    }

    app.get(
      '/:campaignId/attempts',
      {
        config: { permission: 'campaigns:read' },
        schema: {
          tags,
          summary: 'The campaign’s call attempts, newest first',
          params,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().max(200).optional(),
            outcome: z.enum(ATTEMPT_OUTCOMES).optional(),
          }),
          response: {
            200: z.object({ attempts: z.array(attemptSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await campaigns.attempts(request.ctx, request.params.campaignId, request.query);
        return { attempts: page.attempts.map(views.attempt), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/:campaignId/stats',
      {
        config: { permission: 'campaigns:read' },
        schema: {
          tags,
          summary: 'What the campaign did: calls, outcomes, abandonment (30 days, 24 hours), skips, pacing',
          params,
          response: { 200: campaignStatsSchema, ...problems },
        },
      },
      async (request) => views.stats(await campaigns.campaignStats(request.ctx, request.params.campaignId)),
    );

    app.get(
      '/:campaignId/live',
      {
        config: { permission: 'campaigns:read' },
        schema: {
          tags,
          summary: 'Server-sent events: the campaign’s statistics at once, then whenever they change',
          description:
            'A text/event-stream. `event: stats` with `data: CampaignStats` when the stream opens and whenever the statistics change ' +
            '(checked every 2 s); a comment line every 15 s; the server ends a stream after 15 minutes (reconnect). ' +
            'Authenticate with the Authorization header (fetch streaming).',
          params,
          response: {
            200: {
              description: 'The event stream',
              content: { 'text/event-stream': { schema: z.string() } },
            },
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const { ctx } = request;
        const { campaignId } = request.params;
        // The first statistics are read before the stream opens: an unknown campaign gets its 404.
        const first = await campaigns.campaignStats(ctx, campaignId);
        const raw = reply.raw;
        reply.hijack();
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(reply.getHeaders()))
          if (value !== undefined) headers[name] = value;
        raw.writeHead(200, {
          ...headers,
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          // nginx and similar proxies would otherwise hold events back in their buffers.
          'x-accel-buffering': 'no',
          connection: 'close',
        });
        let open = true;
        const write = (chunk: string) => {
          if (open && !raw.writableEnded) raw.write(chunk);
        };
        const send = (stats: CampaignStats) =>
          write(`event: stats\ndata: ${JSON.stringify(views.stats(stats))}\n\n`);
        write('retry: 5000\n\n');
        send(first);
        let last = fingerprint(first);
        let polling = false;
        const poll = setInterval(() => {
          if (polling) return;
          polling = true;
          campaigns
            .campaignStats(ctx, campaignId)
            .then((stats) => {
              const now = fingerprint(stats);
              if (now !== last) {
                last = now;
                send(stats);
              }
            })
            .catch((error: unknown) => {
              request.log.warn(
                { err: error, campaignId },
                'live campaign statistics failed; the stream ends',
              );
              end();
            })
            .finally(() => {
              polling = false;
            });
        }, pollMs);
        const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
        const lifetime = setTimeout(() => end(), maxStreamMs);
        function end(): void {
          if (!open) return;
          open = false;
          clearInterval(poll);
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          openStreams.delete(end);
          if (!raw.writableEnded) raw.end();
        }
        openStreams.add(end);
        raw.on('close', end);
        raw.on('error', end);
        if (raw.destroyed) end();
      },
    );

    app.get(
      '/:campaignId/results.csv',
      {
        config: { permission: 'leads:export' },
        schema: {
          tags,
          summary:
            'Export the campaign’s attempts with each lead’s name and number as CSV (audited; formula cells neutralised)',
          params,
          response: {
            200: {
              description: 'The attempts, oldest first',
              content: { 'text/csv': { schema: z.string() } },
            },
            ...problems,
          },
        },
      },
      async (request, reply) => {
        // Everything that can refuse the request runs here, before the status line is sent.
        const lines = await campaigns.resultsCsv(
          { ...request.ctx, clientIp: request.ip },
          request.params.campaignId,
        );
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="campaign-results.csv"')
            .header('cache-control', 'no-store')
            // The schema documents the text; the body is a stream, which Fastify sends without serialising.
            .send(Readable.from(lines) as unknown as string)
        );
      },
    );
    await Promise.resolve();
  };
}
