import { readdir, readFile } from 'node:fs/promises';

/*
 * Where the CPU went during a benchmark phase, read from Linux /proc: one process by pid, every
 * process of a program by name (PostgreSQL, nats-server), and the machine as a whole. Elsewhere
 * (or when /proc cannot be read) the figures are undefined and the benchmark prints n/a.
 */

const ticksPerSecond = Number(process.env.CLK_TCK ?? 100);

interface Stat {
  readonly pid: number;
  readonly comm: string;
  readonly ppid: number;
  /** utime + stime, in ticks. */
  readonly own: number;
  /** cutime + cstime: children that have exited (PostgreSQL's ended backends), in ticks. */
  readonly children: number;
}

async function statOf(pid: string): Promise<Stat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After "pid (comm) ": state 0, ppid 1, ..., utime 11, stime 12, cutime 13, cstime 14.
    return {
      pid: Number(pid),
      comm,
      ppid: Number(fields[1]),
      own: Number(fields[11]) + Number(fields[12]),
      children: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) the process has used so far; undefined once it is gone. */
export async function processCpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await statOf(String(pid));
  return stat ? stat.own / ticksPerSecond : undefined;
}

/**
 * CPU seconds used so far by every process named `comm`, with the exited children of the topmost
 * one (a PostgreSQL server's ended backends are counted by its postmaster).
 */
export async function programCpuSeconds(comm: string): Promise<number | undefined> {
  try {
    const stats = (await Promise.all((await readdir('/proc')).filter((p) => /^\d+$/.test(p)).map(statOf)))
      .filter((s): s is Stat => s !== undefined)
      .filter((s) => s.comm === comm);
    if (stats.length === 0) return undefined;
    const pids = new Set(stats.map((s) => s.pid));
    let ticks = 0;
    for (const stat of stats) ticks += stat.own + (pids.has(stat.ppid) ? 0 : stat.children);
    return ticks / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds so far of each process whose command line holds `text`, by pid: PostgreSQL titles its
 * backends `postgres: <cluster>: <user> <database> <client> <state>`, so one database's backends
 * can be told from everyone else's on a shared server.
 */
export async function cpuByPid(text: string): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  try {
    for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (!cmdline.includes(text)) continue;
      const stat = await statOf(pid);
      if (stat) found.set(stat.pid, stat.own / ticksPerSecond);
    }
  } catch {
    // no /proc: nothing found
  }
  return found;
}

/**
 * CPU used between two `cpuByPid` readings: what each process added, all of it for one that
 * started meanwhile. A process that ended meanwhile (a pool closing an idle connection) is lost for
 * its last part, so the figure is a floor.
 */
export function cpuAdded(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let seconds = 0;
  for (const [pid, now] of after) seconds += now - (before.get(pid) ?? 0);
  return seconds;
}

export interface MachineCpu {
  /** Ticks spent not idle (user, nice, system, irq, softirq, steal), all cores together. */
  readonly busy: number;
  readonly total: number;
}

/** The machine's CPU counters since boot (/proc/stat). */
export async function machineCpu(): Promise<MachineCpu | undefined> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return undefined;
  }
}

/** How busy the machine's cores were between two readings: 0..1 of all cores. */
export function busyShare(before: MachineCpu | undefined, after: MachineCpu | undefined): number | undefined {
  if (!before || !after || after.total === before.total) return undefined;
  return (after.busy - before.busy) / (after.total - before.total);
}

/**
 * CPU seconds used so far by a process and its live children, plus the children that have exited
 * (a PostgreSQL postmaster and its backends, ended ones included).
 */
export async function processTreeCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const root = await statOf(String(pid));
    if (!root) return undefined;
    let ticks = root.own + root.children;
    for (const stat of await Promise.all((await readdir('/proc')).filter((p) => /^\d+$/.test(p)).map(statOf)))
      if (stat?.ppid === pid) ticks += stat.own;
    return ticks / ticksPerSecond;
  } catch {
    return undefined;
  }
}
