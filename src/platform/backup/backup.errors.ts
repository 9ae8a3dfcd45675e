import { AppError, type ErrorKind } from '../errors.js';

export type BackupErrorCode =
  /** The backup folder or archive is not one this version can read (no manifest, a bad checksum). */
  | 'BACKUP_INVALID'
  /** Where the backup is to be written already holds something. */
  | 'BACKUP_TARGET_EXISTS'
  /** No master key to restore with, or not the one the backup's data keys are wrapped by. */
  | 'BACKUP_MASTER_KEY'
  /** The database to restore into holds Switchboard tables (and --force was not given). */
  | 'BACKUP_DATABASE_NOT_EMPTY'
  /** No pg_dump / pg_restore of a usable version, or one that failed. */
  | 'BACKUP_PG_TOOLS'
  /** The backup's schema is newer than this build's migrations. */
  | 'BACKUP_SCHEMA_MISMATCH';

const kinds: Record<BackupErrorCode, ErrorKind> = {
  BACKUP_INVALID: 'invalid_input',
  BACKUP_TARGET_EXISTS: 'conflict',
  BACKUP_MASTER_KEY: 'invalid_input',
  BACKUP_DATABASE_NOT_EMPTY: 'conflict',
  BACKUP_PG_TOOLS: 'unavailable',
  BACKUP_SCHEMA_MISMATCH: 'conflict',
};

export class BackupError extends AppError {
  constructor(code: BackupErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, kinds[code], message, options);
    this.name = 'BackupError';
  }
}
