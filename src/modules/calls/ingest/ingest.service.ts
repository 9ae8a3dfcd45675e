import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import { createTenantBatchLoader, type Database, type UnitOfWork } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { CallSource } from '../call-record.js';
import { isCallFileFormat, type ConnectorOptions } from '../connectors/connector-registry.js';
import { CallsErrors } from '../errors.js';
import type { TransformOutcome } from './call-transform.js';
import type { IngestMetrics } from './ingest.metrics.js';
import { holdsItems } from './payload-items.js';
import {
  findRawPayloads,
  markRawPayloadProcessed,
  markRawPayloadsProcessed,
  type IngestTables,
  type NewRawPayload,
  type RawPayloadRow,
  type RawPayloadTable,
} from './raw-payloads.repo.js';
import { storableBody, type RawPayloadBodies } from './raw-payload-body.js';
import { createRawPayloadWriter, storePayloads, type RawPayloadWriterLimits } from './raw-payload.writer.js';

/** A payload as a source delivered it, before parsing. */
export interface IncomingPayload {
  readonly source: CallSource;
  /** A file format of `readCallFile`, or a webhook kind (`graph-notification`). */
  readonly format: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  /** Connector options that travel with the payload (time zone, column map...). */
  readonly options?: ConnectorOptions;
  /**
   * What makes this delivery one of its own, for a source that sends a request again (Twilio: its
   * signature with the body). The same key from the same source within the replay window is a
   * replay: answered as the first was, not stored again. Only a keyed digest of it is kept.
   */
  readonly deliveryKey?: Buffer | string;
}

export interface AcceptedPayload {
  /** raw_...: the stored payload (for a replay, the one stored the first time). */
  readonly payloadId: string;
  /** A replay of a delivery stored within the window: nothing new was stored or announced. */
  readonly replayed: boolean;
}

export interface IngestService {
  /**
   * Persists the payload and its event in one commit; returns once both are durable. A file format
   * body without a single record (`[]`, blank lines, header rows only) is refused first
   * (CALLS_EMPTY_PAYLOAD, naming the body): a source must not be told "accepted" for nothing.
   * A replay of a delivery (same `deliveryKey` and source within the window) stores nothing.
   */
  accept(ctx: RequestContext, payload: IncomingPayload): Promise<AcceptedPayload>;
  /** The payload with its body decrypted (rows stored before bodies were sealed are read as they are). */
  load(ctx: Pick<RequestContext, 'tenantId'>, payloadId: string): Promise<RawPayloadRow | undefined>;
  /** In the transaction of the payload's last batch: the payload is done, with what became of its items. */
  markProcessed(work: UnitOfWork, payloadId: string, outcome: TransformOutcome): Promise<void>;
  /** markProcessed of several payloads of one tenant, in one statement (a transform group's). */
  markAllProcessed(
    work: UnitOfWork,
    payloads: readonly { readonly payloadId: string; readonly outcome: TransformOutcome }[],
  ): Promise<void>;
}

export interface IngestDeps {
  readonly database: Database;
  readonly bus: Bus;
  readonly keyring: Keyring;
  readonly bodies: RawPayloadBodies;
  /** How long a delivery key is remembered; 0 recognises no replays. */
  readonly replayWindowMs: number;
  /** Counts each payload stored (calls_payloads_accepted_total). */
  readonly metrics?: IngestMetrics;
  /**
   * Stores the payloads of concurrent requests together (SWITCHBOARD_INGEST_GROUP_COMMIT, on by
   * default); without it each request stores its payload in a transaction of its own.
   */
  readonly groupCommit?: boolean | Partial<RawPayloadWriterLimits>;
}

export function createIngestService(deps: IngestDeps): IngestService {
  const { database, bus, keyring, bodies } = deps;
  // The transform consumer loads the payload of each event it handles; the events of one fetch
  // round arrive together, and their payloads are read in one transaction per tenant.
  const payloads = createTenantBatchLoader<IngestTables, string, RawPayloadTable>({
    database,
    keyId: (id) => id,
    loadMany: async (trx, ids) => new Map((await findRawPayloads(trx, ids)).map((row) => [row.id, row])),
  });
  const writer =
    deps.groupCommit === undefined || deps.groupCommit === false
      ? undefined
      : createRawPayloadWriter({
          database,
          bus,
          replayWindowMs: deps.replayWindowMs,
          ...(deps.groupCommit === true ? {} : { limits: deps.groupCommit }),
        });

  return {
    async accept(ctx, payload) {
      if (
        isCallFileFormat(payload.format) &&
        !(await holdsItems(payload.body, payload.format, payload.options ?? {}))
      ) {
        throw CallsErrors.emptyPayload(
          'holds no records (an empty list, only blank lines, or only header rows)',
        );
      }
      const deliveryKey =
        payload.deliveryKey !== undefined && deps.replayWindowMs > 0
          ? (await keyring.blindIndexer(ctx.tenantId, 'calls.delivery'))(payload.deliveryKey)
          : null;
      const id = newUuid();
      const body = await bodies.seal(ctx.tenantId, id, storableBody(payload.format, payload.body));
      const row: NewRawPayload = {
        id,
        tenantId: ctx.tenantId,
        source: payload.source,
        format: payload.format,
        contentType: payload.contentType ?? null,
        body,
        bodyEncoding: 'sealed',
        deliveryKey,
        options: { ...payload.options },
        receivedBy: ctx.actor.id,
      };
      const firstId = writer
        ? await writer.write(row)
        : (
            await database.withTenant<IngestTables, (string | undefined)[]>(ctx, (trx) =>
              // Replays are looked for among the payloads stored with its key within the window.
              storePayloads(trx, bus, [row], new Date(Date.now() - deps.replayWindowMs)),
            )
          )[0];
      if (firstId === undefined) deps.metrics?.accepted(payload.source);
      return { payloadId: toPublicId('raw', firstId ?? id), replayed: firstId !== undefined };
    },
    async load(ctx, payloadId) {
      const row = await payloads.load(ctx.tenantId, payloadId);
      if (!row) return undefined;
      const { bodyEncoding, deliveryKey: _digest, ...payload } = row;
      return { ...payload, body: await bodies.open(ctx.tenantId, row.id, bodyEncoding, row.body) };
    },
    async markProcessed(work, payloadId, outcome) {
      await markRawPayloadProcessed(work.withTables<IngestTables>(), payloadId, { ...outcome });
    },
    async markAllProcessed(work, processed) {
      await markRawPayloadsProcessed(
        work.withTables<IngestTables>(),
        processed.map(({ payloadId, outcome }) => ({ id: payloadId, outcome: { ...outcome } })),
      );
    },
  };
}
