export { createAuditLog, type AuditLog, type AuditEvent, type AuditContext } from './audit.writer.js';
export { verifyAuditChains, type VerifyReport, type ChainBreak } from './audit.verify.js';
export { auditMigrations } from './audit.migrations.js';
export {
  archiveAuditEntries,
  archiveCutoff,
  AUDIT_RETENTION_YEARS,
  type ArchiveReport,
} from './audit.archive.js';
