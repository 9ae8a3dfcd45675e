import { auditClassification } from './db/audit.classification.js';
import { defineModule } from '../../platform/module.js';
import { createAuditService } from './audit.service.js';
import { auditRoutes } from './audit.routes.js';

/** The tenant's audit log as the API shows it: entries and the verification of their hash chain. */
export const auditModule = defineModule({
  name: 'audit',
  classification: auditClassification,
  adminPermissions: ['audit:read'],
  create: ({ database }) => {
    const audit = createAuditService(database);
    return { api: audit, routes: [{ surface: 'internal', prefix: '/audit', plugin: auditRoutes(audit) }] };
  },
});
