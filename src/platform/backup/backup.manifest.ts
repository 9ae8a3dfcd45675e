import { z } from 'zod';

/*
 * What a backup holds (a folder, or the same folder as a .tar):
 *
 *   manifest.json        this file's shape: versions, migrations, row counts, file checksums
 *   KEYS.md              the key material that is NOT in the backup, and how to restore it first
 *   master.key           only with --include-master-key
 *   objects.jsonl        one line per object of the store: key, size, sha256, how to put it back
 *   objects/<nn>/<hash>  with --objects copy: each object, encrypted under a key derived from the master key
 *   database/…           switchboard.pgdump (pg_dump custom format) or tables/<nnnn>.copy.gz (COPY text, gzip)
 *
 * The object list is JSON Lines beside the manifest, not inside it: a store of millions of objects
 * would make a manifest no one can parse in memory.
 */

export const MANIFEST_FILE = 'manifest.json';
export const KEYS_FILE = 'KEYS.md';
export const MASTER_KEY_FILE = 'master.key';
export const OBJECTS_FILE = 'objects.jsonl';
export const PG_DUMP_FILE = 'database/switchboard.pgdump';

const identifier = z.string().min(1).max(63);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const relativePath = z
  .string()
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/)
  .refine((p) => !p.split('/').includes('..'), 'must stay inside the backup');

export const tableEntrySchema = z.object({
  schema: identifier,
  name: identifier,
  rows: z.number().int().nonnegative(),
  /** The columns as dumped (generated columns left out): a logical restore copies into exactly these. */
  columns: z.array(identifier),
  /** Logical format: the table's COPY data. */
  file: relativePath.optional(),
});

export const partitionEntrySchema = z.object({
  schema: identifier,
  name: identifier,
  parentSchema: identifier,
  parentName: identifier,
  /** `FOR VALUES FROM (…) TO (…)` or `DEFAULT`, as pg_get_expr prints it. */
  bound: z.string().min(1),
});

export const databaseSectionSchema = z.object({
  format: z.enum(['pg_dump', 'logical']),
  serverVersion: z.string(),
  serverMajor: z.number().int(),
  /** pg_dump format: the version of the pg_dump that wrote the archive (pg_restore must be as new). */
  pgDumpMajor: z.number().int().optional(),
  schemas: z.array(identifier),
  extensions: z.array(z.object({ name: identifier, schema: identifier })),
  /** Applied migrations of each schema that keeps them in `<schema>.schema_migrations`, in order. */
  migrations: z.record(z.string(), z.array(z.string())),
  tables: z.array(tableEntrySchema),
  /** Partitions (made at run time, such as calls' monthly ones): a logical restore creates them first. */
  partitions: z.array(partitionEntrySchema),
  sequences: z.array(
    z.object({ schema: identifier, name: identifier, lastValue: z.string(), isCalled: z.boolean() }),
  ),
});

export const manifestSchema = z.object({
  format: z.literal('switchboard-backup'),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  switchboardVersion: z.string(),
  masterKey: z.object({
    /** Fingerprints (not the keys) of the master keys the backup's data keys may be wrapped by. */
    fingerprints: z.array(z.string()).min(1),
    included: z.boolean(),
  }),
  database: databaseSectionSchema,
  objects: z.object({
    store: z.enum(['filesystem', 's3', 'azure-blob']),
    mode: z.enum(['copy', 'manifest']),
    count: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Objects the backup could not read (their lines carry the problem). */
    unreadable: z.number().int().nonnegative(),
  }),
  /** Size and SHA-256 of every file of the backup but this manifest (object copies: in objects.jsonl). */
  files: z.record(relativePath, z.object({ size: z.number().int().nonnegative(), sha256 })),
});

export const objectLineSchema = z.object({
  key: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** Of the bytes as they were put (plaintext), as the store records it; '' when the store has none. */
  sha256: z.union([sha256, z.literal('')]),
  contentType: z.string(),
  metadata: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
  tenantId: z.string().optional(),
  retainUntil: z.iso.datetime().optional(),
  /** With --objects copy: the encrypted copy, its size and SHA-256 as a file. */
  copy: z.object({ file: relativePath, size: z.number().int().nonnegative(), sha256 }).optional(),
  /** Why the object could not be copied (a checksum mismatch in the source store). */
  problem: z.string().optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type DatabaseSection = z.infer<typeof databaseSectionSchema>;
export type TableEntry = z.infer<typeof tableEntrySchema>;
export type PartitionEntry = z.infer<typeof partitionEntrySchema>;
export type ObjectLine = z.infer<typeof objectLineSchema>;

/** The migration bookkeeping of each schema: written by migrating the restored database, not loaded. */
export function isMigrationBookkeeping(table: { schema: string; name: string }): boolean {
  return (
    table.name === 'schema_migrations' ||
    table.name === 'schema_migrations_lock' ||
    (table.schema === 'dbos' && table.name === 'dbos_migrations')
  );
}
