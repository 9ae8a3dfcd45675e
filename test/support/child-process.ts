import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

export interface CliRun {
  /** Options for node itself, before the script (`--import`, …). */
  readonly nodeArgs?: readonly string[];
  /** Another copy of the bin (a scratch checkout); default this repo's. */
  readonly bin?: string;
  readonly stdin?: string;
}

/** Runs the switchboard CLI to completion. */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  { nodeArgs = [], bin = path.join(repoRoot, 'bin/switchboard.js'), stdin }: CliRun = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {
    cwd: path.resolve(path.dirname(bin), '..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  child.stdin.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}
