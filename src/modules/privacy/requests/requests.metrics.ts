import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import { Gauge, type Registry } from '../../../platform/telemetry/index.js';
import { requestKinds } from '../contract.js';
import { openStatuses } from './requests.repo.js';

/**
 * Data-subject requests still open, and those past their deadline (the extended one when it was
 * extended), by kind, for every tenant: read from the database on each scrape with the owner
 * connection, like the dead-letter gauges, so every process reports the same installation-wide
 * figures (alert on `max`). Kinds are the four of the contract; no tenant label (unbounded).
 */
export function registerRequestsMetrics(registry: Registry, owner: Kysely<NoTables>): void {
  const read = async () => {
    const { rows } = await sql<{ kind: string; open: number; overdue: number }>`
      select kind, count(*)::int as open,
             count(*) filter (where coalesce(extended_due_at, due_at) < now())::int as overdue
      from privacy.requests where status in (${sql.join([...openStatuses])}) group by kind`.execute(owner);
    return new Map(rows.map((row) => [row.kind, row]));
  };
  const gauge = (name: string, help: string, figure: 'open' | 'overdue') =>
    new Gauge({
      name,
      help,
      labelNames: ['kind'] as const,
      registers: [registry],
      async collect() {
        const byKind = await read();
        // Every kind, 0 included: an alert on `> 0` then also resolves when the last one closes.
        for (const kind of requestKinds) this.set({ kind }, byKind.get(kind)?.[figure] ?? 0);
      },
    });
  gauge('privacy_requests_open', 'Data-subject requests not yet completed or rejected, by kind', 'open');
  gauge(
    'privacy_requests_overdue',
    'Open data-subject requests past their deadline (the extended one if extended), by kind',
    'overdue',
  );
}
