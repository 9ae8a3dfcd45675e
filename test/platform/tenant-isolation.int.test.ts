import { sql, type Transaction } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type Database,
  type MigrationSet,
} from '../../src/platform/db/index.js';
import { newUuid } from '../../src/platform/ids.js';
import { defineModule } from '../../src/platform/module.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';
import type { Tenant } from '../../src/modules/identity/index.js';

/** A tenant-owned table made with the same helper every module uses. */
const probeMigrations: MigrationSet = {
  schema: 'probe',
  migrations: [
    sqlMigration(
      '0001_notes',
      `${grantSchemaUsage('probe')}
       CREATE TABLE probe.notes (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, body text NOT NULL);
       ${tenantIsolation('probe.notes')}`,
    ),
  ],
};

type ProbeTables = { 'probe.notes': { id: string; tenantId: string; body: string } };

const noteRoutes =
  (database: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id',
      { config: { permission: 'notes:read' }, schema: { params: z.object({ id: z.uuid() }) } },
      async (request, reply) => {
        const note = await database.withTenant<ProbeTables, { body: string } | undefined>(
          request.ctx,
          (trx) =>
            trx
              .selectFrom('probe.notes')
              .select('body')
              .where('id', '=', request.params.id)
              .executeTakeFirst(),
        );
        return note ? note : reply.code(404).send({ code: 'NOT_FOUND' });
      },
    );
    await Promise.resolve();
  };

/** A module of the test's own: a tenant table and a route that reads it. */
const probeModule = defineModule({
  name: 'probe',
  migrations: probeMigrations,
  create: ({ database }) => ({
    api: {},
    routes: [{ surface: 'internal', prefix: '/notes', plugin: noteRoutes(database) }],
  }),
});

describe('tenant isolation (row-level security)', () => {
  let t: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  const noteOfA = newUuid();
  const noteOfB = newUuid();

  beforeAll(async () => {
    t = await createTestPlatform({ extraModules: [probeModule] });
    a = await t.platform.modules.identity.tenantAdmin.create({ name: 'Alpha', slug: 'alpha' });
    b = await t.platform.modules.identity.tenantAdmin.create({ name: 'Bravo', slug: 'bravo' });
    const db = t.platform.database;
    await db.withTenant<ProbeTables>({ tenantId: a.uuid }, (trx) =>
      trx.insertInto('probe.notes').values({ id: noteOfA, tenantId: a.uuid, body: 'alpha secret' }).execute(),
    );
    await db.withTenant<ProbeTables>({ tenantId: b.uuid }, (trx) =>
      trx.insertInto('probe.notes').values({ id: noteOfB, tenantId: b.uuid, body: 'bravo secret' }).execute(),
    );
  });
  afterAll(() => t.close());

  const asA = <T>(fn: (trx: Transaction<ProbeTables>) => Promise<T>) =>
    t.platform.database.withTenant<ProbeTables, T>({ tenantId: a.uuid }, fn);

  it('shows each tenant only its own rows', async () => {
    const rows = await asA((trx) => trx.selectFrom('probe.notes').select(['id', 'body']).execute());
    expect(rows).toEqual([{ id: noteOfA, body: 'alpha secret' }]);
  });

  it('does not let a tenant read, update or delete another tenant’s row even with its exact id', async () => {
    expect(
      await asA((trx) => trx.selectFrom('probe.notes').selectAll().where('id', '=', noteOfB).execute()),
    ).toEqual([]);
    const updated = await asA((trx) =>
      trx.updateTable('probe.notes').set({ body: 'pwned' }).where('id', '=', noteOfB).executeTakeFirst(),
    );
    expect(updated.numUpdatedRows).toBe(0n);
    const deleted = await asA((trx) =>
      trx.deleteFrom('probe.notes').where('id', '=', noteOfB).executeTakeFirst(),
    );
    expect(deleted.numDeletedRows).toBe(0n);
    const { rows } = await sql<{ body: string }>`select body from probe.notes where id = ${noteOfB}`.execute(
      t.platform.database.owner,
    );
    expect(rows).toEqual([{ body: 'bravo secret' }]);
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      asA((trx) =>
        trx.insertInto('probe.notes').values({ id: newUuid(), tenantId: b.uuid, body: 'planted' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asA((trx) =>
        trx.updateTable('probe.notes').set({ tenantId: b.uuid }).where('id', '=', noteOfA).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows nothing to a query outside withTenant', async () => {
    const app = t.platform.database.app.withTables<ProbeTables>();
    expect(await app.selectFrom('probe.notes').selectAll().execute()).toEqual([]);
    const { rows } = await sql`select * from identity.tenants`.execute(t.platform.database.app);
    expect(rows).toEqual([]);
  });

  it('does not let the application role insert tenants or bypass the policy', async () => {
    const app = t.platform.database.app;
    await expect(
      sql`insert into identity.tenants (id, slug, name) values (${newUuid()}, 'mallory', 'M')`.execute(app),
    ).rejects.toThrow(/permission denied/);
    await expect(sql`set row_security = off; select * from probe.notes`.execute(app)).rejects.toThrow();
    const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`
      select rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(app);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it('keeps tenants apart through the HTTP API', async () => {
    const own = await t.inject({
      method: 'GET',
      url: `/api/v1/notes/${noteOfA}`,
      as: { tenant: a.uuid, permissions: ['notes:read'] },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ body: 'alpha secret' });
    const other = await t.inject({
      method: 'GET',
      url: `/api/v1/notes/${noteOfB}`,
      as: { tenant: a.uuid, permissions: ['notes:read'] },
    });
    expect(other.statusCode).toBe(404);
    const tenant = await t.inject({
      method: 'GET',
      url: '/api/v1/tenant',
      as: { tenant: b.uuid, permissions: ['tenant:read'] },
    });
    expect(tenant.json()).toMatchObject({ id: b.id, slug: 'bravo' });
  });

  it('refuses to run the application on a role that bypasses RLS', async () => {
    const { openTestDatabase } = await import('../support/open-test-database.js');
    const { createLogger } = await import('../../src/platform/telemetry/index.js');
    await expect(
      openTestDatabase({
        url: t.database.url,
        appUrl: t.database.url, // the owner (a superuser here) as the app role: must be refused
        poolMax: 1,
        logger: createLogger({ level: 'silent' }),
      }),
    ).rejects.toThrow(/superuser or has BYPASSRLS/);
  });
});
