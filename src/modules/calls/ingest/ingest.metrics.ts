import { Counter, Histogram, type Registry } from '../../../platform/telemetry/index.js';
import type { CallSource } from '../call-record.js';
import type { QuarantineCategory } from '../connectors/quarantine-reason.js';

/**
 * The ingest pipeline's figures. Labels are bounded by the code: `source` is one of CALL_SOURCES
 * (eleven), `reason` one of the quarantine categories (twelve), `change` created/updated/unchanged.
 * No tenant label: the number of tenants is not bounded, and per-tenant counts are the metering
 * module's business (usage events), not Prometheus's.
 */
export interface IngestMetrics {
  /** A payload was stored and announced (a replayed delivery is not counted again). */
  accepted(source: CallSource): void;
  /** A payload's last batch committed: its records' outcomes and how long after its acceptance. */
  processed(
    source: CallSource,
    outcome: {
      readonly created: number;
      readonly updated: number;
      readonly unchanged: number;
      readonly quarantined: ReadonlyMap<QuarantineCategory, number>;
    },
    lagSeconds: number,
  ): void;
}

export function createIngestMetrics(registry: Registry): IngestMetrics {
  const accepted = new Counter({
    name: 'calls_payloads_accepted_total',
    help: 'Call-record payloads accepted (stored, answered 202) by source',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const indexed = new Counter({
    name: 'calls_records_indexed_total',
    help: 'Call records written to the index by the ingest pipeline, by source and change (created, updated, unchanged)',
    labelNames: ['source', 'change'] as const,
    registers: [registry],
  });
  const quarantined = new Counter({
    name: 'calls_records_quarantined_total',
    help: 'Items of ingested payloads set aside in the quarantine, by source and reason (the quarantine category)',
    labelNames: ['source', 'reason'] as const,
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'calls_ingest_lag_seconds',
    help: 'Seconds from a payload being accepted to its records being in the index (its last batch committed), by source',
    labelNames: ['source'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  return {
    accepted: (source) => accepted.inc({ source }),
    processed(source, outcome, lagSeconds) {
      for (const change of ['created', 'updated', 'unchanged'] as const)
        if (outcome[change] > 0) indexed.inc({ source, change }, outcome[change]);
      for (const [reason, count] of outcome.quarantined) quarantined.inc({ source, reason }, count);
      lag.observe({ source }, lagSeconds);
    },
  };
}
