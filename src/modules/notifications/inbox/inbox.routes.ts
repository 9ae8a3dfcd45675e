import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Surface } from '../../../platform/auth/index.js';
import type { RequestContext } from '../../../platform/context.js';
import { problemSchema } from '../../../platform/http/index.js';
import type { InboxService, Notification, PreferencesService } from '../contract.js';
import { NotificationsErrors } from '../errors.js';
import type { LiveHub } from '../live/live.hub.js';
import type { SocketTickets } from '../live/socket-tickets.js';
import { registerWebsocket } from '../live/websocket-plugin.js';
import { isTimeZone } from '../preferences/quiet-hours.js';
import { recipientOf } from '../preferences/preferences.service.js';

export const notificationSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    type: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};

export const notificationView = (n: Notification) => ({
  ...n,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time HH:MM (00:00–23:59)');
const channelChoices = z.strictObject({
  in_app: z.boolean().optional(),
  email: z.boolean().optional(),
  sms: z.boolean().optional(),
});
const preferencesSchema = z
  .strictObject({
    channels: z.record(
      z.string().regex(/^(\*|[a-z][a-z0-9_.-]{0,99})$/, 'a notification type or *'),
      channelChoices,
    ),
    quietHours: z
      .strictObject({
        start: hhmm,
        end: hhmm,
        timeZone: z.string().max(100).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
      })
      .nullable(),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or de-AT')
      .nullable(),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 number such as +447700900123')
      .nullable(),
  })
  .meta({ id: 'NotificationPreferences' });

export interface InboxRoutesOptions {
  readonly surface: Surface;
  readonly inbox: InboxService;
  readonly preferences: PreferencesService;
  readonly hub: () => LiveHub;
  readonly tickets: SocketTickets;
  readonly heartbeatMs?: number;
}

interface Feed {
  stop(): void;
}

/**
 * The signed-in user's notifications ("mine"), on both surfaces: /api/v1/notifications for employees,
 * /ext/v1/notifications for clients. Live: SSE (`/stream`) and WebSocket (`/socket`) carry the same
 * events, each with the notification's id as event id, resumable after any of them.
 */
export function inboxRoutes(options: InboxRoutesOptions): FastifyPluginAsyncZod {
  const { surface, inbox, preferences, tickets, heartbeatMs = 15_000 } = options;
  const permission = surface === 'internal' ? 'notifications:read' : 'portal:read';
  const config = { permission };
  const tags = ['notifications'];

  /** Sends what the user has after `lastEventId` (or what arrives from now on), then every new one. */
  async function openFeed(
    ctx: RequestContext,
    userId: string,
    lastEventId: string | undefined,
    push: (n: Notification) => void,
  ): Promise<Feed> {
    let cursor: string | null = lastEventId?.startsWith('ntf_') ? lastEventId : null;
    if (!cursor) cursor = (await inbox.list(ctx, { limit: 1 })).items[0]?.id ?? null;
    let running: Promise<void> | undefined;
    // An object, not lets: the flags change in callbacks the compiler cannot follow.
    const state = { again: false, stopped: false };
    const repeat = (): boolean => state.again && !state.stopped;
    const pull = () => {
      if (running) {
        state.again = true;
        return;
      }
      running = (async () => {
        do {
          state.again = false;
          for (;;) {
            const batch = await inbox.after(ctx, userId, cursor, 100);
            for (const n of batch) {
              if (state.stopped) return;
              push(n);
              cursor = n.id;
            }
            if (batch.length < 100) break;
          }
        } while (repeat());
      })()
        .catch(() => undefined)
        .finally(() => {
          running = undefined;
        });
    };
    let unsubscribe: () => void;
    try {
      unsubscribe = await options.hub().subscribe(ctx.tenantId, userId, pull);
    } catch (error) {
      throw NotificationsErrors.streamUnavailable(error);
    }
    if (lastEventId) pull();
    return {
      stop() {
        state.stopped = true;
        unsubscribe();
      },
    };
  }

  return async (app) => {
    await registerWebsocket(app);
    const open = new Set<() => void>();
    app.addHook('preClose', (done) => {
      for (const end of [...open]) end();
      done();
    });

    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          summary: 'My notifications, newest first',
          querystring: z.strictObject({
            unread: z.enum(['true', 'false']).optional(),
            cursor: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(100).optional(),
          }),
          response: {
            200: z.object({ items: z.array(notificationSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const { unread, cursor, limit } = request.query;
        const page = await inbox.list(request.ctx, {
          unread: unread === 'true',
          ...(cursor ? { cursor } : {}),
          ...(limit ? { limit } : {}),
        });
        return { items: page.items.map(notificationView), nextCursor: page.nextCursor };
      },
    );
    app.get(
      '/unread-count',
      {
        config,
        schema: {
          tags,
          summary: 'How many of my notifications are unread',
          response: { 200: z.object({ count: z.number().int() }), ...problems },
        },
      },
      async (request) => ({ count: await inbox.unreadCount(request.ctx) }),
    );
    app.post(
      '/read-all',
      {
        config,
        schema: {
          tags,
          summary: 'Mark all my notifications read',
          response: { 200: z.object({ marked: z.number().int() }), ...problems },
        },
      },
      async (request) => ({ marked: await inbox.markAllRead(request.ctx) }),
    );
    app.post(
      '/:notificationId/read',
      {
        config,
        schema: {
          tags,
          summary: 'Mark one of my notifications read',
          params: z.object({ notificationId: z.string().max(100) }),
          response: { 200: notificationSchema, ...problems },
        },
      },
      async (request) => notificationView(await inbox.markRead(request.ctx, request.params.notificationId)),
    );
    app.get(
      '/preferences',
      {
        config,
        schema: {
          tags,
          summary: 'My notification preferences',
          response: { 200: preferencesSchema, ...problems },
        },
      },
      async (request) => preferences.get(request.ctx),
    );
    app.put(
      '/preferences',
      {
        config,
        schema: {
          tags,
          summary: 'Set my notification preferences (channels per type, quiet hours, language, SMS number)',
          body: preferencesSchema,
          response: { 200: preferencesSchema, ...problems },
        },
      },
      async (request) => preferences.put(request.ctx, request.body),
    );
    app.post(
      '/socket-ticket',
      {
        config,
        schema: {
          tags,
          summary: 'A single-use ticket (60 s) to open the WebSocket with (?ticket=)',
          response: { 200: z.object({ ticket: z.string(), expiresAt: z.iso.datetime() }), ...problems },
        },
      },
      async (request) => {
        const issued = await tickets.issue(request.ctx.tenantId, recipientOf(request.ctx), surface);
        return { ticket: issued.ticket, expiresAt: issued.expiresAt.toISOString() };
      },
    );

    app.get(
      '/stream',
      {
        config,
        schema: {
          tags,
          summary:
            'Server-sent events: my new notifications (event `notification`, id = the notification id)',
          description:
            'A text/event-stream. Each new notification is `event: notification`, `id: ntf_…`, `data: <the notification as JSON>`. ' +
            'Reconnect with `Last-Event-ID` to receive what arrived meanwhile. A comment every 15 s keeps it open. Send Accept: text/event-stream (406 otherwise).',
          headers: z.object({ 'last-event-id': z.string().max(100).optional() }),
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
        if (!(request.headers.accept ?? '').includes('text/event-stream'))
          throw NotificationsErrors.streamNotAcceptable();
        const userId = recipientOf(request.ctx);
        const raw = reply.raw;
        let live = false;
        const pending: Notification[] = [];
        const write = (chunk: string) => {
          if (live && !raw.writableEnded) raw.write(chunk);
        };
        const send = (n: Notification) =>
          write(`event: notification\nid: ${n.id}\ndata: ${JSON.stringify(notificationView(n))}\n\n`);
        const feed = await openFeed(request.ctx, userId, request.headers['last-event-id'], (n) =>
          live ? send(n) : pending.push(n),
        );
        reply.hijack();
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(reply.getHeaders()))
          if (value !== undefined) headers[name] = value;
        raw.writeHead(200, {
          ...headers,
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
          connection: 'close',
        });
        live = true;
        raw.write('retry: 3000\n: my notifications\n\n');
        for (const n of pending.splice(0)) send(n);
        const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
        const end = () => {
          if (!live) return;
          live = false;
          clearInterval(heartbeat);
          feed.stop();
          open.delete(end);
          if (!raw.writableEnded) raw.end();
        };
        open.add(end);
        raw.on('close', end);
        raw.on('error', end);
        if (raw.destroyed) end();
      },
    );

    app.route({
      method: 'GET',
      url: '/socket',
      config: { public: true },
      schema: {
        tags,
        summary: 'WebSocket: my new notifications, the same events as the stream',
        description:
          'Open with `?ticket=` from POST …/socket-ticket (single use, 60 s); `?lastEventId=ntf_…` resumes after that notification. ' +
          'Each message is JSON `{"event": "notification", "id": "ntf_…", "data": {…}}`; the server pings every 15 s and closes with 1001 when it shuts down. ' +
          'A plain GET without the upgrade is answered 426.',
        querystring: z.strictObject({
          ticket: z.string().max(200),
          lastEventId: z.string().max(100).optional(),
        }),
        response: { 426: problemSchema, 400: problemSchema, 429: problemSchema },
      },
      wsHandler: (socket: WebSocket, request) => {
        const query = request.query;
        let feed: Feed | undefined;
        const socketState = { closed: false };
        const end = (code = 1001) => {
          if (socketState.closed) return;
          socketState.closed = true;
          clearInterval(ping);
          feed?.stop();
          open.delete(end);
          socket.close(code);
        };
        const ping = setInterval(() => socket.ping(), heartbeatMs);
        open.add(end);
        socket.on('close', () => end());
        socket.on('error', () => end());
        void (async () => {
          const holder = await tickets.redeem(query.ticket, surface).catch(() => undefined);
          if (!holder) {
            socket.close(4401, 'ticket unknown, used or expired');
            end();
            return;
          }
          const ctx: RequestContext = {
            tenantId: holder.tenantId,
            actor: { type: 'user', id: holder.userId, roles: [] },
            requestId: request.id,
          };
          feed = await openFeed(ctx, holder.userId, query.lastEventId, (n) => {
            if (!socketState.closed)
              socket.send(JSON.stringify({ event: 'notification', id: n.id, data: notificationView(n) }));
          }).catch(() => undefined);
          if (!feed) {
            socket.close(1013, 'live notifications unavailable');
            end();
          } else if (socketState.closed) feed.stop();
          else socket.send(JSON.stringify({ event: 'ready' }));
        })();
      },
      handler: async (request, reply) =>
        reply.code(426).header('upgrade', 'websocket').type('application/problem+json').send({
          type: 'about:blank',
          title: 'Upgrade to a WebSocket',
          status: 426,
          detail: 'This address speaks WebSocket only: open it with an upgrade request.',
          code: 'NOTIFICATIONS_UPGRADE_REQUIRED',
          requestId: request.id,
        }),
    });
    await Promise.resolve();
  };
}
