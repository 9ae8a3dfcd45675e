import { compareSourceVersions, toCallRecordV1, type CallRecordV1, type NormalisedCall, type SourceVersion } from '../call-record.js';
import type { CallConnector, ConnectorOptions } from '../connectors/connector-registry.js';

/*
 * The decision of the idempotent upsert, for one (tenant, source, source call id), without I/O:
 * given what is stored and the deliveries of one batch in arrival order, which record should be
 * stored. Whether that differs from what is stored is decided afterwards by content digest.
 */

export interface StoredCall {
  /** Public id (`call_...`): a call keeps its id whatever is delivered later. */
  readonly id: string;
  readonly sourceVersion: SourceVersion;
  /** The stored record, decrypted; needed only by sources that merge legs. */
  readonly call?: NormalisedCall | undefined;
}

export type MergeRule = Pick<CallConnector, 'mergeStrategy' | 'merge'>;

/** The platform fields removed: what a connector produced, and what the content digest covers. */
export function normalisedPart(record: CallRecordV1): NormalisedCall {
  const { id: _id, tenantId: _tenantId, rawObjectKey: _key, rawSha256: _sha, ingestedAt: _at, ...call } = record;
  return call;
}

/**
 * Folds the deliveries into the record to store, or undefined when the stored record stays
 * because every delivery is older. Newest-wins: a larger sourceVersion replaces, a smaller one is
 * ignored, an equal one replaces (a re-parse of the same source data, e.g. a quarantine replay
 * after a connector fix; identical content is recognised later and changes nothing).
 * Merge-legs: the connector unites the legs, whatever the versions.
 */
export function foldDeliveries(
  stored: StoredCall | undefined,
  deliveries: readonly CallRecordV1[],
  rule: MergeRule,
  options: ConnectorOptions = {},
): CallRecordV1 | undefined {
  const [first] = deliveries;
  if (!first) return undefined;
  const id = stored?.id ?? first.id;
  if (rule.mergeStrategy === 'merge-legs') {
    const merge = rule.merge;
    if (!merge) throw new Error(`source ${first.source} merges legs but has no merge function`);
    if (stored && !stored.call) throw new Error('merging legs needs the stored record');
    let call: NormalisedCall | undefined = stored?.call;
    for (const delivery of deliveries) {
      const incoming = normalisedPart(delivery);
      call = call ? merge(call, incoming, options) : incoming;
    }
    const last = deliveries.at(-1) ?? first;
    if (!call) return undefined;
    return toCallRecordV1(call, {
      id,
      tenantId: last.tenantId,
      rawObjectKey: last.rawObjectKey,
      rawSha256: last.rawSha256,
      ingestedAt: last.ingestedAt,
    });
  }
  let winner: CallRecordV1 | undefined;
  let version = stored?.sourceVersion;
  for (const delivery of deliveries) {
    if (version === undefined || compareSourceVersions(delivery.sourceVersion, version) >= 0) {
      winner = delivery;
      version = delivery.sourceVersion;
    }
  }
  return winner ? { ...winner, id } : undefined;
}
