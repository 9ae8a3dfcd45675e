import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../db/index.js';
import { Gauge, type Registry } from '../telemetry/index.js';

/**
 * `secrets_expiring_soonest_timestamp_seconds`: the earliest expiry among every tenant's stored
 * secrets that have one (Unix seconds), read on scrape with the owner connection (row-level
 * security would show one tenant's). 0 when no secret has an expiry. No tenant label: one figure
 * for the installation is what the alert needs, and the runbook's query names the tenant.
 */
export function registerSecretsMetrics(registry: Registry, owner: Kysely<NoTables>): void {
  new Gauge({
    name: 'secrets_expiring_soonest_timestamp_seconds',
    help: 'Earliest expiry (Unix seconds) among stored tenant secrets that have one; 0 when none has',
    registers: [registry],
    async collect() {
      const { rows } = await sql<{ soonest: Date | null }>`
        select min(expires_at) as soonest from secrets.tenant_secrets where expires_at is not null`.execute(
        owner,
      );
      const soonest = rows[0]?.soonest;
      this.set(soonest ? Math.floor(soonest.getTime() / 1000) : 0);
    },
  });
}
