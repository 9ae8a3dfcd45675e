import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Spawned {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  /** Resolves with the first stdout line matching the pattern. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Runs a TypeScript file of this repo (through tsx) as a separate process. */
export function spawnTs(file: string, args: readonly string[], env: Record<string, string>): Spawned {
  return spawnNode(['--import', 'tsx', path.join(repoRoot, file), ...args], env);
}

/** Runs the switchboard CLI (the compiled build, as `npm start` does) as a separate process. */
export function spawnCli(args: readonly string[], env: Record<string, string>): Spawned {
  return spawnNode([path.join(repoRoot, 'bin/switchboard.js'), ...args], env);
}

function spawnNode(nodeArgs: readonly string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => `${stdout}\n--- stderr ---\n${stderr}`,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; output:\n${stdout}\n${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          const match = stdout.match(pattern);
          if (match) {
            clearTimeout(timer);
            child.stdout.off('data', check);
            resolve(match);
          }
        };
        child.stdout.on('data', check);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`process exited before ${pattern}; output:\n${stdout}\n${stderr}`));
        });
        check();
      });
    },
  };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcessWithoutNullStreams): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs a bash script in the repo folder to completion, as a user would in a terminal. */
export function runShell(script: string, env: Record<string, string>): Promise<Finished> {
  const child = spawn('bash', ['-c', script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  child.stdin.end();
  return finished(child);
}

/** A TCP port nothing listens on right now, for a server that must be given one up front. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface CliRun {
  /** Options for node itself, before the script (`--import`, …). */
  readonly nodeArgs?: readonly string[];
  /** Another copy of the bin (a scratch checkout); default this repo's. */
  readonly bin?: string;
}

/** Runs the switchboard CLI to completion. */
export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  { nodeArgs = [], bin = path.join(repoRoot, 'bin/switchboard.js') }: CliRun = {},
): Promise<Finished> {
  const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {
    cwd: path.resolve(path.dirname(bin), '..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  child.stdin.end();
  return finished(child);
}
