import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { startFakeServer, type FakeServer } from '../../../../platform/testing/fake-http-server.js';

/*
 * A FAKE Vapi API for tests: POST /call (Bearer key) creates an outbound phone call, GET /call/{id}
 * reads it, in the documented Call shape (id, status, endedReason, customer, metadata, artifact,
 * analysis). `endOfCallReport` builds the server message Vapi POSTs at the end of a call — the
 * shape of /work/shared/fixtures/real/voice-agents/vapi-end-of-call-report-minimal.json, with the
 * artifact and analysis the docs describe — and `signed` the x-vapi-signature (HMAC-SHA256 hex).
 */

export interface FakeVapi extends FakeServer {
  readonly apiKey: string;
  readonly calls: Map<string, Record<string, unknown>>;
  /** Ends a call the way its end-of-call report says (GET /call/{id} answers it from then on). */
  end(id: string, report: Record<string, unknown>): void;
}

export function vapiSigned(secret: string, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-vapi-signature': createHmac('sha256', secret).update(body, 'utf8').digest('hex'),
  };
}

export function endOfCallReport(
  call: Record<string, unknown>,
  options: {
    endedReason: string;
    messages?: { role: 'bot' | 'user'; message: string; secondsFromStart?: number }[];
    structuredData?: Record<string, unknown>;
    summary?: string;
    recordingUrl?: string;
  },
): Record<string, unknown> {
  const messages = options.messages ?? [];
  return {
    message: {
      type: 'end-of-call-report',
      timestamp: Date.parse('2026-12-03T10:02:00Z'),
      endedReason: options.endedReason,
      call: { ...call, status: 'ended', endedReason: options.endedReason },
      startedAt: '2026-12-03T10:00:00.000Z',
      endedAt: '2026-12-03T10:02:00.000Z',
      durationSeconds: 120,
      artifact: {
        messages,
        transcript: messages.map((m) => `${m.role === 'bot' ? 'AI' : 'User'}: ${m.message}`).join('\n'),
        recordingUrl: options.recordingUrl,
      },
      analysis: { summary: options.summary, structuredData: options.structuredData },
    },
  };
}

export async function startFakeVapi(apiKey = randomBytes(16).toString('hex')): Promise<FakeVapi> {
  const calls = new Map<string, Record<string, unknown>>();
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`)
      return {
        status: 401,
        body: {
          message:
            'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.',
          error: 'Unauthorized',
          statusCode: 401,
        },
      };
    if (request.method === 'POST' && request.path === '/call') {
      const body = JSON.parse(request.body) as Record<string, unknown>;
      if (!body.assistantId || !body.phoneNumberId)
        return {
          status: 400,
          body: { message: ['assistantId or phoneNumberId missing'], error: 'Bad Request', statusCode: 400 },
        };
      const call = {
        id: randomUUID(),
        orgId: randomUUID(),
        type: 'outboundPhoneCall',
        status: 'queued',
        assistantId: body.assistantId,
        phoneNumberId: body.phoneNumberId,
        customer: body.customer,
        metadata: body.metadata,
        assistantOverrides: body.assistantOverrides,
        createdAt: new Date().toISOString(),
      };
      calls.set(call.id, call);
      return { status: 201, body: call };
    }
    const match = /^\/call\/([0-9a-f-]{36})$/.exec(request.path);
    if (request.method === 'GET' && match) {
      const call = calls.get(match[1] ?? '');
      return call
        ? { status: 200, body: call }
        : { status: 404, body: { message: 'Not Found', statusCode: 404 } };
    }
    return { status: 404, body: { message: 'Not Found', statusCode: 404 } };
  });
  return {
    ...server,
    apiKey,
    calls,
    end(id, report) {
      const message = report.message as Record<string, unknown>;
      calls.set(id, {
        ...(message.call as Record<string, unknown>),
        status: 'ended',
        endedReason: message.endedReason,
        startedAt: message.startedAt,
        endedAt: message.endedAt,
        artifact: message.artifact,
        analysis: message.analysis,
      });
    },
  };
}
