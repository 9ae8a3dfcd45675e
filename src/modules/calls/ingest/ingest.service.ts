import type { Transaction } from 'kysely';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { CallSource } from '../call-record.js';
import { isCallFileFormat, type ConnectorOptions } from '../connectors/connector-registry.js';
import { CallsErrors } from '../errors.js';
import { holdsItems } from './payload-items.js';
import { storableBody, type BodyEncoding, type RawPayloadBodies } from './raw-payload-body.js';

/** A payload as a source delivered it, before parsing. */
export interface IncomingPayload {
  readonly source: CallSource;
  /** A file format of `readCallFile`, or a webhook kind (`graph-notification`). */
  readonly format: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  /** Connector options that travel with the payload (time zone, column map...). */
  readonly options?: ConnectorOptions;
}

/** A stored payload as `load` gives it: the body as received (a webhook's secret left out). */
export interface RawPayloadRow {
  id: string;
  tenantId: string;
  source: string;
  format: string;
  contentType: string | null;
  body: Buffer;
  options: Record<string, unknown>;
  receivedAt: Date;
  receivedBy: string;
  processedAt: Date | null;
  outcome: Record<string, unknown> | null;
}

/** The row as the table holds it: `body` is ciphertext unless `bodyEncoding` is 'plain'; read bodies through `load`. */
export interface RawPayloadTable extends RawPayloadRow {
  bodyEncoding: BodyEncoding;
}

export type IngestTables = { 'calls.raw_payloads': RawPayloadTable };

/** Every payload is announced on `calls.raw.<source>.v1`; the transform consumer subscribes to them all. */
export const rawTopic = (source: string) => `calls.raw.${source}.v1`;

export interface RawPayloadEvent {
  readonly payloadId: string;
  readonly source: string;
  readonly format: string;
}

export interface IngestService {
  /**
   * Persists the payload and its event in one commit; returns once both are durable. A file format
   * body without a single record (`[]`, blank lines, header rows only) is refused first
   * (CALLS_EMPTY_PAYLOAD, naming the body): a source must not be told "accepted" for nothing.
   */
  accept(ctx: RequestContext, payload: IncomingPayload): Promise<{ payloadId: string }>;
  /** The payload with its body decrypted (rows stored before bodies were sealed are read as they are). */
  load(ctx: Pick<RequestContext, 'tenantId'>, payloadId: string): Promise<RawPayloadRow | undefined>;
  markProcessed(
    trx: Transaction<IngestTables>,
    payloadId: string,
    outcome: Record<string, unknown>,
  ): Promise<void>;
}

export function createIngestService(deps: {
  database: Database;
  bus: Bus;
  bodies: RawPayloadBodies;
}): IngestService {
  const { database, bus, bodies } = deps;
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
      const id = newUuid();
      const body = await bodies.seal(ctx.tenantId, id, storableBody(payload.format, payload.body));
      await database.withTenant<IngestTables, void>(ctx, async (trx) => {
        await trx
          .insertInto('calls.raw_payloads')
          .values({
            id,
            tenantId: ctx.tenantId,
            source: payload.source,
            format: payload.format,
            contentType: payload.contentType ?? null,
            body,
            bodyEncoding: 'sealed',
            options: JSON.stringify(payload.options ?? {}) as unknown as Record<string, unknown>,
            receivedAt: new Date(),
            receivedBy: ctx.actor.id,
            processedAt: null,
            outcome: null,
          })
          .execute();
        await bus.publish(trx, [
          {
            type: rawTopic(payload.source),
            tenantId: ctx.tenantId,
            // Keyed by payload: payloads spread over every partition and are transformed in
            // parallel. Order between payloads does not matter, because the index keeps the newest
            // version of a call whatever order its versions arrive in.
            key: id,
            data: { payloadId: id, source: payload.source, format: payload.format } satisfies RawPayloadEvent,
          },
        ]);
      });
      return { payloadId: toPublicId('raw', id) };
    },
    async load(ctx, payloadId) {
      const row = await database.withTenant<IngestTables, RawPayloadTable | undefined>(ctx, (trx) =>
        trx.selectFrom('calls.raw_payloads').selectAll().where('id', '=', payloadId).executeTakeFirst(),
      );
      if (!row) return undefined;
      const { bodyEncoding, ...payload } = row;
      return { ...payload, body: await bodies.open(ctx.tenantId, row.id, bodyEncoding, row.body) };
    },
    async markProcessed(trx, payloadId, outcome) {
      await trx
        .updateTable('calls.raw_payloads')
        .set({
          processedAt: new Date(),
          outcome: JSON.stringify(outcome) as unknown as Record<string, unknown>,
        })
        .where('id', '=', payloadId)
        .execute();
    },
  };
}
