import { sql, type Transaction } from 'kysely';
import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../src/platform/db/index.js';
import type { EventContext } from '../../src/platform/bus/index.js';

/** A tenant table the test handlers write their effects to, through ctx.once (RLS applies). */
export const probeMigrations: MigrationSet = {
  schema: 'bus_probe',
  migrations: [
    sqlMigration(
      '0001_effects',
      `${grantSchemaUsage('bus_probe')}
       CREATE TABLE bus_probe.effects (
         id bigserial PRIMARY KEY,
         tenant_id uuid NOT NULL,
         group_name text NOT NULL,
         event_id uuid NOT NULL,
         handled_by text NOT NULL
       );
       ${tenantIsolation('bus_probe.effects', { privileges: ['SELECT', 'INSERT'] })}
       GRANT USAGE ON SEQUENCE bus_probe.effects_id_seq TO switchboard_app;`,
    ),
  ],
};

export async function recordEffect(ctx: EventContext, handledBy: string): Promise<boolean> {
  const result = await ctx.once(async (trx: Transaction<unknown>) => {
    await sql`insert into bus_probe.effects (tenant_id, group_name, event_id, handled_by)
      values (${ctx.tenantId}::uuid, ${ctx.group}, ${ctx.requestId}::uuid, ${handledBy})`.execute(trx);
  });
  return result.done;
}
