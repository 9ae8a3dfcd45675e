import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, closeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/*
 * The processes of `bench:scale`: `node bin/switchboard.js api|worker|scheduler` started as an
 * operator would, each with its own data folder and log file, all sharing the installation's
 * settings (database, NATS, object store, Redis, master key). A member is ready when it can do
 * its work: an api answers /readyz, a worker has joined the heartbeat (its consumers are
 * subscribed by then), a scheduler has logged that its runtime started.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Generous: four processes starting at once on a busy 2-core machine take their time. */
const readyWithinMs = 180_000;

export type MemberRole = 'api' | 'worker' | 'scheduler';

/** Node options for the members, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them. */
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

const poolMax: Readonly<Record<MemberRole, number>> = { api: 8, worker: 16, scheduler: 4 };

export interface Member {
  readonly name: string;
  readonly role: MemberRole;
  readonly port: number | undefined;
  readonly pid: number;
  readonly logFile: string;
  /** When it was started (performance.now()). */
  readonly startedAt: number;
  /** Resolves when the member is ready; rejects if it exits first or takes longer than readyWithinMs. */
  readonly ready: Promise<void>;
  /** Whether the process is still running. */
  alive(): boolean;
  /** kill -9: no shutdown of any kind. */
  kill9(): void;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

export interface ClusterSettings {
  /** The installation's shared settings (DATABASE_URL, NATS_URL, …). */
  readonly env: Readonly<Record<string, string>>;
  /** Where members keep their data folders and log files. */
  readonly dir: string;
  /** The installation's owner connection, to see workers join the heartbeat. */
  readonly owner: pg.Pool;
}

/** The environment a member gets: ours, without any Switchboard settings of the shell the bench runs in. */
function memberEnv(settings: ClusterSettings, extra: Record<string, string>): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !/^(SWITCHBOARD_|DATABASE_|NATS_URL|REDIS_URL|OBJECT_STORE_URL|PORT$|HOST$|LOG_)/.test(entry[0]),
    ),
  );
  return { ...inherited, ...settings.env, ...extra };
}

async function untilReady(
  role: MemberRole,
  child: ChildProcess,
  port: number | undefined,
  logFile: string,
  owner: pg.Pool,
): Promise<void> {
  const deadline = performance.now() + readyWithinMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${role} exited before it was ready; see ${logFile}`);
    if (role === 'api') {
      const ok = await fetch(`http://127.0.0.1:${String(port)}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
    } else if (role === 'worker') {
      // The runtime joins the heartbeat after subscribing every consumer; its id carries the pid.
      const { rows } = await owner.query<{ id: string }>(
        `select id from jobs.workers where id like $1 limit 1`,
        [`worker-%-${String(child.pid)}-%`],
      );
      if (rows.length > 0) return;
    } else if (readFileSync(logFile, 'utf8').includes('"msg":"worker runtime started"')) {
      return;
    }
    await sleep(100);
  }
  throw new Error(`${role} not ready within ${String(readyWithinMs / 1000)} s; see ${logFile}`);
}

export function startMember(
  settings: ClusterSettings,
  role: MemberRole,
  name: string,
  options: { readonly port?: number; readonly env?: Record<string, string> } = {},
): Member {
  const dataDir = path.join(settings.dir, name);
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(settings.dir, `${name}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'bin/switchboard.js'), role], {
    cwd: repoRoot,
    env: memberEnv(settings, {
      SWITCHBOARD_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      // Requests are not logged one by one (it would cost the api CPU); a scheduler says when it started.
      LOG_LEVEL: role === 'scheduler' ? 'info' : 'warn',
      // A worker handles up to 16 partitions at once, each in a transaction; an api one per request
      // in flight. Within the machine's 100 connections, with room for everyone else's.
      DATABASE_POOL_MAX: String(poolMax[role]),
      // Workers and schedulers serve /healthz, /readyz and /metrics too: without a port of their
      // own they take any free one, so that several can run on this one machine.
      PORT: String(options.port ?? 0),
      ...options.env,
    }),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = untilReady(role, child, options.port, logFile, settings.owner);
  ready.catch(() => undefined); // the caller awaits it; an unobserved rejection must not end the bench
  return {
    name,
    role,
    port: options.port,
    pid,
    logFile,
    startedAt: performance.now(),
    ready,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill9() {
      child.kill('SIGKILL');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
}

/** Runs a CLI command of the installation to its end; its standard output, or an error with it. */
export function runCli(settings: ClusterSettings, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/switchboard.js'), ...args], {
      cwd: repoRoot,
      env: memberEnv(settings, { SWITCHBOARD_DATA_DIR: path.join(settings.dir, 'cli') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`switchboard ${args.join(' ')} failed:\n${out}`)),
    );
  });
}
