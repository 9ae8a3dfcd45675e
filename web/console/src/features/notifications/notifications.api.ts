import { jsonCall, queryString } from '@/kit/json-api';

/*
 * The notifications API as the console reads it (API-18.md, "Notifications (H5)"), written by hand
 * because the routes are built in parallel and are not yet in schema.gen.ts.
 *
 * TODO(lead, after the merge): switch to the generated types and the typed `api` client.
 */

export interface AppNotification {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly body: string;
  /** A console path (`/orders/ord_…`) the notification is about, when it has one. */
  readonly link?: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export type Channel = 'in_app' | 'email' | 'sms';
export const channels: readonly Channel[] = ['in_app', 'email', 'sms'];

/** The types an employee receives (API-18: events handled → employees); the server may add more. */
export const employeeTypes: readonly string[] = [
  'orders.order.created',
  'payments.payment.failed',
  'privacy.request.received',
  'privacy.request.due_soon',
  'message',
];

export interface Preference {
  readonly type: string;
  readonly channel: Channel;
  readonly enabled: boolean;
}

export interface QuietHours {
  /** `22:00` */
  readonly start: string;
  /** `07:00` */
  readonly end: string;
  /** IANA zone the hours are read in. */
  readonly timeZone: string;
}

export interface Preferences {
  readonly preferences: readonly Preference[];
  readonly quietHours: QuietHours | null;
}

export interface NotificationTemplate {
  readonly id: string;
  readonly type: string;
  readonly channel: Channel;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
  /** The variables the type supplies (`{{orderNumber}}`); when absent, the console reads them from the text. */
  readonly variables?: readonly string[];
  readonly updatedAt: string;
}

export interface TemplateInput {
  readonly type: string;
  readonly channel: Channel;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
}

const base = '/api/v1/notifications';
const templatesBase = '/api/v1/notification-templates';

const itemsOf = <T>(answer: { items: readonly T[] } | readonly T[]): readonly T[] =>
  Array.isArray(answer) ? answer : (answer as { items: readonly T[] }).items;

export const notificationsApi = {
  list: (query: { unread?: boolean; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    jsonCall<Page<AppNotification>>('GET', `${base}${queryString(query)}`, { signal }),
  unreadCount: (signal?: AbortSignal) =>
    jsonCall<{ count: number }>('GET', `${base}/unread-count`, { signal }).then((a) => a.count),
  markRead: (id: string) =>
    jsonCall<unknown>('POST', `${base}/${encodeURIComponent(id)}/read`, { body: {} }).then(() => undefined),
  markAllRead: () => jsonCall<unknown>('POST', `${base}/read-all`, { body: {} }).then(() => undefined),
  preferences: (signal?: AbortSignal) => jsonCall<Preferences>('GET', `${base}/preferences`, { signal }),
  savePreferences: (input: Preferences) =>
    jsonCall<Preferences>('PUT', `${base}/preferences`, { body: input }),
  templates: (signal?: AbortSignal) =>
    jsonCall<{ items: readonly NotificationTemplate[] } | readonly NotificationTemplate[]>(
      'GET',
      templatesBase,
      {
        signal,
      },
    ).then(itemsOf),
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
