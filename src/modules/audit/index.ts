export type * from './contract.js';
export { auditModule } from './audit.module.js';
