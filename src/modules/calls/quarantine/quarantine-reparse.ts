import type { RequestContext } from '../../../platform/context.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import { readArchiveObject } from '../ingest/archive-sealing.js';
import { getCallConnector } from '../connectors/connector-registry.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import type { Reparse } from '../contract.js';
import { archiveRecords, type CallWrites } from '../ingest/call-transform.js';

export interface ReparseDeps {
  readonly writes: Pick<CallWrites, 'existingIds' | 'archive' | 'sealing' | 'archiveLayout'>;
  /** Where raw source data of records is archived (the same write-once store ingest uses). */
  readonly archive: ObjectStore;
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
 * parses the stored bytes with the connector options of the original delivery, and each record's
 * source data is archived as ingest does (a call already indexed keeps its id; the quarantine
 * service commits the archive objects with the calls). A payload that
 * still yields a quarantined item fails whole, so a replay never indexes half of what was
 * quarantined. The quarantine service upserts and announces what this returns.
 */
export function connectorReparse(deps: ReparseDeps, ctx: RequestContext): Reparse {
  return async (payload) => {
    const connector = getCallConnector(payload.source);
    if (!connector) return { ok: false, reason: `no connector for source '${payload.source}'` };
    const text =
      payload.raw?.toString('utf8') ??
      (payload.rawObjectKey
        ? ((
            await readArchiveObject(
              { archive: deps.archive, sealing: deps.writes.sealing },
              ctx.tenantId,
              payload.rawObjectKey,
            )
          )?.toString('utf8') ?? null)
        : null);
    if (text === null) return { ok: false, reason: 'the payload is neither stored here nor in the archive' };

    let items: ParsedItem[];
    try {
      items = connector.parseItems(text, payload.options);
    } catch (error) {
      return {
        ok: false,
        reason: `unexpected error while normalising: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const failure = failureOf(items);
    if (failure !== undefined) return { ok: false, reason: failure };
    const records = items.flatMap((item) => (item.kind === 'record' ? [item] : []));
    return {
      ok: true,
      ...(await archiveRecords({ writes: deps.writes, objects: deps.archive }, ctx, records, new Date())),
    };
  };
}
