import { AppError } from '../../platform/errors.js';

/** Error codes of the calls module. The kind decides the HTTP status and whether the bus retries. */
export const CallsErrors = {
  notFound: () => new AppError('CALLS_NOT_FOUND', 'not_found', 'The call was not found.'),
  quarantineNotFound: () => new AppError('CALLS_QUARANTINE_NOT_FOUND', 'not_found', 'The quarantined payload was not found.'),
  rawNotStored: () =>
    new AppError('CALLS_QUARANTINE_RAW_ARCHIVED', 'not_found', 'This payload is kept only in the archive: fetch it by its rawObjectKey.'),
  alreadyReplayed: () =>
    new AppError('CALLS_QUARANTINE_ALREADY_REPLAYED', 'conflict', 'This quarantined payload has already been replayed.'),
  /** An ingest body without a single record: nothing is stored, so nothing can be lost. */
  emptyPayload: (message: string) => new AppError('CALLS_EMPTY_PAYLOAD', 'invalid_input', `The body ${message}.`, { fields: [{ field: 'body', message }] }),
  invalidFilter: (field: string, message: string) =>
    new AppError('CALLS_INVALID_FILTER', 'invalid_input', `${field} ${message}`, { fields: [{ field, message }] }),
  /** A record handed to the index belongs to another tenant than the context: a pipeline bug, never retried. */
  tenantMismatch: (recordId: string) =>
    new AppError('CALLS_TENANT_MISMATCH', 'invalid_input', `Call record ${recordId} belongs to another tenant than the request.`, {
      fields: [{ field: 'records.tenantId', message: 'must be the tenant of the context' }],
    }),
  invalidRecordId: (recordId: string) =>
    new AppError('CALLS_INVALID_RECORD_ID', 'invalid_input', `'${recordId}' is not a call id (call_...).`, {
      fields: [{ field: 'records.id', message: 'must be a call_ TypeID' }],
    }),
  /** Concurrent writers kept colliding on the same calls; the bus retries the batch later. */
  contention: (cause: unknown) =>
    new AppError('CALLS_WRITE_CONTENTION', 'unavailable', 'Concurrent updates of the same calls; try again.', {
      cause,
      retryAfterSeconds: 1,
    }),
  /** A batch stalled past its archive claims and the sweep removed an object it wrote; the retry writes it again. */
  archiveObjectSwept: (key: string, count: number) =>
    new AppError('CALLS_ARCHIVE_OBJECT_SWEPT', 'unavailable', `${count} archive object(s) of this batch were swept before it committed (${key}); try again.`, {
      retryAfterSeconds: 1,
    }),
  /**
   * An event names a payload this installation's database does not hold: an infrastructure fault
   * (another installation's event on a shared bus, a database restored behind its bus). Retried,
   * then dead-lettered and counted, never acknowledged as if handled.
   */
  rawPayloadMissing: (payloadId: string) =>
    new AppError('CALLS_RAW_PAYLOAD_MISSING', 'unavailable', `The raw payload ${payloadId} named by the event is not in this database.`),
  rawUnavailable: (cause: unknown) =>
    new AppError('CALLS_RAW_UNAVAILABLE', 'unavailable', 'The raw payload link could not be created; try again.', {
      cause,
      retryAfterSeconds: 5,
    }),
  exportNotFound: () => new AppError('CALLS_EXPORT_NOT_FOUND', 'not_found', 'The export was not found.'),
  exportFinished: (status: string) =>
    new AppError('CALLS_EXPORT_FINISHED', 'conflict', `The export has already ${status === 'cancelled' ? 'been cancelled' : 'finished'}.`),
  exportNotReady: (status: string) =>
    new AppError(
      'CALLS_EXPORT_NOT_READY',
      'conflict',
      status === 'expired' ? 'The file of this export was deleted when it expired; export again.' : `The export has no file to download (it is ${status}).`,
    ),
  /** The API role starts jobs a worker runs; a process without workflows (the CLI) cannot. */
  exportsUnavailable: () => new AppError('CALLS_EXPORTS_UNAVAILABLE', 'unavailable', 'Background exports are not available in this process.'),
} as const;
