import { sql } from 'kysely';
import type { Bus, NewEvent } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { ObjectNotFoundError, type ObjectStore } from '../../../platform/objects/index.js';
import { toCallRecordV1 } from '../call-record.js';
import { getCallConnector } from '../connectors/connector-registry.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import type { CallsService, Reparse, UpsertResult } from '../contract.js';
import {
  callsIngestedChannel,
  recordIngestedType,
  type RecordIngestedEvent,
} from '../ingest/call-transform.js';
import { archiveBatch } from '../ingest/raw-archive.js';

export interface ReparseDeps {
  readonly calls: Pick<CallsService, 'existingIds'>;
  /** Where raw source data of records is archived (the same write-once store ingest uses). */
  readonly archive: ObjectStore;
}

async function readArchived(archive: ObjectStore, key: string): Promise<string | null> {
  try {
    const object = await archive.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of object.body)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return null;
    throw error;
  }
}

/** The first reason a parse gives for not producing calls, or undefined when it produced some and nothing failed. */
function failureOf(items: readonly ParsedItem[]): string | undefined {
  const quarantined = items.find((item) => item.kind === 'quarantined');
  if (quarantined) return quarantined.reason;
  if (items.some((item) => item.kind === 'record')) return undefined;
  const skipped = items.find((item) => item.kind === 'skipped');
  return skipped ? `no call in the payload: ${skipped.reason}` : 'no call in the payload';
}

/**
 * The ingest pipeline's parse step for a replay: the current connector of the payload's source
 * parses the stored bytes (with default connector options: the options of the original delivery
 * are not kept with quarantined items), each record's source data is archived like ingest does,
 * and a call already indexed keeps its id. A payload that still yields a quarantined item fails
 * whole, so a replay never indexes half of what was quarantined.
 */
export function connectorReparse(deps: ReparseDeps, ctx: RequestContext): Reparse {
  return async (payload) => {
    const connector = getCallConnector(payload.source);
    if (!connector) return { ok: false, reason: `no connector for source '${payload.source}'` };
    const text =
      payload.raw?.toString('utf8') ??
      (payload.rawObjectKey ? await readArchived(deps.archive, payload.rawObjectKey) : null);
    if (text === null) return { ok: false, reason: 'the payload is neither stored here nor in the archive' };

    let items: ParsedItem[];
    try {
      items = connector.parseItems(text);
    } catch (error) {
      return {
        ok: false,
        reason: `unexpected error while normalising: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const failure = failureOf(items);
    if (failure !== undefined) return { ok: false, reason: failure };

    const records = items.flatMap((item) => (item.kind === 'record' ? [item] : []));
    const keyOf = (r: { source: string; sourceCallId: string }) => `${r.source}\0${r.sourceCallId}`;
    const ids = new Map(
      await deps.calls.existingIds(
        ctx,
        records.map(({ record }) => ({ source: record.source, sourceCallId: record.sourceCallId })),
      ),
    );
    for (const { record } of records) if (!ids.has(keyOf(record))) ids.set(keyOf(record), newUuid());
    const callIdOf = (r: { source: string; sourceCallId: string }) =>
      toPublicId('call', ids.get(keyOf(r)) ?? newUuid());

    const ingestedAt = new Date();
    const archived = await archiveBatch(
      deps.archive,
      records.map(({ record, raw }) => ({
        tenantId: ctx.tenantId,
        source: record.source,
        callId: callIdOf(record),
        startedAt: record.startedAt,
        raw,
      })),
      ingestedAt,
    );
    return {
      ok: true,
      records: records.map(({ record }, index) =>
        toCallRecordV1(record, {
          tenantId: ctx.tenantId,
          id: callIdOf(record),
          rawObjectKey: archived[index]?.key ?? '',
          rawSha256: archived[index]?.sha256 ?? '',
          ingestedAt: ingestedAt.toISOString(),
        }),
      ),
    };
  };
}

/**
 * Tells the rest of the platform what a replay indexed, as ingest does for a delivery: one
 * calls.record.ingested.v1 per new or changed call, and the live feed's notification, committed
 * together. (The upsert has already committed on its own: a crash in between loses these
 * announcements, not the calls.)
 */
export async function announceReplayed(
  deps: { database: Database; bus: Bus },
  ctx: RequestContext,
  upsert: UpsertResult,
): Promise<void> {
  const events: NewEvent<RecordIngestedEvent>[] = upsert.outcomes.flatMap((outcome) =>
    outcome.status === 'unchanged' || !outcome.record
      ? []
      : [
          {
            type: recordIngestedType,
            tenantId: ctx.tenantId,
            key: fromPublicId('call', outcome.id) ?? outcome.id,
            data: {
              callId: outcome.id,
              source: outcome.source,
              sourceCallId: outcome.sourceCallId,
              change: outcome.status,
              startedAt: outcome.record.startedAt,
            },
          },
        ],
  );
  if (events.length === 0) return;
  await deps.database.withTenant(ctx, async (trx) => {
    await deps.bus.publish(trx, events);
    await sql`select pg_notify(${callsIngestedChannel}, ${ctx.tenantId})`.execute(trx);
  });
}
