export type * from './contract.js';
export { createAuditModule, type AuditModule } from './audit.module.js';
