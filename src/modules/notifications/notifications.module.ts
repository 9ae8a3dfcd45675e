import { defineModule, type ModulePrivacy, type PlatformModule } from '../../platform/module.js';
import { customersModule } from '../customers/index.js';
import { identityModule } from '../identity/index.js';
import type { InboxService, PreferencesService, SendService, TemplatesService } from './contract.js';
import { notificationsClassification } from './db/notifications.classification.js';
import { notificationsMigrations } from './db/migrations/index.js';
import { createChannels } from './delivery/channels.js';
import { createDispatcher } from './delivery/dispatcher.js';
import { createDeliveryMetrics } from './delivery/delivery.metrics.js';
import { deleteOldNotifications } from './housekeeping/housekeeping.job.js';
import { inboxRoutes } from './inbox/inbox.routes.js';
import { createInboxService } from './inbox/inbox.service.js';
import { createLiveHub, type LiveHub } from './live/live.hub.js';
import { createSocketTickets } from './live/socket-tickets.js';
import { createPreferencesService } from './preferences/preferences.service.js';
import { notificationsPrivacy } from './privacy/notifications.privacy.js';
import { identityDirectory } from './sending/directory.js';
import { sendRoutes } from './sending/send.routes.js';
import { createSender } from './sending/send.service.js';
import { templatesRoutes } from './templates/templates.routes.js';
import { createTemplatesService } from './templates/templates.service.js';
import { triggerHandlers } from './triggers/triggers.handlers.js';

/** What notifications offers other modules, the CLI and tests (`platform.modules.notifications`). */
export interface NotificationsApi {
  readonly send: SendService;
  readonly inbox: InboxService;
  readonly preferences: PreferencesService;
  readonly templates: TemplatesService;
  /** Sends every due e-mail and SMS (deferred by quiet hours, retries); the timer runs it every 10 s. */
  runDueDeliveries(now?: Date): Promise<number>;
  /** Deletes read notifications older than 30 days and any older than 90 (the daily timer). */
  housekeeping(now?: Date): Promise<number>;
  /** Its part in data-subject requests (also handed to the kernel as `privacy`). */
  readonly privacy: ModulePrivacy;
}

/**
 * Notifications: in-app (live over SSE and WebSocket), e-mail (SMTP) and SMS (Twilio) to employees
 * and clients, from events and the API; per-tenant templates, per-user preferences and quiet hours.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  migrations: notificationsMigrations,
  // Privacy comes after notifications in the registry: only its event (through its door) is used.
  dependsOn: [identityModule, customersModule],
  classification: notificationsClassification,
  secrets: { read: ['notifications.'] },
  settings: (config) => ({ smtpUrl: config.notifications.smtpUrl, publicUrl: config.http.publicUrl }),
  create: (deps): PlatformModule<NotificationsApi> => {
    const { database, bus, subjectKeys, logger } = deps;
    const channels = createChannels({
      secrets: deps.secrets,
      smtpUrl: deps.settings.smtpUrl,
      publicUrl: deps.settings.publicUrl,
      fetch: deps.fetch ?? fetch,
    });
    const dispatcher = createDispatcher({
      database,
      subjectKeys,
      channels,
      logger,
      metrics: createDeliveryMetrics(deps.metrics),
    });
    const preferences = createPreferencesService(database, subjectKeys);
    const inbox = createInboxService(database, subjectKeys);
    const templates = createTemplatesService(database);
    const directory = identityDirectory(deps.modules.identity, deps.modules.customers);
    const sender = createSender({ database, bus, subjectKeys, directory, preferences, dispatcher, logger });
    const tickets = createSocketTickets(database);
    // One LISTEN connection per process, opened by the first stream, shared by both surfaces.
    let hub: LiveHub | undefined;
    const liveHub = () => (hub ??= createLiveHub({ connectionString: database.appUrl, logger }));
    const privacy = notificationsPrivacy(database, subjectKeys);
    const mine = (surface: 'internal' | 'external') =>
      inboxRoutes({ surface, inbox, preferences, tickets, hub: liveHub });

    return {
      api: {
        send: sender,
        inbox,
        preferences,
        templates,
        runDueDeliveries: (now) => dispatcher.runDue(now),
        housekeeping: (now) => deleteOldNotifications(database, now),
        privacy,
      },
      routes: [
        { surface: 'internal', prefix: '/notifications', plugin: mine('internal') },
        { surface: 'internal', prefix: '/notifications', plugin: sendRoutes(sender, inbox) },
        { surface: 'internal', prefix: '/notification-templates', plugin: templatesRoutes(templates) },
        { surface: 'external', prefix: '/notifications', plugin: mine('external') },
      ],
      async close() {
        await hub?.close();
        await channels.close();
      },
      handlers: triggerHandlers({ sender, directory }),
      jobs: [
        {
          kind: 'timer',
          name: 'notifications.deliveries',
          cron: '*/10 * * * * *',
          missed: 'skip',
          run: async () => {
            await dispatcher.runDue();
          },
        },
        {
          kind: 'timer',
          name: 'notifications.housekeeping',
          cron: '0 20 3 * * *',
          missed: 'run-once',
          run: async () => {
            const deleted = await deleteOldNotifications(database);
            if (deleted > 0) logger.info({ deleted }, 'old notifications deleted');
          },
        },
      ],
      privacy,
    };
  },
});
