import type { Insertable } from 'kysely';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { SubjectIdentifier, SubjectKeys } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type {
  NotificationChannel,
  NotificationPreferences,
  SendInput,
  SendResult,
  SendService,
} from '../contract.js';
import type { DeliveriesTable, NotificationsTables } from '../db/notifications.tables.js';
import { addressAad, contentAad, type Dispatcher } from '../delivery/dispatcher.js';
import { insertDeliveries } from '../delivery/deliveries.repo.js';
import { NotificationsErrors } from '../errors.js';
import { notificationCreatedV1, type NotificationCreated } from '../events.js';
import { notificationAad } from '../inbox/inbox.service.js';
import { insertNotification, notifyLive } from '../inbox/inbox.repo.js';
import type { PreferencesReader } from '../preferences/preferences.service.js';
import { wants } from '../preferences/preferences.service.js';
import { quietUntil } from '../preferences/quiet-hours.js';
import { anyRestricted } from '../privacy/restrictions.repo.js';
import { transactionalTypes } from '../templates/default-templates.js';
import { renderFor, type RenderedText } from '../templates/templates.service.js';
import type { Recipient, RecipientDirectory } from './directory.js';

export interface Sender extends SendService {
  /** Sends to recipients already resolved (the event handlers). */
  sendTo(
    ctx: RequestContext,
    recipients: readonly Recipient[],
    input: Omit<SendInput, 'recipients'>,
  ): Promise<SendResult>;
}

const defaultChannels: readonly NotificationChannel[] = ['in_app', 'email', 'sms'];

export function createSender(deps: {
  readonly database: Database;
  readonly bus: Bus;
  readonly subjectKeys: SubjectKeys;
  readonly directory: RecipientDirectory;
  readonly preferences: PreferencesReader;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
}): Sender {
  const { database, bus, subjectKeys, directory, preferences, dispatcher } = deps;

  async function resolve(ctx: RequestContext, input: SendInput): Promise<Recipient[]> {
    const found = new Map<string, Recipient>();
    const add = (r: Recipient | undefined) => {
      if (r) found.set(r.userId, r);
    };
    for (const id of input.recipients.userIds ?? []) add(await directory.user(ctx, id));
    for (const id of input.recipients.customerIds ?? []) {
      const userId = id.startsWith('usr_') ? id : await directory.userOfCustomer(ctx, id);
      if (userId) add(await directory.user(ctx, userId));
    }
    if (input.recipients.permission)
      for (const r of await directory.withPermission(ctx, input.recipients.permission)) add(r);
    return [...found.values()];
  }

  async function one(
    ctx: RequestContext,
    recipient: Recipient,
    input: Omit<SendInput, 'recipients'>,
  ): Promise<{ id: string; queued: string[] } | undefined> {
    const prefs: NotificationPreferences = await preferences.of(ctx, recipient.userId);
    const variables = {
      ...input.variables,
      ...(input.title ? { title: input.title } : {}),
      ...(input.body ? { body: input.body } : {}),
    };
    const type = input.title !== undefined ? input.type || 'message' : input.type;
    const channels = new Set(input.channels ?? defaultChannels);
    const transactional = transactionalTypes.has(type);
    // A client's SMS number: the one in their notification preferences, else their customer
    // profile's when they opted in to SMS there (and, for an optional type, to marketing by SMS).
    const contact =
      recipient.kind === 'client' && (channels.has('sms') || !transactional)
        ? await directory.clientContact(ctx, recipient.userId)
        : null;
    if (!transactional && contact?.restricted) return undefined;
    const profilePhone = contact && (transactional || contact.marketingSms) ? contact.smsPhone : null;
    const phone = prefs.phone ?? profilePhone;
    const chosenSms = prefs.channels[type]?.sms ?? prefs.channels['*']?.sms;
    const smsOn = chosenSms ?? (prefs.phone === null && profilePhone !== null);
    const wanted = (channel: NotificationChannel) =>
      channel === 'sms' ? smsOn : wants(prefs, type, channel);
    const email = recipient.email?.trim().toLowerCase() ?? null;
    const restrictionRefs = transactional
      ? []
      : [
          recipient.userId,
          ...(email ? [await subjectKeys.ref(ctx.tenantId, { kind: 'email', value: email })] : []),
          ...(phone ? [await subjectKeys.ref(ctx.tenantId, { kind: 'phone', value: phone })] : []),
        ];
    const now = new Date();
    const id = newUuid();
    const user: SubjectIdentifier = { kind: 'user', value: recipient.userId };

    return database.withTenant<NotificationsTables, { id: string; queued: string[] } | undefined>(
      ctx,
      async (trx) => {
        // Restricted (GDPR Art. 18): only transactional notifications (see transactionalTypes).
        if (await anyRestricted(trx, restrictionRefs)) return undefined;
        const render = async (channel: NotificationChannel): Promise<RenderedText> => {
          if (input.title !== undefined) return { subject: input.title, body: input.body ?? '' };
          return (
            (await renderFor(trx, input.template ?? type, channel, prefs.language, variables)) ??
            (await renderFor(trx, 'message', channel, prefs.language, { title: type, body: '' })) ?? {
              subject: type,
              body: '',
            }
          );
        };
        const inAppText = await render('in_app');
        const inApp = channels.has('in_app') && wants(prefs, type, 'in_app');
        const inserted = await insertNotification(trx, {
          id,
          tenantId: ctx.tenantId,
          userId: recipient.userId,
          type,
          contentCiphertext: await subjectKeys.seal(
            ctx.tenantId,
            [user],
            JSON.stringify({ title: inAppText.subject, body: inAppText.body }),
            notificationAad(id),
          ),
          inApp,
          sourceKey: input.sourceKey ? `${input.sourceKey}:${recipient.userId}` : null,
        });
        if (!inserted) return undefined;

        const rows: Insertable<DeliveriesTable>[] = [];
        const queued: string[] = [];
        if (channels.has('in_app'))
          rows.push({
            id: newUuid(),
            tenantId: ctx.tenantId,
            notificationId: id,
            channel: 'in_app',
            status: inApp ? 'sent' : 'skipped_by_preference',
            sentAt: inApp ? now : null,
            reason: inApp ? null : 'the recipient turned this channel off',
            addressCiphertext: null,
            addressRef: null,
            contentCiphertext: null,
            providerId: null,
          });
        const quietEnd = prefs.quietHours ? quietUntil(now, prefs.quietHours) : null;
        for (const channel of ['email', 'sms'] as const) {
          if (!channels.has(channel)) continue;
          const deliveryId = newUuid();
          const address = channel === 'email' ? email : phone;
          const base = {
            id: deliveryId,
            tenantId: ctx.tenantId,
            notificationId: id,
            channel,
            providerId: null,
            sentAt: null,
          };
          if (!wanted(channel) || !address) {
            rows.push({
              ...base,
              status: 'skipped_by_preference',
              reason: !address
                ? channel === 'email'
                  ? 'the recipient has no e-mail address'
                  : 'the recipient gave no phone number for SMS'
                : 'the recipient turned this channel off',
              addressCiphertext: null,
              addressRef: null,
              contentCiphertext: null,
            });
            continue;
          }
          const addressSubject: SubjectIdentifier = {
            kind: channel === 'email' ? 'email' : 'phone',
            value: address,
          };
          const text = await render(channel);
          const sealer = await subjectKeys.sealer(ctx.tenantId, [addressSubject, user]);
          rows.push({
            ...base,
            status: quietEnd ? 'deferred' : 'queued',
            dueAt: quietEnd ?? now,
            reason: quietEnd ? `quiet hours until ${quietEnd.toISOString()}` : null,
            addressCiphertext: sealer.seal(address, addressAad(deliveryId)),
            addressRef: await subjectKeys.ref(ctx.tenantId, addressSubject),
            contentCiphertext: sealer.seal(JSON.stringify(text), contentAad(deliveryId)),
          });
          if (!quietEnd) queued.push(deliveryId);
        }
        await insertDeliveries(trx, rows);
        const data: NotificationCreated = {
          notificationId: toPublicId('ntf', id),
          userId: recipient.userId,
          type,
        };
        await bus.publish(trx, [
          { type: notificationCreatedV1.type, tenantId: ctx.tenantId, key: recipient.userId, data },
        ]);
        if (inApp) await notifyLive(trx, ctx.tenantId, recipient.userId);
        return { id, queued };
      },
    );
  }

  async function sendTo(
    ctx: RequestContext,
    recipients: readonly Recipient[],
    input: Omit<SendInput, 'recipients'>,
  ): Promise<SendResult> {
    const ids: string[] = [];
    const queued: string[] = [];
    for (const recipient of recipients) {
      const done = await one(ctx, recipient, input);
      if (!done) continue;
      ids.push(toPublicId('ntf', done.id));
      queued.push(...done.queued);
    }
    // Sent now rather than at the dispatcher's next sweep; a failure here is the sweep's to retry.
    void Promise.all(
      queued.map((deliveryId) =>
        dispatcher
          .dispatch(ctx.tenantId, deliveryId)
          .catch((error: unknown) =>
            deps.logger.warn({ err: error, deliveryId }, 'notification delivery failed unexpectedly'),
          ),
      ),
    );
    return { notificationIds: ids };
  }

  return {
    sendTo,
    async send(ctx, input) {
      const recipients = await resolve(ctx, input);
      if (recipients.length === 0) throw NotificationsErrors.noRecipients();
      return sendTo(ctx, recipients, input);
    },
  };
}
