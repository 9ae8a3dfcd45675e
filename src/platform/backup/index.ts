export {
  createBackup,
  type BackupDeps,
  type BackupOptions,
  type BackupSummary,
  type DatabaseFormatChoice,
  type ObjectsMode,
} from './backup.service.js';
export {
  restoreBackup,
  type OpenedTarget,
  type RestoreDeps,
  type RestoreOptions,
  type RestoreSummary,
} from './restore.service.js';
export { BackupError, type BackupErrorCode } from './backup.errors.js';
export {
  objectStoreTombstones,
  readTombstones,
  TOMBSTONE_PREFIX,
  type SubjectTombstone,
} from './subject-tombstones.js';
export { masterKeyFingerprint } from './backup-keys.js';
