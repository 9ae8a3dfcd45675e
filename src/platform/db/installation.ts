import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { NoTables } from './tables.js';
import type { Logger } from '../telemetry/index.js';

/**
 * The id of this installation: 16 lower-case hex characters, made once per database and kept in
 * `platform.installation`. Installations that share infrastructure (two on one NATS server) name
 * what they create there after it, so they never consume each other's messages.
 *
 * A database copied from another (CREATE DATABASE ... TEMPLATE, a restore of a dump into a new
 * database) carries the original's row but has another oid: it gets an id of its own, because a
 * copy running beside its original on the same NATS server must not share its streams.
 */
export async function installationId(owner: Kysely<NoTables>, logger: Logger): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const id = await writeOrRead(owner, logger);
    if (id) return id;
    // Another process inserted the row after this statement's snapshot was taken; read it now.
    if (attempt >= 3) throw new Error('platform.installation: no row after writing one');
  }
}

async function writeOrRead(owner: Kysely<NoTables>, logger: Logger): Promise<string | undefined> {
  const candidate = randomBytes(8).toString('hex');
  // One statement: processes starting together agree on one id (the first insert wins; a copy's
  // stale row is replaced once, the replacement compares equal for everyone after it).
  const { rows } = await sql<{ id: string | null; replaced: string | null }>`
    with here as (select oid from pg_database where datname = current_database()),
    previous as (select id from platform.installation),
    written as (
      insert into platform.installation (id, database_oid) select ${candidate}, oid from here
      on conflict (singleton) do update set id = excluded.id, database_oid = excluded.database_oid, created_at = now()
        where platform.installation.database_oid <> excluded.database_oid
      returning id
    )
    select coalesce((select id from written), (select id from platform.installation)) as id,
           case when exists (select 1 from written) then (select id from previous) end as replaced`.execute(
    owner,
  );
  const row = rows[0];
  if (!row?.id) return undefined;
  if (row.replaced) {
    logger.warn(
      { installationId: row.id, copiedFrom: row.replaced },
      'this database is a copy of another installation: it got an installation id (and so a NATS prefix) of its own',
    );
  }
  return row.id;
}
