import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';

/** A product written by SQL (until the products feature has a service tests can call): its ids. */
export async function seedProduct(
  database: Database,
  tenantId: string,
  sku: string,
  options: { readonly name?: string; readonly prices?: Record<string, number> } = {},
): Promise<{ uuid: string; id: string; sku: string }> {
  const uuid = newUuid();
  await sql`insert into catalog.products (id, tenant_id, sku, name, status)
            values (${uuid}, ${tenantId}, ${sku}, ${options.name ?? `Product ${sku}`}, 'active')`.execute(
    database.owner,
  );
  for (const [currency, amount] of Object.entries(options.prices ?? {}))
    await sql`insert into catalog.product_prices (tenant_id, product_id, currency, amount_minor)
              values (${tenantId}, ${uuid}, ${currency}, ${amount})`.execute(database.owner);
  return { uuid, id: toPublicId('prod', uuid), sku };
}

/** The events of a type published for a tenant (the outbox, and the log once relayed). */
export async function eventsOf(database: Database, tenantId: string, type: string): Promise<unknown[]> {
  const rows = await sql<{ data: unknown }>`
    select data from bus.outbox where tenant_id = ${tenantId} and type = ${type}
    union all
    select data from bus.log where tenant_id = ${tenantId} and type = ${type}`.execute(database.owner);
  return rows.rows.map((r) => r.data);
}
