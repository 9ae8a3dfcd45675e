import { jsonCall, queryString } from '@/kit/json-api';

import type { Schema } from '@/api/types';

/*
 * The notifications API as the console reads it: the OpenAPI document's types (schema.gen.ts). The
 * preferences are kept on the wire as `channels: { [type | '*']: { in_app?, email?, sms? } }`; the
 * console's table reads them as rows of (type, channel, enabled) and writes them back whole.
 */

/** A notification; `link` is a console path the server may add one day (none today). */
export type AppNotification = Schema<'Notification'> & { readonly link?: string | null };

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

type WirePreferences = Schema<'NotificationPreferences'>;

export type Channel = 'in_app' | 'email' | 'sms';
export const channels = ['in_app', 'email', 'sms'] as const satisfies readonly Channel[];

/** The types an employee receives (notifications' triggers); the server may add more. */
export const employeeTypes: readonly string[] = [
  'order.created',
  'payment.failed',
  'privacy.request.received',
  'message',
];

export interface Preference {
  readonly type: string;
  readonly channel: Channel;
  readonly enabled: boolean;
}

export type QuietHours = NonNullable<WirePreferences['quietHours']>;

export interface Preferences {
  readonly preferences: readonly Preference[];
  readonly quietHours: QuietHours | null;
  /** Kept as they are: the console does not edit them (the portal does, for clients). */
  readonly language: string | null;
  readonly phone: string | null;
  /** The `*` entry: what applies to types without their own choice. */
  readonly defaults: WirePreferences['channels'][string] | null;
}

export type NotificationTemplate = Schema<'NotificationTemplate'> & {
  /** The variables the type supplies (`{{orderNumber}}`); when absent, the console reads them from the text. */
  readonly variables?: readonly string[];
};

export interface TemplateInput {
  readonly type: string;
  readonly channel: Channel;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
}

/** The server's default when nobody chose: in the console and by e-mail, no SMS. */
const byDefault = (channel: Channel) => channel !== 'sms';

export function preferencesFrom(wire: WirePreferences): Preferences {
  const defaults = wire.channels['*'] ?? null;
  const types = [...new Set([...employeeTypes, ...Object.keys(wire.channels).filter((t) => t !== '*')])];
  return {
    preferences: types.flatMap((type) =>
      channels.map((channel) => ({
        type,
        channel,
        enabled: wire.channels[type]?.[channel] ?? defaults?.[channel] ?? byDefault(channel),
      })),
    ),
    quietHours: wire.quietHours,
    language: wire.language,
    phone: wire.phone,
    defaults,
  };
}

export function preferencesTo(preferences: Preferences): WirePreferences {
  const wireChannels: Record<string, Partial<Record<Channel, boolean>>> = {};
  if (preferences.defaults) wireChannels['*'] = preferences.defaults;
  for (const p of preferences.preferences)
    wireChannels[p.type] = { ...wireChannels[p.type], [p.channel]: p.enabled };
  return {
    channels: wireChannels,
    quietHours: preferences.quietHours,
    language: preferences.language,
    phone: preferences.phone,
  };
}

const base = '/api/v1/notifications';
const templatesBase = '/api/v1/notification-templates';

export const notificationsApi = {
  list: (query: { unread?: boolean; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    jsonCall<Page<AppNotification>>('GET', `${base}${queryString(query)}`, { signal }),
  unreadCount: (signal?: AbortSignal) =>
    jsonCall<{ count: number }>('GET', `${base}/unread-count`, { signal }).then((a) => a.count),
  markRead: (id: string) =>
    jsonCall<unknown>('POST', `${base}/${encodeURIComponent(id)}/read`).then(() => undefined),
  markAllRead: () => jsonCall<unknown>('POST', `${base}/read-all`).then(() => undefined),
  preferences: (signal?: AbortSignal) =>
    jsonCall<WirePreferences>('GET', `${base}/preferences`, { signal }).then(preferencesFrom),
  savePreferences: (input: Preferences) =>
    jsonCall<WirePreferences>('PUT', `${base}/preferences`, { body: preferencesTo(input) }).then(
      preferencesFrom,
    ),
  templates: (signal?: AbortSignal) =>
    jsonCall<{ items: readonly NotificationTemplate[] }>('GET', templatesBase, { signal }).then(
      (answer) => answer.items,
    ),
  createTemplate: (input: TemplateInput) =>
    jsonCall<NotificationTemplate>('POST', templatesBase, { body: input }),
  updateTemplate: (id: string, input: TemplateInput) =>
    jsonCall<NotificationTemplate>('PUT', `${templatesBase}/${encodeURIComponent(id)}`, { body: input }),
  deleteTemplate: (id: string) =>
    jsonCall<unknown>('DELETE', `${templatesBase}/${encodeURIComponent(id)}`).then(() => undefined),
};

/** The live stream of the signed-in user's notifications (SSE; `Last-Event-ID` resumes). */
export const notificationStreamPath = `${base}/stream`;

export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  latest: ['notifications', 'latest'] as const,
  list: (unread: boolean) => ['notifications', 'list', unread] as const,
  preferences: ['notifications', 'preferences'] as const,
  templates: ['notifications', 'templates'] as const,
};

// --- templates: variables and preview ---------------------------------------------------------------

/** `{{ name }}` placeholders in the order they first appear. */
export function variablesIn(...texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts)
    for (const match of text.matchAll(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g))
      if (match[1] && !found.includes(match[1])) found.push(match[1]);
  return found;
}

/** The text with each `{{name}}` replaced by its sample; a variable without one stays visible. */
export function renderTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g, (whole, name: string) => values[name] || whole);
}

/** A notification as it came over the stream, or undefined for other events (counts, keep-alives). */
export function notificationOf(data: string): AppNotification | undefined {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const candidate = (value as { notification?: unknown }).notification ?? value;
    const n = candidate as Partial<AppNotification>;
    return typeof n.id === 'string' && typeof n.title === 'string'
      ? {
          id: n.id,
          userId: typeof n.userId === 'string' ? n.userId : '',
          type: typeof n.type === 'string' ? n.type : 'message',
          title: n.title,
          body: typeof n.body === 'string' ? n.body : '',
          link: typeof n.link === 'string' ? n.link : null,
          createdAt: typeof n.createdAt === 'string' ? n.createdAt : new Date().toISOString(),
          readAt: typeof n.readAt === 'string' ? n.readAt : null,
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** An `unread` count the server may send on the stream (`{ unreadCount }` or `{ count }`). */
export function unreadCountOf(event: string, data: string): number | undefined {
  try {
    const value = JSON.parse(data) as { unreadCount?: unknown; count?: unknown };
    if (typeof value.unreadCount === 'number') return value.unreadCount;
    if (event.includes('count') && typeof value.count === 'number') return value.count;
  } catch {
    // not JSON: not a count
  }
  return undefined;
}
