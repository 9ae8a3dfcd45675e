import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { CustomerStatsSource, CustomersDirectory } from './contract.js';
import { needs } from './customers.deps.js';
import { customersClassification } from './db/customers.classification.js';
import { customersMigrations } from './db/migrations/index.js';
import { customerEvents } from './events.js';
import { createCustomersPrivacy } from './privacy/customers.privacy.js';
import { createInactiveCustomers } from './privacy/inactive-customers.job.js';
import { meRoutes } from './profiles/me.routes.js';
import { createProfileSealing } from './profiles/profile-sealing.js';
import { customersRoutes } from './profiles/profiles.routes.js';
import { createProfilesService, type ProfilesService } from './profiles/profiles.service.js';
import { segmentsRoutes } from './segments/segments.routes.js';
import { createSegmentsService, type SegmentsService } from './segments/segments.service.js';
import { timelineRoutes as timelineRoutesFor } from './timeline/timeline.routes.js';
import { createTimelineService, type TimelineService } from './timeline/timeline.service.js';

/** What customers offers other modules, the CLI and tests (`platform.modules.customers`). */
export interface CustomersApi extends CustomersDirectory {
  /** Profiles: create, search, rectify; addresses, consents, preferences; the tenant's settings. */
  readonly profiles: Omit<ProfilesService, 'internals'>;
  readonly segments: SegmentsService;
  readonly timeline: TimelineService;
  /** Anonymises customers inactive since `olderThan` (default seven years); the daily job runs it. */
  anonymiseInactive(options?: { readonly now?: Date; readonly olderThan?: Date }): Promise<number>;
}

const descriptions: Record<string, string> = {
  'customers.customer.created.v1': 'A customer profile was created.',
  'customers.customer.updated.v1': 'A customer profile changed.',
  'customers.customer.anonymised.v1': 'A customer profile was anonymised (erasure or inactivity).',
};

/**
 * Customers: profiles (personal fields sealed under the subject's keys, found by blind indexes),
 * addresses, contact preferences, the consent history, segments by rules over orders' facts, and
 * the 360° timeline every privacy participant contributes to.
 */
export const customersModule = defineModule({
  name: 'customers',
  migrations: customersMigrations,
  dependsOn: needs,
  classification: customersClassification,
  webhookEvents: customerEvents.map((e) => ({ type: e.type, description: descriptions[e.type] ?? e.type })),
  create: (deps): PlatformModule<CustomersApi> => {
    const sealing = createProfileSealing(deps.keyring, deps.subjectKeys);
    const profiles = createProfilesService({
      database: deps.database,
      bus: deps.bus,
      audit: deps.auditLog,
      sealing,
    });
    // Orders' customerStats, looked up at each call (a test may put figures of its own there).
    const orders = deps.modules.orders;
    const stats = (): CustomerStatsSource => (ctx, query) => orders.customerStats(ctx, query);
    const segments = createSegmentsService({ profiles, stats });
    const timeline = createTimelineService({
      participants: deps.privacyParticipants,
      subjectOf: profiles.subjectOf,
      logger: deps.logger,
    });
    const inactive = createInactiveCustomers({ database: deps.database, profiles, sealing });
    const { internals: _internals, ...publicProfiles } = profiles;
    return {
      api: {
        get: profiles.get,
        subjectOf: profiles.subjectOf,
        subjectForUser: profiles.subjectForUser,
        findOrCreateForUser: profiles.findOrCreateForUser,
        profiles: publicProfiles,
        segments,
        timeline,
        anonymiseInactive: inactive.anonymiseInactive,
      },
      routes: [
        { surface: 'internal', prefix: '/customers', plugin: customersRoutes(profiles) },
        { surface: 'internal', prefix: '/customers', plugin: timelineRoutesFor(timeline) },
        { surface: 'internal', prefix: '/customer-segments', plugin: segmentsRoutes(segments) },
        { surface: 'external', prefix: '/me', plugin: meRoutes(profiles, () => deps.modules.identity.users) },
      ],
      jobs: [inactive.job],
      privacy: createCustomersPrivacy({ profiles, sealing }),
    };
  },
});
