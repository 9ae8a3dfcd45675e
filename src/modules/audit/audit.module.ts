import type { Database } from '../../platform/db/index.js';
import type { PlatformModule } from '../../platform/module.js';
import { createAuditService } from './audit.service.js';
import type { AuditService } from './contract.js';
import { auditRoutes } from './http/audit.routes.js';

export interface AuditModule extends PlatformModule {
  readonly audit: AuditService;
}

export function createAuditModule(deps: { database: Database }): AuditModule {
  const audit = createAuditService(deps.database);
  return { name: 'audit', audit, routes: [{ surface: 'internal', prefix: '/audit', plugin: auditRoutes(audit) }] };
}
