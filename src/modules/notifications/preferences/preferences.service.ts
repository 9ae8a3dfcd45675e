import type { RequestContext } from '../../../platform/context.js';
import type { SubjectKeys } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { NotificationChannel, NotificationPreferences, PreferencesService } from '../contract.js';
import type { NotificationsTables } from '../db/notifications.tables.js';
import { NotificationsErrors } from '../errors.js';
import { mandatoryTypes } from '../templates/default-templates.js';
import { findPreferences, upsertPreferences, type PreferencesRow } from './preferences.repo.js';

const phoneAad = (userId: string) => `notifications.preferences.phone:${userId}`;

/** The recipient of "mine" routes: the signed-in user. */
export function recipientOf(ctx: RequestContext): string {
  if (ctx.actor.type !== 'user') throw NotificationsErrors.notAUser();
  return ctx.actor.id;
}

export const noPreferences: NotificationPreferences = {
  channels: {},
  quietHours: null,
  language: null,
  phone: null,
};

/** Whether a user wants a type on a channel: in_app and email on, SMS off, unless they said otherwise. */
export function wants(
  preferences: NotificationPreferences,
  type: string,
  channel: NotificationChannel,
): boolean {
  if (mandatoryTypes.has(type) && channel !== 'sms') return true;
  const chosen = preferences.channels[type]?.[channel] ?? preferences.channels['*']?.[channel];
  return chosen ?? channel !== 'sms';
}

export interface PreferencesReader {
  /** A user's preferences, decrypted (defaults when they never chose); the phone is null when erased. */
  of(ctx: RequestContext, userId: string): Promise<NotificationPreferences>;
}

export function createPreferencesService(
  database: Database,
  subjectKeys: SubjectKeys,
): PreferencesService & PreferencesReader {
  async function toView(tenantId: string, row: PreferencesRow | undefined): Promise<NotificationPreferences> {
    if (!row) return noPreferences;
    let phone: string | null = null;
    if (row.phoneCiphertext) {
      phone = await subjectKeys
        .open(tenantId, row.phoneCiphertext, phoneAad(row.userId))
        .then((b) => b.toString('utf8'))
        .catch(() => null);
    }
    return {
      channels: row.channels,
      quietHours:
        row.quietStart && row.quietEnd && row.timeZone
          ? { start: row.quietStart, end: row.quietEnd, timeZone: row.timeZone }
          : null,
      language: row.language,
      phone,
    };
  }
  async function of(ctx: RequestContext, userId: string) {
    const row = await database.withTenant<NotificationsTables, PreferencesRow | undefined>(ctx, (trx) =>
      findPreferences(trx, userId),
    );
    return toView(ctx.tenantId, row);
  }
  return {
    of,
    get: (ctx) => of(ctx, recipientOf(ctx)),
    async put(ctx, preferences) {
      const userId = recipientOf(ctx);
      const phone = preferences.phone;
      const subjects = phone
        ? [
            { kind: 'phone' as const, value: phone },
            { kind: 'user' as const, value: userId },
          ]
        : [];
      const phoneCiphertext = phone
        ? await subjectKeys.seal(ctx.tenantId, subjects, phone, phoneAad(userId))
        : null;
      const phoneRef = phone ? await subjectKeys.ref(ctx.tenantId, { kind: 'phone', value: phone }) : null;
      const row = await database.withTenant<NotificationsTables, PreferencesRow>(ctx, (trx) =>
        upsertPreferences(trx, {
          tenantId: ctx.tenantId,
          userId,
          channels: preferences.channels,
          quietStart: preferences.quietHours?.start ?? null,
          quietEnd: preferences.quietHours?.end ?? null,
          timeZone: preferences.quietHours?.timeZone ?? null,
          language: preferences.language,
          phoneCiphertext,
          phoneRef,
        }),
      );
      return toView(ctx.tenantId, row);
    },
  };
}
