import { AppError } from '../../platform/errors.js';
import { GraphError } from './teams/graph-client.js';

/**
 * Every error code of the calls module, in one place. The kind decides the HTTP status
 * (platform/http/problem.ts) and whether the bus retries.
 */
export const CallsErrors = {
  notFound: () => new AppError('CALLS_NOT_FOUND', 'not_found', 'The call was not found.'),
  quarantineNotFound: () =>
    new AppError('CALLS_QUARANTINE_NOT_FOUND', 'not_found', 'The quarantined payload was not found.'),
  rawNotStored: () =>
    new AppError(
      'CALLS_QUARANTINE_RAW_ARCHIVED',
      'not_found',
      'This payload is kept only in the archive: fetch it by its rawObjectKey.',
    ),
  alreadyReplayed: () =>
    new AppError(
      'CALLS_QUARANTINE_ALREADY_REPLAYED',
      'conflict',
      'This quarantined payload has already been replayed.',
    ),
  /** An ingest body without a single record: nothing is stored, so nothing can be lost. */
  emptyPayload: (message: string) =>
    new AppError('CALLS_EMPTY_PAYLOAD', 'invalid_input', `The body ${message}.`, {
      fields: [{ field: 'body', message }],
    }),
  invalidFilter: (field: string, message: string) =>
    new AppError('CALLS_INVALID_FILTER', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  invalidTarget: (field: string, message: string) =>
    new AppError('CALLS_INVALID_QUEUE_TARGET', 'invalid_input', `${field} ${message}`, {
      fields: [{ field: `body.${field}`, message }],
    }),
  queueTargetNotFound: () =>
    new AppError('CALLS_QUEUE_TARGET_NOT_FOUND', 'not_found', 'This queue has no targets of its own.'),
  /** A record handed to the index belongs to another tenant than the context: a pipeline bug, never retried. */
  tenantMismatch: (recordId: string) =>
    new AppError(
      'CALLS_TENANT_MISMATCH',
      'invalid_input',
      `Call record ${recordId} belongs to another tenant than the request.`,
      {
        fields: [{ field: 'records.tenantId', message: 'must be the tenant of the context' }],
      },
    ),
  invalidRecordId: (recordId: string) =>
    new AppError('CALLS_INVALID_RECORD_ID', 'invalid_input', `'${recordId}' is not a call id (call_...).`, {
      fields: [{ field: 'records.id', message: 'must be a call_ TypeID' }],
    }),
  /** Concurrent writers kept colliding on the same calls; the bus retries the batch later. */
  contention: (cause: unknown) =>
    new AppError(
      'CALLS_WRITE_CONTENTION',
      'unavailable',
      'Concurrent updates of the same calls; try again.',
      {
        cause,
        retryAfterSeconds: 1,
      },
    ),
  /** A batch stalled past its archive claims and the sweep removed an object it wrote; the retry writes it again. */
  archiveObjectSwept: (key: string, count: number) =>
    new AppError(
      'CALLS_ARCHIVE_OBJECT_SWEPT',
      'unavailable',
      `${count} archive object(s) of this batch were swept before it committed (${key}); try again.`,
      {
        retryAfterSeconds: 1,
      },
    ),
  /**
   * An event names a payload this installation's database does not hold: an infrastructure fault
   * (another installation's event on a shared bus, a database restored behind its bus). Retried,
   * then dead-lettered and counted, never acknowledged as if handled.
   */
  rawPayloadMissing: (payloadId: string) =>
    new AppError(
      'CALLS_RAW_PAYLOAD_MISSING',
      'unavailable',
      `The raw payload ${payloadId} named by the event is not in this database.`,
    ),
  /** The archived payload names a data subject whose keys were destroyed (erasure): gone for good. */
  rawErased: (cause: unknown) =>
    new AppError(
      'CALLS_RAW_ERASED',
      'gone',
      'The raw payload of this call was erased with a data subject it is about; it can no longer be read.',
      { cause },
    ),
  rawMissing: () =>
    new AppError(
      'CALLS_RAW_NOT_FOUND',
      'not_found',
      'The raw payload of this call is no longer in the archive.',
    ),
  /** The bytes read for a record do not hash to the raw_sha256 its index row keeps (a damaged segment or object). */
  rawCorrupt: (key: string) =>
    new AppError(
      'CALLS_RAW_CORRUPT',
      'internal',
      `The archived raw payload ${key} does not match its recorded SHA-256; it was not served.`,
    ),
  rawUnavailable: (cause: unknown) =>
    new AppError(
      'CALLS_RAW_UNAVAILABLE',
      'unavailable',
      'The raw payload link could not be created; try again.',
      {
        cause,
        retryAfterSeconds: 5,
      },
    ),
  /** Ingest: the tenant, webhook secret or auth token a webhook URL names does not exist. */
  unknownWebhook: () => new AppError('CALLS_UNKNOWN_WEBHOOK', 'not_found', 'No such webhook.'),
  /** A stored payload whose format no parser or fetcher handles: terminal, never retried. */
  unknownPayloadFormat: (format: string) =>
    new AppError(
      'CALLS_UNKNOWN_PAYLOAD_FORMAT',
      'invalid_input',
      `No transform for payload format '${format}'.`,
    ),
  invalidConnectorOption: (message: string) =>
    new AppError('CALLS_INVALID_CONNECTOR_OPTION', 'invalid_input', `columns ${message}`, {
      fields: [{ field: 'columns', message }],
    }),
  twilioSignatureInvalid: () =>
    new AppError(
      'CALLS_TWILIO_SIGNATURE_INVALID',
      'forbidden',
      'X-Twilio-Signature does not match the request.',
    ),
  /** A replay whose payload still does not parse: not a malformed request (400) but content the connector cannot process (422). */
  quarantineStillFailing: (reason: string) =>
    new AppError(
      'CALLS_QUARANTINE_STILL_FAILING',
      'unprocessable',
      `The payload still cannot be normalised: ${reason}`,
    ),
  liveNotAcceptable: () =>
    new AppError(
      'CALLS_LIVE_NOT_ACCEPTABLE',
      'not_acceptable',
      'This is a server-sent event stream: send Accept: text/event-stream.',
    ),
  liveUnavailable: (cause: unknown) =>
    new AppError(
      'CALLS_LIVE_UNAVAILABLE',
      'unavailable',
      'Live updates are not available right now; try again shortly.',
      {
        cause,
        retryAfterSeconds: 5,
      },
    ),

  // The Teams connector. The kinds also decide what the bus does with a failed notification:
  // `unavailable` is retried with backoff, the others go to the dead letters (replayable once the
  // cause is fixed).
  teamsInvalidNotification: (message: string) =>
    new AppError('CALLS_INVALID_NOTIFICATION', 'invalid_input', message, {
      fields: [{ field: 'body', message }],
    }),
  teamsClientStateMismatch: () =>
    new AppError('CALLS_CLIENT_STATE_MISMATCH', 'forbidden', 'clientState does not match this subscription.'),
  /** 409: the connector cannot act until these secrets exist; each is named as a field. */
  teamsNotConfigured: (missing: readonly string[]) =>
    new AppError(
      'CALLS_TEAMS_NOT_CONFIGURED',
      'conflict',
      `The Teams connector needs the secret${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: set ${missing.length === 1 ? 'it' : 'them'} with PUT /api/v1/secrets/{name}.`,
      { fields: missing.map((name) => ({ field: `secrets.${name}`, message: 'is not set' })) },
    ),
  /** 409: Graph delivers notifications only to https URLs. */
  teamsPublicUrlNotHttps: (publicUrl: string) =>
    new AppError(
      'CALLS_TEAMS_PUBLIC_URL_NOT_HTTPS',
      'conflict',
      `Microsoft Graph sends notifications only to https URLs, and this platform's public URL is ${publicUrl}: set SWITCHBOARD_PUBLIC_URL to the https address Graph can reach.`,
      {
        fields: [
          { field: 'SWITCHBOARD_PUBLIC_URL', message: 'must be an https URL reachable from Microsoft Graph' },
        ],
      },
    ),
  teamsNotConnected: () =>
    new AppError(
      'CALLS_TEAMS_NOT_CONNECTED',
      'not_found',
      'This tenant has no Teams call-records subscription.',
    ),
  /** Graph answered with an error: transient ones are retried, refusals need a person. */
  teamsGraph: (error: GraphError, action: string): AppError => {
    if (error.transient) {
      return new AppError(
        'CALLS_TEAMS_GRAPH_UNAVAILABLE',
        'unavailable',
        `Microsoft Graph did not answer ${action}: ${error.message}`,
        {
          cause: error,
          retryAfterSeconds: 30,
        },
      );
    }
    const hint =
      error.status === 401 ||
      error.status === 403 ||
      error.code === 'invalid_client' ||
      error.code === 'unauthorized_client'
        ? ' Check teams.tenant_id, teams.client_id and teams.client_secret, and that the app registration has the application permission CallRecords.Read.All with admin consent.'
        : '';
    return new AppError(
      'CALLS_TEAMS_GRAPH_REFUSED',
      'conflict',
      `Microsoft Graph refused ${action} (${error.status}${error.code ? ` ${error.code}` : ''}).${hint}`,
      {
        cause: error,
      },
    );
  },
  exportNotFound: () => new AppError('CALLS_EXPORT_NOT_FOUND', 'not_found', 'The export was not found.'),
  exportFinished: (status: string) =>
    new AppError(
      'CALLS_EXPORT_FINISHED',
      'conflict',
      `The export has already ${status === 'cancelled' ? 'been cancelled' : 'finished'}.`,
    ),
  exportNotReady: (status: string) =>
    new AppError(
      'CALLS_EXPORT_NOT_READY',
      'conflict',
      status === 'expired'
        ? 'The file of this export was deleted when it expired; export again.'
        : `The export has no file to download (it is ${status}).`,
    ),
  /** The API role starts jobs a worker runs; a process without workflows (the CLI) cannot. */
  exportsUnavailable: () =>
    new AppError(
      'CALLS_EXPORTS_UNAVAILABLE',
      'unavailable',
      'Background exports are not available in this process.',
    ),
} as const;

/** Graph failures as the Teams connector's errors; anything else passes unchanged. */
export function fromGraph(error: unknown, action: string): unknown {
  return error instanceof GraphError ? CallsErrors.teamsGraph(error, action) : error;
}
