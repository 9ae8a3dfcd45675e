import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Microsoft Graph change notifications for `communications/callRecords`. A notification
 * only names a call record; the record itself is fetched afterwards with
 * `$expand=sessions($expand=segments)` and normalised by normalise-teams.
 */

const text = z.string().nullish();

const changeNotificationSchema = z.looseObject({
  subscriptionId: z.string(),
  clientState: text,
  changeType: z.string(),
  resource: z.string(),
  subscriptionExpirationDateTime: text,
  tenantId: text,
  resourceData: z.looseObject({ '@odata.type': text, '@odata.id': text, id: text }).nullish(),
});

const lifecycleNotificationSchema = z.looseObject({
  subscriptionId: z.string(),
  lifecycleEvent: z.string(),
  clientState: text,
  tenantId: text,
  subscriptionExpirationDateTime: text,
});

export interface CallRecordChangeNotification {
  subscriptionId: string;
  clientState: string | null;
  changeType: string;
  resource: string;
  /** The call record to fetch, from resourceData.id or the resource path. */
  callRecordId: string | null;
  /** `@odata.type` as sent; Graph has used both `#Microsoft.Graph.callRecord` and `...callrecord`. */
  resourceDataType: string | null;
  tenantId: string | null;
  subscriptionExpirationDateTime: string | null;
}

export const LIFECYCLE_EVENTS = ['subscriptionRemoved', 'missed', 'reauthorizationRequired'] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number] | 'unknown';

export interface LifecycleNotification {
  subscriptionId: string;
  lifecycleEvent: LifecycleEvent;
  /** The value as sent, kept because an unknown event still needs a human to look at it. */
  lifecycleEventRaw: string;
  clientState: string | null;
  tenantId: string | null;
  subscriptionExpirationDateTime: string | null;
}

export type GraphNotificationBatch =
  | { kind: 'changeNotifications'; notifications: CallRecordChangeNotification[] }
  | { kind: 'lifecycleNotifications'; notifications: LifecycleNotification[] };

export type GraphNotificationParse =
  { ok: true; batch: GraphNotificationBatch } | { ok: false; error: string };

const batchSchema = z.looseObject({ value: z.array(z.unknown()).min(1) });

/** Parses the body Graph POSTs to a notificationUrl or lifecycleNotificationUrl. */
export function parseGraphNotifications(body: unknown): GraphNotificationParse {
  let json: unknown = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body) as unknown;
    } catch (error) {
      return { ok: false, error: `notification body is not JSON: ${(error as Error).message}` };
    }
  }
  const batch = batchSchema.safeParse(json);
  if (!batch.success) return { ok: false, error: 'notification body has no "value" array' };
  const first = batch.data.value[0];
  const isLifecycle = typeof first === 'object' && first !== null && 'lifecycleEvent' in first;
  if (isLifecycle) {
    const notifications: LifecycleNotification[] = [];
    for (const [index, item] of batch.data.value.entries()) {
      const parsed = lifecycleNotificationSchema.safeParse(item);
      if (!parsed.success) return { ok: false, error: `value[${index}] is not a lifecycle notification` };
      const raw = parsed.data.lifecycleEvent;
      notifications.push({
        subscriptionId: parsed.data.subscriptionId,
        lifecycleEvent: (LIFECYCLE_EVENTS as readonly string[]).includes(raw)
          ? (raw as LifecycleEvent)
          : 'unknown',
        lifecycleEventRaw: raw,
        clientState: parsed.data.clientState ?? null,
        tenantId: parsed.data.tenantId ?? null,
        subscriptionExpirationDateTime: parsed.data.subscriptionExpirationDateTime ?? null,
      });
    }
    return { ok: true, batch: { kind: 'lifecycleNotifications', notifications } };
  }
  const notifications: CallRecordChangeNotification[] = [];
  for (const [index, item] of batch.data.value.entries()) {
    const parsed = changeNotificationSchema.safeParse(item);
    if (!parsed.success) return { ok: false, error: `value[${index}] is not a change notification` };
    const n = parsed.data;
    notifications.push({
      subscriptionId: n.subscriptionId,
      clientState: n.clientState ?? null,
      changeType: n.changeType,
      resource: n.resource,
      callRecordId: n.resourceData?.id ?? callRecordIdFromResource(n.resource),
      resourceDataType: n.resourceData?.['@odata.type'] ?? null,
      tenantId: n.tenantId ?? null,
      subscriptionExpirationDateTime: n.subscriptionExpirationDateTime ?? null,
    });
  }
  return { ok: true, batch: { kind: 'changeNotifications', notifications } };
}

/** "communications/callRecords/{id}" -> "{id}". */
export function callRecordIdFromResource(resource: string): string | null {
  const match = /callRecords(?:\/|\(')([^/')]+)/i.exec(resource);
  return match?.[1] ?? null;
}

/**
 * Graph echoes the clientState given at subscription; a mismatch means the POST did not come
 * from our subscription. Compared in constant time because the state is a shared secret.
 */
export function clientStateMatches(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Graph notification body without the clientState of its notifications: the secret is checked
 * on arrival (clientStateMatches) and must never be stored. Everything else is kept as Graph sent
 * it, re-serialised. A body that is not a JSON object with a `value` array comes back unchanged.
 */
export function stripClientState(body: Buffer): Buffer {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return body;
  }
  if (!isRecord(json) || !Array.isArray(json.value)) return body;
  const notifications: readonly unknown[] = json.value;
  if (!notifications.some((item) => isRecord(item) && 'clientState' in item)) return body;
  const value = notifications.map((item) =>
    isRecord(item) ? Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'clientState')) : item,
  );
  return Buffer.from(JSON.stringify({ ...json, value }), 'utf8');
}
