import { sql } from 'kysely';
import type { UnitOfWork } from '../../../platform/db/index.js';

/** PostgreSQL NOTIFY channel raised on commit of a batch that created or changed calls (payload: tenant UUID). */
export const callsIngestedChannel = 'calls_ingested';

/** Wakes live views (the console's SSE feed, the statistics' micro-cache) when `trx` commits; the payload is only the tenant. */
export async function notifyCallsChanged(trx: UnitOfWork, tenantId: string): Promise<void> {
  await sql`select pg_notify(${callsIngestedChannel}, ${tenantId})`.execute(trx);
}
