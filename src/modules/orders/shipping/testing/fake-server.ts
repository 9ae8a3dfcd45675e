import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecretReader } from '../../../../platform/secrets/index.js';

/*
 * What the carrier fakes share (a copy of campaigns' telephony fake server): a node:http server on 127.0.0.1, port 0, and a fetch that sends
 * a provider's real origin (https://api.twilio.com) to the fake instead (KernelDeps.fetch in tests).
 */

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type FakeHandler = (request: FakeRequest) => {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
};

export interface FakeServer {
  readonly url: string;
  readonly requests: FakeRequest[];
  /** The next n answers are this status (429, 503) before the handler answers again. */
  failNext(status: number, times?: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** Tenant secrets in memory, for adapter tests without a database. */
export function memorySecrets(values: Readonly<Record<string, string>>): SecretReader {
  return {
    read: (_ctx, name) => Promise.resolve(values[name]),
    names: () => Promise.resolve(Object.keys(values)),
  };
}

export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const failure = failures.shift();
      const answer = failure
        ? { status: failure.status, body: { message: 'fake failure' }, headers: failure.headers }
        : handler(request);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status, times = 1, headers = {}) {
      for (let i = 0; i < times; i += 1) failures.push({ status, headers });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** A fetch that sends each listed origin to its fake; anything else is refused (no network in tests). */
export function routedFetch(routes: Readonly<Record<string, string>>): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const target = routes[url.origin];
    if (!target) return Promise.reject(new Error(`no fake for ${url.origin} (tests make no real requests)`));
    return fetch(`${target}${url.pathname}${url.search}`, init);
  };
}
