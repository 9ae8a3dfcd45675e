import { execFile, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackupError } from './backup.errors.js';

const execFileAsync = promisify(execFile);

export interface PgTool {
  readonly path: string;
  readonly major: number;
  readonly version: string;
}

/** `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` → 15. */
export function parsePgToolVersion(output: string): { major: number; version: string } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  if (!match?.[1]) return undefined;
  return { major: Number(match[1]), version: match[2] ? `${match[1]}.${match[2]}` : match[1] };
}

async function versionOf(binary: string): Promise<PgTool | undefined> {
  try {
    const { stdout } = await execFileAsync(binary, ['--version'], { timeout: 10_000 });
    const parsed = parsePgToolVersion(stdout);
    return parsed ? { path: binary, ...parsed } : undefined;
  } catch {
    return undefined;
  }
}

/** Where distributions install each major version side by side (Debian, RHEL's PGDG, Homebrew). */
async function versionedInstalls(name: string): Promise<string[]> {
  const roots: [string, (entry: string) => string][] = [
    ['/usr/lib/postgresql', (v) => path.join('/usr/lib/postgresql', v, 'bin', name)],
    ['/usr', (v) => (v.startsWith('pgsql-') ? path.join('/usr', v, 'bin', name) : '')],
    [
      '/opt/homebrew/opt',
      (v) => (v.startsWith('postgresql') ? path.join('/opt/homebrew/opt', v, 'bin', name) : ''),
    ],
  ];
  const found: string[] = [];
  for (const [root, binary] of roots) {
    const entries = await readdir(root).catch(() => [] as string[]);
    for (const entry of entries) {
      const candidate = binary(entry);
      if (candidate) found.push(candidate);
    }
  }
  return found;
}

/**
 * A `pg_dump` or `pg_restore` whose major version is at least `minMajor`: the one named explicitly
 * (which must qualify), else the oldest that qualifies of the side-by-side installs and the one on PATH. pg_dump
 * refuses servers newer than itself, and pg_restore cannot read archives of a newer pg_dump.
 */
export async function findPgTool(
  name: 'pg_dump' | 'pg_restore',
  minMajor: number,
  explicit?: string,
): Promise<PgTool | undefined> {
  if (explicit) {
    const tool = await versionOf(explicit);
    if (!tool)
      throw new BackupError(
        'BACKUP_PG_TOOLS',
        `${explicit} is not a ${name} that runs here (--version failed)`,
      );
    if (tool.major < minMajor)
      throw new BackupError(
        'BACKUP_PG_TOOLS',
        `${explicit} is ${name} ${tool.version}, older than PostgreSQL ${minMajor}, which it would have to read`,
      );
    return tool;
  }
  const candidates = [...(await versionedInstalls(name)), name];
  const tools = (await Promise.all(candidates.map(versionOf))).filter((t): t is PgTool => t !== undefined);
  // The oldest that qualifies: a newer one writes settings an older server refuses on restore
  // (pg_dump 17 emits `SET transaction_timeout`).
  return tools.filter((t) => t.major >= minMajor).sort((a, b) => a.major - b.major)[0];
}

/**
 * libpq's view of a connection string: the password moves to PGPASSWORD (so it is not on the
 * command line for `ps` to show), the rest stays a URL.
 */
export function libpqConnection(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a PostgreSQL client tool to its end; its stderr is the error when it fails. */
export async function runPgTool(
  tool: PgTool,
  args: readonly string[],
  env: Record<string, string>,
): Promise<void> {
  const child = spawn(tool.path, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0)
    throw new BackupError(
      'BACKUP_PG_TOOLS',
      `${path.basename(tool.path)} ${tool.version} failed (exit ${code}): ${stderr.trim()}`,
    );
}
