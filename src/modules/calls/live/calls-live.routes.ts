import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import { CallsErrors } from '../errors.js';
import { callExportsChannel } from '../export/export-jobs.repo.js';
import { callsIngestedChannel } from './calls-live.repo.js';
import { createCallsLiveHub, type CallsLiveHub } from './calls-live.hub.js';
import { problems } from '../query/calls.schemas.js';

export interface CallsLiveRoutesOptions {
  /** Where the one LISTEN connection goes (the application role's URL: listening needs no privilege). */
  readonly connectionString: string;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  readonly heartbeatMs?: number;
  /** At most one event per tenant this often. */
  readonly minIntervalMs?: number;
  /**
   * A stream ends after this long and the client reconnects, presenting its current token: a
   * stream outlives neither a revoked session nor a removed permission by more than this.
   */
  readonly maxStreamMs?: number;
  /**
   * Given the hub once it exists, for other listeners in this process (the statistics' micro-cache
   * drops a tenant's answers on "calls changed"); returns their detach, run before the hub closes.
   */
  readonly onHub?: (hub: CallsLiveHub) => () => void;
}

/**
 * `GET /calls/live`: a text/event-stream that says "calls changed" (event `calls`) whenever an
 * ingest batch that created or changed calls of the caller's tenant commits. It carries no call
 * data: the client reloads what it shows through the calls API, under its own permissions.
 * Events are at most one a second per tenant; a comment every 15 s keeps the connection open.
 */
export function callsLiveRoutes(options: CallsLiveRoutesOptions): FastifyPluginAsyncZod {
  const { heartbeatMs = 15_000, minIntervalMs = 1_000, maxStreamMs = 15 * 60_000 } = options;
  return async (app) => {
    const hub = createCallsLiveHub({
      connectionString: options.connectionString,
      // Background exports of the tenant changed (queued, progress, finished): `event: exports`.
      channels: [callsIngestedChannel, callExportsChannel],
      logger: app.log,
      minIntervalMs,
    });
    const detachListeners = options.onHub?.(hub);
    const openStreams = new Set<() => void>();
    // Open streams are requests in flight: end them first, or closing the server would wait for them.
    app.addHook('preClose', (done) => {
      for (const end of [...openStreams]) end();
      done();
    });
    app.addHook('onClose', async () => {
      detachListeners?.();
      await hub.close();
    });

    app.get(
      '/',
      {
        config: { permission: 'calls:read' },
        schema: {
          tags: ['calls'],
          summary:
            "Server-sent events: `calls` whenever calls of the caller's tenant were added or changed (at most one a second)",
          description:
            'A text/event-stream. `event: calls` with `data: {"at": "<ISO time>"}` after each committed ingest batch that created or changed calls; ' +
            '`event: exports` (same data) when a background export of the tenant was queued, progressed or finished (reload /calls/exports); ' +
            'a comment line every 15 s; the server ends a stream after 15 minutes (reconnect with a current token). Authenticate with the ' +
            'Authorization header (fetch streaming), never with a token in the URL. Send Accept: text/event-stream (406 otherwise).',
          response: {
            200: {
              description: 'The event stream',
              content: { 'text/event-stream': { schema: z.string() } },
            },
            ...problems,
            406: problemSchema,
            503: problemSchema,
          },
        },
      },
      async (request, reply) => {
        // Only a client that asks for a stream gets one: anything else (a plain GET, a link checker,
        // app.inject) would wait forever for an answer that never ends.
        if (!(request.headers.accept ?? '').includes('text/event-stream')) {
          throw CallsErrors.liveNotAcceptable();
        }
        const raw = reply.raw;
        let open = false;
        const write = (chunk: string) => {
          if (open && !raw.writableEnded) raw.write(chunk);
        };
        let unsubscribe: () => void;
        const event = (name: string) => () =>
          write(`event: ${name}\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`);
        try {
          const unsubscribeCalls = await hub.subscribe(request.ctx.tenantId, event('calls'));
          const unsubscribeExports = await hub
            .subscribe(request.ctx.tenantId, event('exports'), callExportsChannel)
            .catch((error: unknown) => {
              unsubscribeCalls();
              throw error;
            });
          unsubscribe = () => {
            unsubscribeCalls();
            unsubscribeExports();
          };
        } catch (error) {
          throw CallsErrors.liveUnavailable(error);
        }

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
          // When the stream ends (app closing, lifetime over) the socket goes too: a keep-alive
          // socket left behind would hold up the server's close until its idle timeout.
          connection: 'close',
        });
        open = true;
        raw.write(`retry: 5000\n: live calls of this organisation\n\n`);

        const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
        const lifetime = setTimeout(() => end(), maxStreamMs);
        function end(): void {
          if (!open) return;
          open = false;
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          unsubscribe();
          openStreams.delete(end);
          if (!raw.writableEnded) raw.end();
        }
        openStreams.add(end);
        raw.on('close', end);
        raw.on('error', end);
        if (raw.destroyed) end();
      },
    );
    await Promise.resolve();
  };
}
