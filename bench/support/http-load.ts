import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/*
 * A small closed-loop HTTP load generator: N clients, each on its own keep-alive connection, send
 * the next GET as soon as the previous answer has been read. It runs in a child process, so its
 * own CPU stays out of the server's process.cpuUsage() and off the server's event loop (as
 * autocannon or wrk would run beside a server).
 */

export interface LoadOptions {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly clients: number;
  /** Measured seconds, after the warm-up. */
  readonly seconds: number;
  readonly warmupSeconds?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Latencies in milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Answers other than 200 (the run stops at the first one). */
  readonly errors: number;
  readonly firstError?: string;
}

function get(agent: http.Agent, url: URL, headers: Readonly<Record<string, string>>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode === 200) resolve(200);
        else
          reject(
            new Error(`${url.pathname} answered ${response.statusCode}: ${Buffer.concat(chunks).toString()}`),
          );
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Runs the load in this process. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const headers = options.headers ?? {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const warmupEnd = performance.now() + (options.warmupSeconds ?? 1) * 1000;
  const end = warmupEnd + options.seconds * 1000;
  const client = async () => {
    for (let now = performance.now(); now < end && errors === 0; now = performance.now()) {
      try {
        await get(agent, url, headers);
        if (now >= warmupEnd) latencies.push(performance.now() - now);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return {
    requests: sorted.length,
    seconds: options.seconds,
    perSecond: sorted.length / options.seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

/** Runs the load in a child process and returns what it measured. */
export function runLoadInChild(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
    });
    let result: LoadResult | undefined;
    child.on('message', (message) => {
      result = message as LoadResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the load generator exited with ${code ?? 'a signal'} and no result`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
  const result = await runLoad(options);
  process.send(result, () => process.exit(0));
}
