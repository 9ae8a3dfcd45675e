/**
 * FAKE provider servers for the tests: node:http on port 0 answering the documented endpoints of
 * OpenAI, Deepgram, Amazon Transcribe/S3 and AssemblyAI with scripted replies (the real outputs in
 * shared/fixtures/real/transcripts). They are not the providers: they check only what the tests
 * assert, and record every request so the tests can look at what was sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export interface FakeReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  /** Answer only after this long (to exceed the client's time limit). */
  readonly delayMs?: number;
  /** Close the connection without answering (a network failure). */
  readonly hangUp?: boolean;
}

type Handler = (call: FakeCall) => FakeReply;

export class FakeProviderServer {
  readonly calls: FakeCall[] = [];
  private readonly routes = new Map<string, Handler>();
  private server!: Server;
  url = '';

  static async start(): Promise<FakeProviderServer> {
    const fake = new FakeProviderServer();
    fake.server = createServer((request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Replies in order for `METHOD /path`; the last one repeats. A function decides per call. */
  on(route: string, ...replies: (FakeReply | Handler)[]): this {
    let next = 0;
    this.routes.set(route, (call) => {
      const reply = replies[Math.min(next, replies.length - 1)];
      next += 1;
      if (reply === undefined) return { status: 500, body: 'no reply scripted' };
      return typeof reply === 'function' ? reply(call) : reply;
    });
    return this;
  }

  callsTo(route: string): FakeCall[] {
    const [method, path] = route.split(' ');
    return this.calls.filter((call) => call.method === method && call.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', this.url);
    const call: FakeCall = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: Buffer.concat(chunks),
    };
    this.calls.push(call);
    const handler =
      this.routes.get(`${call.method} ${call.path}`) ??
      [...this.routes.entries()].find(
        ([route]) => route.endsWith('*') && `${call.method} ${call.path}`.startsWith(route.slice(0, -1)),
      )?.[1];
    const reply = handler?.(call) ?? {
      status: 404,
      body: { error: `fake: no route ${call.method} ${call.path}` },
    };
    if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.hangUp === true) {
      request.socket.destroy();
      return;
    }
    const text =
      typeof reply.body === 'string'
        ? reply.body
        : reply.body === undefined
          ? ''
          : JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
      ...reply.headers,
    });
    response.end(text);
  }
}

/** The multipart form a client sent (OpenAI). */
export async function formOf(call: FakeCall): Promise<FormData> {
  const request = new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': String(call.headers['content-type']) },
    body: call.body,
  });
  // Fine for a test's few small forms (the deprecation warns about parsing untrusted uploads on a server).
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return request.formData();
}
