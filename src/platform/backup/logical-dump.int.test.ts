import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseSection } from './backup.manifest.js';
import { readInventory } from './database-inventory.js';
import { dumpTables } from './logical-dump.js';
import { loadTables } from './logical-restore.js';

/*
 * The built-in dump and load on a schema of their own, with what Switchboard's migrations use:
 * a partitioned table with a partition made after "migrating" (as calls makes its months), foreign
 * keys (one self-referencing), an identity column, a generated column, a sequence, a trigger, and
 * row-level security. The target gets the same DDL minus the run-time partition, as migrating does.
 */

const ddl = `
  CREATE SCHEMA bk;
  CREATE TABLE bk.parents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
    up bigint REFERENCES bk.parents (id), touched boolean NOT NULL DEFAULT false);
  CREATE TABLE bk.children (id uuid PRIMARY KEY, parent bigint NOT NULL REFERENCES bk.parents (id),
    body text, body_length integer GENERATED ALWAYS AS (length(body)) STORED);
  CREATE TABLE bk.events (tenant_id uuid NOT NULL, at timestamptz NOT NULL, payload jsonb,
    PRIMARY KEY (tenant_id, at)) PARTITION BY RANGE (at);
  CREATE TABLE bk.events_default PARTITION OF bk.events DEFAULT;
  ALTER TABLE bk.events ENABLE ROW LEVEL SECURITY;
  CREATE POLICY only_none ON bk.events USING (false);
  CREATE SEQUENCE bk.counter;
  CREATE FUNCTION bk.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := true; RETURN NEW; END $$;
  CREATE TRIGGER parents_touch BEFORE INSERT ON bk.parents FOR EACH ROW EXECUTE FUNCTION bk.touch();
`;

describe('the built-in logical dump', () => {
  let source: TestDatabase;
  let dir: string;
  let dumped: DatabaseSection;
  const databases: TestDatabase[] = [];

  const connect = async (database: TestDatabase) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    source = await createEmptyDatabase();
    databases.push(source);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-logical-'));
    const client = await connect(source);
    try {
      await client.query(ddl);
      await client.query(`
        ALTER TABLE bk.parents DISABLE TRIGGER parents_touch;
        INSERT INTO bk.parents (name) VALUES ('root');
        INSERT INTO bk.parents (name, up) VALUES ('leaf', 1), ('tab\tand\nnewline \\ back', 1);
        INSERT INTO bk.children VALUES ('018f0000-0000-7000-8000-000000000001', 2, 'hello');
        CREATE TABLE bk.events_2024 PARTITION OF bk.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        INSERT INTO bk.events VALUES ('018f0000-0000-7000-8000-0000000000aa', '2024-05-01', '{"a":1}'),
                                     ('018f0000-0000-7000-8000-0000000000aa', '2030-05-01', null);
        SELECT setval('bk.counter', 41);
        SELECT nextval('bk.counter');
      `);
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('SET LOCAL row_security = off');
      const inventory = await readInventory(client, ['bk', 'absent']);
      const result = await dumpTables(client, dir, inventory.tables, () => undefined);
      await client.query('COMMIT');
      dumped = { ...inventory, format: 'logical', tables: result.tables };
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists leaf tables with their rows, the run-time partition, the sequence; generated columns left out', () => {
    expect(dumped.schemas).toEqual(['bk']);
    expect(dumped.tables.map((t) => [t.name, t.rows])).toEqual([
      ['children', 1],
      ['events_2024', 1],
      ['events_default', 1],
      ['parents', 3],
    ]);
    expect(dumped.tables.find((t) => t.name === 'children')?.columns).toEqual(['id', 'parent', 'body']);
    expect(dumped.partitions.map((p) => [p.name, p.bound])).toEqual([
      ['events_2024', "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')"],
      ['events_default', 'DEFAULT'],
    ]);
    expect(dumped.sequences).toContainEqual({
      schema: 'bk',
      name: 'counter',
      lastValue: '42',
      isCalled: true,
    });
  });

  it.for([
    { replicationRole: true, touched: false },
    { replicationRole: false, touched: true },
  ])(
    'loads into a freshly migrated database (replication role: $replicationRole)',
    async ({ replicationRole, touched }) => {
      const target = await createEmptyDatabase();
      databases.push(target);
      const client = await connect(target);
      try {
        await client.query(`SET timezone = 'UTC'`);
        await client.query(ddl);
        const report = await loadTables(client, dir, dumped, () => undefined, { replicationRole });
        expect(report).toEqual({ tables: 4, rows: 6, triggersDeferred: replicationRole });
        const parents = await client.query<{ id: string; name: string; up: string | null; touched: boolean }>(
          'select id::text, name, up::text, touched from bk.parents order by id',
        );
        expect(parents.rows).toEqual([
          { id: '1', name: 'root', up: null, touched },
          { id: '2', name: 'leaf', up: '1', touched },
          { id: '3', name: 'tab\tand\nnewline \\ back', up: '1', touched },
        ]);
        const child = await client.query('select body, body_length from bk.children');
        expect(child.rows).toEqual([{ body: 'hello', body_length: 5 }]);
        const events = await client.query<{ partition: string; n: string }>(
          `select tableoid::regclass::text as partition, count(*)::text as n from bk.events group by 1 order by 1`,
        );
        expect(events.rows).toEqual([
          { partition: 'bk.events_2024', n: '1' },
          { partition: 'bk.events_default', n: '1' },
        ]);
        expect((await client.query(`select nextval('bk.counter')::text as n`)).rows[0]).toEqual({ n: '43' });
        // The identity continues after the restored rows, not at 1.
        expect(
          (await client.query(`insert into bk.parents (name) values ('new') returning id::text`)).rows[0],
        ).toEqual({
          id: '4',
        });
      } finally {
        await client.end();
      }
    },
  );
});
