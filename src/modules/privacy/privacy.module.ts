import { systemContext } from '../../platform/context.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { RequestsService } from './contract.js';
import { classificationRoutes } from './classification/classification.routes.js';
import { privacyClassification } from './db/privacy.classification.js';
import { privacyMigrations } from './db/migrations/index.js';
import { remindDueRequests } from './requests/reminders.job.js';
import { expiredExports, forgetExport, stalled } from './requests/requests.repo.js';
import { privacyParticipant } from './requests/privacy.participant.js';
import { registerRequestsMetrics } from './requests/requests.metrics.js';
import { portalRequestsRoutes, requestsRoutes } from './requests/requests.routes.js';
import { createRequestsService } from './requests/requests.service.js';
import { subjectDirectoryOver } from './requests/subject-directory.js';
import { vacuumAnalyze } from './retention/vacuum.job.js';
import { customersModule } from '../customers/index.js';

/** What privacy offers other modules, the CLI and tests (`platform.modules.privacy`). */
export interface PrivacyApi {
  readonly requests: RequestsService;
  /** The modules taking part in the privacy contract, by name (the participation test reads it). */
  participants(): string[];
  /** Runs the daily reminder as of `now` (tests move the clock); answers how many reminders went out. */
  remindDue(now?: Date): Promise<number>;
  /** Processes again the requests whose run failed or crashed; answers how many it tried. */
  resumeStalled(now?: Date): Promise<number>;
  /** Deletes the access packages whose link expired; answers how many. */
  purgeExpiredExports(now?: Date): Promise<number>;
  /** The weekly VACUUM ANALYZE, on demand. */
  vacuum(): Promise<{ readonly tables: number; readonly failed: readonly string[] }>;
}

/**
 * Privacy: data-subject requests (access, erasure, restriction, rectification) run across every
 * module through the privacy contract, crypto-shredding of the subject's keys, the data
 * classification for the console's masking, and the retention jobs (reminders, VACUUM ANALYZE).
 * See docs/privacy.md.
 */
export const privacyModule = defineModule({
  name: 'privacy',
  migrations: privacyMigrations,
  classification: privacyClassification,
  dependsOn: [customersModule],
  create: (deps): PlatformModule<PrivacyApi> => {
    const { database, bus, logger } = deps;
    registerRequestsMetrics(deps.metrics, database.owner);
    const requests = createRequestsService({
      database,
      keyring: deps.keyring,
      subjectKeys: deps.subjectKeys,
      bus,
      audit: deps.auditLog,
      objects: deps.quietObjects,
      signedObjectUrl: (key, options) => deps.signedObjectUrl(key, options),
      participants: deps.privacyParticipants,
      directory: subjectDirectoryOver(() => deps.modules.customers),
      logger,
    });

    const remindDue = (now = new Date()) => remindDueRequests({ database, bus, now });
    async function resumeStalled(now = new Date()): Promise<number> {
      const rows = await stalled(database.owner, now);
      for (const row of rows) {
        await requests
          .resume(systemContext(row.tenantId, `privacy-resume-${row.id}`, 'privacy.resume'), row.id)
          .catch((error: unknown) => {
            logger.warn({ err: error, requestId: row.id }, 'privacy request still does not finish');
          });
      }
      return rows.length;
    }
    async function purgeExpiredExports(now = new Date()): Promise<number> {
      let purged = 0;
      for (const row of await expiredExports(database.owner, now)) {
        if (row.exportObjectKey)
          await deps.quietObjects.delete(row.exportObjectKey, {
            reason: `access package of dsr ${row.id} expired`,
          });
        await forgetExport(database.owner, row.id);
        purged += 1;
      }
      return purged;
    }

    return {
      api: {
        requests,
        participants: () => deps.privacyParticipants().map((p) => p.module),
        remindDue,
        resumeStalled,
        purgeExpiredExports,
        vacuum: () => vacuumAnalyze(database, logger),
      },
      privacy: privacyParticipant(database),
      routes: [
        { surface: 'internal', prefix: '/privacy/requests', plugin: requestsRoutes(requests) },
        {
          surface: 'internal',
          prefix: '/privacy',
          plugin: classificationRoutes(() => deps.dataClassification()),
        },
        { surface: 'external', prefix: '/privacy/requests', plugin: portalRequestsRoutes(requests) },
      ],
      jobs: [
        {
          kind: 'timer',
          name: 'privacy.deadline-reminders',
          cron: '0 0 6 * * *',
          missed: 'run-once',
          run: async ({ scheduledFor }) => {
            await remindDue(scheduledFor);
            await purgeExpiredExports(scheduledFor);
          },
        },
        {
          kind: 'timer',
          name: 'privacy.resume-requests',
          cron: '0 */10 * * * *',
          missed: 'skip',
          run: async () => {
            await resumeStalled();
          },
        },
        {
          kind: 'timer',
          name: 'privacy.vacuum-analyze',
          cron: '0 0 3 * * 0',
          missed: 'run-once',
          run: async () => {
            await vacuumAnalyze(database, logger);
          },
        },
      ],
    };
  },
});
