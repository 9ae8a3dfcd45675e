import { auditClassification } from './db/audit.classification.js';
import { defineModule } from '../../platform/module.js';
import { createAuditPrivacy } from './audit.privacy.js';
import { createAuditService } from './audit.service.js';
import { auditRoutes } from './audit.routes.js';

/**
 * The tenant's audit log as the API shows it: entries and the verification of their hash chain,
 * its part in data-subject requests (entries are kept) and the archive of entries past retention.
 */
export const auditModule = defineModule({
  name: 'audit',
  classification: auditClassification,
  adminPermissions: ['audit:read'],
  create: ({ database, quietObjects, logger }) => {
    // The archive is written quietly: nothing should react to it as to a new upload.
    const audit = createAuditService(database, quietObjects);
    return {
      api: audit,
      routes: [{ surface: 'internal', prefix: '/audit', plugin: auditRoutes(audit) }],
      privacy: createAuditPrivacy(database),
      jobs: [
        {
          kind: 'timer',
          name: 'audit.archive',
          // Daily; only whole months past retention move, so most runs find nothing to do.
          cron: '17 3 * * *',
          run: async () => {
            const report = await audit.archiveOldEntries();
            if (report.entries > 0 || report.refused.length > 0)
              logger.info(report, 'audit entries archived');
          },
        },
      ],
    };
  },
});
