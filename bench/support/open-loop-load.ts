import http from 'node:http';

/*
 * Open-loop load: requests are sent at a fixed arrival rate whatever the server's answers, as a
 * source with many callers does, over a fixed number of keep-alive connections. Each latency is
 * measured from the moment the request was due, so time spent waiting for a free connection (or
 * behind a slow server) counts, and a server that falls behind shows it instead of slowing the
 * load down (the coordinated-omission trap of closed-loop clients).
 */

export interface OpenLoopOptions {
  readonly port: number;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Requests per second. */
  readonly rate: number;
  readonly seconds: number;
  readonly connections: number;
  /** The body of the i-th request. */
  readonly body: (i: number) => string;
}

export interface OpenLoopResult {
  readonly sent: number;
  /** Answers with the expected status, with the response bodies. */
  readonly accepted: readonly string[];
  /** Other answers and errors, by status (or error message). */
  readonly failed: ReadonlyMap<string, number>;
  /** Milliseconds from each accepted request's due time to its answer, sorted. */
  readonly latenciesMs: readonly number[];
  /** From the first due time to the last answer. */
  readonly seconds: number;
}

export async function runOpenLoop(options: OpenLoopOptions, expectedStatus = 202): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const accepted: string[] = [];
  const latencies: number[] = [];
  const failed = new Map<string, number>();
  const fail = (why: string) => failed.set(why, (failed.get(why) ?? 0) + 1);
  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const body = options.body(i);
      const request = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: options.port,
          path: options.path,
          method: 'POST',
          headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode === expectedStatus) {
              latencies.push(performance.now() - due);
              accepted.push(Buffer.concat(chunks).toString('utf8'));
            } else fail(String(response.statusCode));
            resolve();
          });
        },
      );
      request.on('error', (error) => {
        fail(error.message);
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(i, due));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent: total, accepted, failed, latenciesMs: latencies, seconds };
}

/** The q-quantile (0..1) of sorted values; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
