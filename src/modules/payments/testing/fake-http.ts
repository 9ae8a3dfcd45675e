import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * What the payment gateway fakes share: a node:http server on 127.0.0.1, port 0, every request
 * kept for the test to look at, and `failNext` for 5xx answers before the handler answers again.
 */

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export interface FakeHttp {
  readonly url: string;
  readonly requests: FakeRequest[];
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

export async function startFakeHttp(handler: (request: FakeRequest) => FakeAnswer): Promise<FakeHttp> {
  const requests: FakeRequest[] = [];
  const failures: number[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const failure = failures.shift();
      let answer: FakeAnswer;
      try {
        answer = failure
          ? { status: failure, body: { error: { type: 'api_error', message: 'fake failure' } } }
          : handler(request);
      } catch (error) {
        answer = { status: 500, body: { error: { message: String(error) } } };
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(status);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
