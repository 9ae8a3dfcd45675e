import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/app/platform.js';
import { verifyAuditChains } from '../../src/platform/audit/index.js';
import type { RestoreSummary, BackupSummary } from '../../src/platform/backup/index.js';
import { findPgTool } from '../../src/platform/backup/pg-tools.js';
import { loadConfig } from '../../src/platform/config/index.js';
import type { RequestContext } from '../../src/platform/context.js';
import { SubjectErasedError, type SubjectIdentifier } from '../../src/platform/crypto/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { runCli, type Finished } from '../support/child-process.js';
import { createTenant } from '../support/identity.js';
import { createEmptyDatabase, createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

/*
 * The round trip of issue 19: a platform with calls, objects, audit entries and subject keys is backed
 * up with the CLI, one subject is erased after the backup, and the backup is restored into a fresh
 * database and data dir, which must then hold the calls (readable), the objects (same checksums), an
 * intact audit chain, and the erasure made after the backup. The built-in logical dump runs always; on
 * a server the machine's pg_dump can read (TEST_DATABASE_URL=…PostgreSQL 15) the pg_dump format too.
 */

const silent = createLogger({ level: 'silent' });

const asteriskRow = (n: number) =>
  `"","+4930222${n}","211474","stadion-pstn","""Zoe"" <+4930222${n}>","SIP/211474-0000000${n}","","Hangup","","2024-01-27 15:07:2${n}","2024-01-27 15:07:2${n}","2024-01-27 15:07:51",27,27,"ANSWERED","DOCUMENTATION","bk-${n}","","","bk-${n}",0`;

const kept: SubjectIdentifier = { kind: 'email', value: 'kept@example.test' };
const erasedBefore: SubjectIdentifier = { kind: 'email', value: 'erased-before@example.test' };
const erasedAfter: SubjectIdentifier = { kind: 'email', value: 'erased-after@example.test' };

/** The JSON summary a command printed (after checking it succeeded). */
function summaryOf(result: Finished): unknown {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

async function openPlatform(env: Record<string, string>): Promise<Platform> {
  return createPlatform(loadConfig({ LOG_LEVEL: 'silent', DATABASE_POOL_MAX: '3', ...env }), {
    role: 'cli',
    logger: silent,
  });
}

async function objectList(platform: Platform): Promise<{ key: string; sha256: string; size: number }[]> {
  const list: { key: string; sha256: string; size: number }[] = [];
  for await (const head of platform.quietObjects.list(''))
    list.push({ key: head.key, sha256: head.sha256, size: head.size });
  return list;
}

describe('switchboard backup and restore', () => {
  const temps: string[] = [];
  const databases: TestDatabase[] = [];
  let source: TestDatabase;
  let sourceDir: string;
  let sourceEnv: Record<string, string>;
  let masterKey: string;
  let platform: Platform;
  let ctx: RequestContext;
  let sealed: { kept: Buffer; before: Buffer; after: Buffer };
  let atBackup: {
    calls: { id: string; record: unknown }[];
    objects: { key: string; sha256: string; size: number }[];
    auditEntries: number;
  };
  const backups: { format: 'logical' | 'pg_dump'; path: string; summary: BackupSummary }[] = [];

  const tempDir = async (name: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `sb-backup-${name}-`));
    temps.push(dir);
    return dir;
  };

  beforeAll(async () => {
    source = await createMigratedDatabase();
    databases.push(source);
    sourceDir = await tempDir('source');
    sourceEnv = { DATABASE_URL: source.url, SWITCHBOARD_DATA_DIR: sourceDir };
    platform = await openPlatform(sourceEnv);
    masterKey = (await readFile(path.join(sourceDir, 'master.key'), 'utf8')).trim();

    ({ ctx } = await createTenant(platform, 'backup-acme'));
    const imported = await platform.modules.calls.importFile(
      ctx,
      Readable.from([[1, 2, 3].map(asteriskRow).join('\n')]),
      { format: 'asterisk-csv', options: { timeZone: 'Europe/Berlin' } },
    );
    expect(imported).toMatchObject({ created: 3 });
    for (const n of [1, 2, 3]) await platform.auditLog.record(ctx, { action: 'backup.test', details: { n } });
    sealed = {
      kept: await platform.subjectKeys.seal(ctx.tenantId, [kept], 'kept value'),
      before: await platform.subjectKeys.seal(ctx.tenantId, [erasedBefore], 'erased before'),
      after: await platform.subjectKeys.seal(ctx.tenantId, [erasedAfter], 'erased after'),
    };
    await platform.subjectKeys.shred(ctx.tenantId, [erasedBefore]);
    await platform.objects.put(`${ctx.tenantId}/notes/hello.txt`, Buffer.from('hello, restore'), {
      tenantId: ctx.tenantId,
      contentType: 'text/plain',
      metadata: { origin: 'test' },
    });

    const page = await platform.modules.calls.calls.list(ctx, { filters: {}, limit: 50 });
    atBackup = {
      calls: await Promise.all(
        page.items.map(async (c) => ({
          id: c.id,
          record: (await platform.modules.calls.calls.get(ctx, c.id)).record,
        })),
      ),
      objects: await objectList(platform),
      auditEntries: (await verifyAuditChains(platform.database.owner)).entries,
    };
    expect(atBackup.calls).toHaveLength(3);

    // Backups: the logical dump always (as a .tar), pg_dump when one can read this server (as a folder).
    const out = await tempDir('out');
    const logical = path.join(out, 'logical.tar');
    backups.push({
      format: 'logical',
      path: logical,
      summary: summaryOf(
        await runCli(['backup', logical, '--database-format', 'logical', '--json'], sourceEnv),
      ) as BackupSummary,
    });
    const server = new pg.Client({ connectionString: source.url });
    await server.connect();
    const major = Math.floor(
      Number(
        (await server.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]?.v,
      ) / 10_000,
    );
    await server.end();
    if (await findPgTool('pg_dump', major)) {
      const folder = path.join(out, 'pg-dump');
      backups.push({
        format: 'pg_dump',
        path: folder,
        summary: summaryOf(await runCli(['backup', folder, '--json'], sourceEnv)) as BackupSummary,
      });
    }

    // After the backups: one more erasure, which a restore must not undo.
    await platform.subjectKeys.shred(ctx.tenantId, [erasedAfter]);
  }, 600_000);

  afterAll(async () => {
    await platform.close();
    for (const database of databases) await database.drop();
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it('writes a manifest of the database and the objects, and says which keys it does not hold', () => {
    const [logical] = backups;
    expect(logical?.summary).toMatchObject({
      database: { format: 'logical' },
      objects: { store: 'filesystem', mode: 'copy', count: atBackup.objects.length, unreadable: [] },
      masterKey: { included: false },
    });
    const auto = backups.find((b) => b.format === 'pg_dump');
    if (auto)
      expect(auto.summary.database).toMatchObject({
        format: 'pg_dump',
        rows: logical?.summary.database.rows,
      });
    // Whatever the format, both saw the same rows.
    expect(logical?.summary.database.rows).toBeGreaterThan(0);
  });

  it('refuses to restore without the master key, naming the key it needs', async () => {
    const target = await createEmptyDatabase();
    databases.push(target);
    const result = await runCli(['restore', backups[0]?.path ?? ''], {
      DATABASE_URL: target.url,
      SWITCHBOARD_DATA_DIR: await tempDir('nokey'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no master key');
    expect(result.stderr).toContain(backups[0]?.summary.masterKey.fingerprint ?? '?');
  });

  it.for(['logical', 'pg_dump'] as const)(
    'restores a %s backup into a fresh database and data dir: calls, objects, audit chain, erasures',
    { timeout: 600_000 },
    async (format, context) => {
      const backup = backups.find((b) => b.format === format);
      if (!backup) {
        // The server is newer than any pg_dump here (the embedded PostgreSQL 18 beside Debian's 15).
        context.skip();
        return;
      }
      const target = await createEmptyDatabase();
      databases.push(target);
      const targetEnv = {
        DATABASE_URL: target.url,
        SWITCHBOARD_DATA_DIR: await tempDir(`target-${format}`),
        SWITCHBOARD_MASTER_KEY: masterKey,
      };
      const summary = summaryOf(
        await runCli(
          ['restore', backup.path, '--tombstones-from', `file://${sourceDir}/objects`, '--json'],
          targetEnv,
        ),
      ) as RestoreSummary;
      expect(summary).toMatchObject({
        ok: true,
        database: { format, rowMismatches: [], rows: backup.summary.database.rows },
        objects: {
          count: atBackup.objects.length,
          restored: atBackup.objects.length,
          missingCount: 0,
          mismatchedCount: 0,
        },
        audit: { entries: atBackup.auditEntries, breaks: [] },
      });
      // The erasure after the backup: its tombstone lives only in the old store, read with --tombstones-from.
      expect(summary.tombstones.reapplied).toBe(1);

      const restored = await openPlatform(targetEnv);
      try {
        for (const call of atBackup.calls)
          expect((await restored.modules.calls.calls.get(ctx, call.id)).record).toEqual(call.record);
        expect(await objectList(restored)).toEqual(atBackup.objects);
        const note = await restored.quietObjects.get(`${ctx.tenantId}/notes/hello.txt`);
        expect(note.metadata).toEqual({ origin: 'test' });
        const chains = await verifyAuditChains(restored.database.owner, { archive: restored.quietObjects });
        expect(chains).toMatchObject({ entries: atBackup.auditEntries, breaks: [] });

        expect((await restored.subjectKeys.open(ctx.tenantId, sealed.kept)).toString()).toBe('kept value');
        await expect(restored.subjectKeys.open(ctx.tenantId, sealed.before)).rejects.toBeInstanceOf(
          SubjectErasedError,
        );
        await expect(restored.subjectKeys.open(ctx.tenantId, sealed.after)).rejects.toBeInstanceOf(
          SubjectErasedError,
        );
      } finally {
        await restored.close();
      }

      const again = await runCli(['restore', backup.path], targetEnv);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already holds Switchboard tables');
      if (format !== 'logical') return;

      // Over the same installation with --force, one object damaged behind the store's back: the
      // objects are all there already, read through, and the damaged one fails the restore.
      const note = `${ctx.tenantId}/notes/hello.txt`;
      const file = path.join(targetEnv.SWITCHBOARD_DATA_DIR, 'objects', ...note.split('/')) + '#';
      const bytes = await readFile(file);
      bytes[40] = (bytes[40] ?? 0) ^ 0xff;
      await writeFile(file, bytes);
      const forced = await runCli(
        [
          'restore',
          backup.path,
          '--force',
          '--verify-objects',
          'read',
          '--tombstones-from',
          `file://${sourceDir}/objects`,
          '--json',
        ],
        targetEnv,
      );
      expect(forced.code, forced.stderr).toBe(1);
      expect(forced.stderr).toContain('database: --force: dropping');
      expect(JSON.parse(forced.stdout)).toMatchObject({
        ok: false,
        database: { rowMismatches: [] },
        objects: { restored: 0, present: atBackup.objects.length - 1, mismatched: [note], missingCount: 0 },
        tombstones: { reapplied: 1 },
        audit: { breaks: [] },
      });
    },
  );

  it('restores into an empty data dir of its own (the embedded PostgreSQL), the master key from the backup', async () => {
    const out = await tempDir('with-key');
    const backup = path.join(out, 'with-key');
    const written = await runCli(
      ['backup', backup, '--database-format', 'logical', '--include-master-key'],
      sourceEnv,
    );
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain('WARNING: this backup holds the master key');

    const dataDir = await tempDir('embedded');
    const env = { SWITCHBOARD_DATA_DIR: dataDir };
    const result = await runCli(['restore', backup, '--tombstones-from', `file://${sourceDir}/objects`], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Restore complete: every check passed.');
    expect(result.stderr).toContain(`keys: installed the backup's master key as ${dataDir}/master.key`);

    const restored = await openPlatform(env);
    try {
      const page = await restored.modules.calls.calls.list(ctx, { filters: {}, limit: 50 });
      expect(page.items.map((c) => c.id).sort()).toEqual(atBackup.calls.map((c) => c.id).sort());
      await expect(restored.subjectKeys.open(ctx.tenantId, sealed.after)).rejects.toBeInstanceOf(
        SubjectErasedError,
      );
    } finally {
      await restored.close();
    }
  }, 600_000);
});
