import type { RequestContext } from '../../platform/context.js';

/** How a notification reaches a person. */
export type NotificationChannel = 'in_app' | 'email' | 'sms';
export const notificationChannels: readonly NotificationChannel[] = ['in_app', 'email', 'sms'];

/** Where a delivery stands on its channel. */
export type DeliveryStatus =
  'queued' | 'sending' | 'sent' | 'failed' | 'deferred' | 'not_configured' | 'skipped_by_preference';

/** A notification as its recipient sees it. */
export interface Notification {
  /** `ntf_...`; also the id of its live event (SSE `id:`, WebSocket `id`), so a stream resumes after it. */
  readonly id: string;
  /** `usr_...` of the recipient (an employee or a client). */
  readonly userId: string;
  /** `order.shipped`, `payment.failed`, `message`… */
  readonly type: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

export interface Delivery {
  readonly channel: NotificationChannel;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due (queued, deferred). */
  readonly dueAt: Date | null;
  /** Why it failed, was not configured or skipped, in plain words. */
  readonly reason: string | null;
  readonly sentAt: Date | null;
}

export interface NotificationPage {
  readonly items: readonly Notification[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  readonly nextCursor: string | null;
}

/** Who receives a notification sent through the API. */
export interface Recipients {
  readonly userIds?: readonly string[] | undefined;
  /** Every active employee holding this permission. */
  readonly permission?: string | undefined;
  /** Client users (`usr_...`, the orders' customerId) or customer profiles (`cus_...`, when customers can map them). */
  readonly customerIds?: readonly string[] | undefined;
}

export interface SendInput {
  readonly recipients: Recipients;
  readonly type: string;
  /** Whose template to render (a type); the notification's own type by default. */
  readonly template?: string | undefined;
  /** Variables of the type's template ({{name}}); or `title` + `body` for a ready text. */
  readonly variables?: Readonly<Record<string, string>> | undefined;
  readonly title?: string | undefined;
  readonly body?: string | undefined;
  /** The channels to try (default: in_app and email); preferences still apply. */
  readonly channels?: readonly NotificationChannel[] | undefined;
  /** Makes the send idempotent per recipient (an event id). */
  readonly sourceKey?: string | undefined;
}

export interface SendResult {
  readonly notificationIds: readonly string[];
}

/** The inbox of the signed-in user (ctx.actor). */
export interface InboxService {
  list(
    ctx: RequestContext,
    options: { readonly unread?: boolean; readonly cursor?: string; readonly limit?: number },
  ): Promise<NotificationPage>;
  unreadCount(ctx: RequestContext): Promise<number>;
  markRead(ctx: RequestContext, notificationId: string): Promise<Notification>;
  markAllRead(ctx: RequestContext): Promise<number>;
  /** The deliveries of a notification: its recipient's, or anyone's with notifications:send. */
  deliveries(ctx: RequestContext, notificationId: string, canSeeAll: boolean): Promise<Delivery[]>;
  /** The recipient's notifications after `afterId` (oldest first), for live streams resuming. */
  after(ctx: RequestContext, userId: string, afterId: string | null, limit: number): Promise<Notification[]>;
}

export interface QuietHours {
  /** `HH:MM` local time. */
  readonly start: string;
  readonly end: string;
  /** IANA time zone. */
  readonly timeZone: string;
}

export interface NotificationPreferences {
  /** type → channel → on/off; a missing entry is the default (in_app and email on, sms off). */
  readonly channels: Readonly<Record<string, Readonly<Partial<Record<NotificationChannel, boolean>>>>>;
  readonly quietHours: QuietHours | null;
  readonly language: string | null;
  /** E.164, for SMS. */
  readonly phone: string | null;
}

export interface PreferencesService {
  get(ctx: RequestContext): Promise<NotificationPreferences>;
  put(ctx: RequestContext, preferences: NotificationPreferences): Promise<NotificationPreferences>;
}

export interface NotificationTemplate {
  /** `ntt_...` */
  readonly id: string;
  readonly type: string;
  readonly channel: NotificationChannel;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
  readonly updatedAt: Date;
}

export type NewTemplate = Omit<NotificationTemplate, 'id' | 'updatedAt'>;

export interface TemplatesService {
  list(ctx: RequestContext): Promise<NotificationTemplate[]>;
  get(ctx: RequestContext, id: string): Promise<NotificationTemplate>;
  create(ctx: RequestContext, input: NewTemplate): Promise<NotificationTemplate>;
  update(ctx: RequestContext, id: string, input: NewTemplate): Promise<NotificationTemplate>;
  remove(ctx: RequestContext, id: string): Promise<void>;
}

export interface SendService {
  send(ctx: RequestContext, input: SendInput): Promise<SendResult>;
}
