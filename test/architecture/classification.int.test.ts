import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../src/app/modules.js';
import { kernelClassification } from '../../src/platform/db/kernel.classification.js';
import { classificationRegistry } from '../../src/platform/privacy/index.js';
import {
  classificationProblems,
  modulesMissingPrivacy,
  type DatabaseColumn,
} from '../support/classification-check.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

/*
 * Every column of every table of the kernel's and the modules' schemas says how sensitive it is
 * (docs/privacy.md, Classification), and a module that owns personal data takes part in
 * data-subject requests. Partitions are skipped: their parent table is classified.
 */

const registry = classificationRegistry(kernelClassification, modules);
const moduleOfSchema = new Map(modules.map((m) => [m.migrations?.schema ?? m.name, m.name]));
const fileOf = (schema: string) =>
  moduleOfSchema.has(schema)
    ? `src/modules/${moduleOfSchema.get(schema)}/db/${moduleOfSchema.get(schema)}.classification.ts (and \`classification\` on its definition)`
    : 'src/platform/db/kernel.classification.ts';

describe('data classification', () => {
  let t: TestPlatform;
  let columns: DatabaseColumn[];

  beforeAll(async () => {
    t = await createTestPlatform();
    const { rows } = await sql<DatabaseColumn>`
      select n.nspname as schema, c.relname as "table", a.attname as "column"
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind in ('r', 'p') and not c.relispartition
        and n.nspname not in ('pg_catalog', 'information_schema', 'public') and n.nspname not like 'pg_%'
      order by 1, 2, a.attnum`.execute(t.platform.database.owner);
    columns = rows;
  });
  afterAll(() => t.close());

  it('knows every schema of the migrated database', () => {
    const schemas = [...new Set(columns.map((c) => c.schema))];
    expect(schemas.filter((schema) => !(schema in registry) && !moduleOfSchema.has(schema))).toEqual([]);
  });

  it('classifies every column of every table (the message lists what is missing, per table)', () => {
    const { unclassified } = classificationProblems(registry, columns, fileOf);
    expect(unclassified, `unclassified columns:\n${unclassified.join('\n')}`).toEqual([]);
  });

  it('classifies no column that does not exist', () => {
    const { unknown } = classificationProblems(registry, columns, fileOf);
    expect(unknown, `classified columns that do not exist:\n${unknown.join('\n')}`).toEqual([]);
  });

  it('skips partitions: a partition of a classified table needs no entry of its own', async () => {
    const { rows } = await sql<{ name: string }>`
      select format('%s.%s', n.nspname, c.relname) as name from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where c.relispartition`.execute(
      t.platform.database.owner,
    );
    const listed = new Set(columns.map((c) => `${c.schema}.${c.table}`));
    for (const { name } of rows) expect(listed.has(name)).toBe(false);
  });

  it('has every module with a personal column take part in the privacy contract', () => {
    const missing = modulesMissingPrivacy(modules, t.platform.modules.privacy.participants());
    expect(missing, missing.join('\n')).toEqual([]);
  });
});

describe('the classification checks themselves', () => {
  const fake = { shop: { buyers: { id: 'internal', email_ciphertext: 'personal:restricted' } } } as const;

  it('names the table and the columns nobody classified, and columns that do not exist', () => {
    const problems = classificationProblems(
      fake,
      [
        { schema: 'shop', table: 'buyers', column: 'id' },
        { schema: 'shop', table: 'buyers', column: 'phone_ciphertext' },
        { schema: 'shop', table: 'schema_migrations', column: 'name' },
      ],
      () => 'shop.classification.ts',
    );
    expect(problems.unclassified).toEqual([
      'shop.buyers: phone_ciphertext  (classify them in shop.classification.ts)',
    ]);
    expect(problems.unknown).toEqual([
      'shop.buyers: email_ciphertext  (no such column; remove from shop.classification.ts)',
    ]);
  });

  it('names a module that holds personal data without implementing privacy', () => {
    expect(modulesMissingPrivacy([{ name: 'shop', classification: fake.shop }], [])).toEqual([
      'shop: its classification marks personal columns, but it does not implement privacy (src/platform/privacy/privacy.contract.ts)',
    ]);
    expect(modulesMissingPrivacy([{ name: 'shop', classification: fake.shop }], ['shop'])).toEqual([]);
  });
});
