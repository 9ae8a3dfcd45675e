import { createHmac, randomBytes } from 'node:crypto';
import { startFakeServer, type FakeServer } from '../../../../platform/testing/fake-http-server.js';

/*
 * A FAKE Retell API for tests: POST /v2/create-phone-call (Bearer key) and GET /v2/get-call/{id},
 * in the documented call object shape (call_id, call_status, from_number, to_number, metadata,
 * retell_llm_dynamic_variables, disconnection_reason, transcript_object, recording_url,
 * call_analysis). `webhook` builds the POST Retell sends to an agent's webhook URL, signed as
 * Retell's SDK does (x-retell-signature: v=<ms>,d=<hex HMAC-SHA256(key, body + ms)>); the
 * algorithm's vector is /work/shared/fixtures/real/voice-agents/retell-webhook-signature-vector.json.
 */

export interface FakeRetell extends FakeServer {
  readonly apiKey: string;
  readonly calls: Map<string, Record<string, unknown>>;
}

export function retellSignature(apiKey: string, body: string, timestampMs: number): string {
  const digest = createHmac('sha256', apiKey).update(`${body}${timestampMs}`, 'utf8').digest('hex');
  return `v=${timestampMs},d=${digest}`;
}

export function retellWebhook(
  apiKey: string,
  event: 'call_started' | 'call_ended' | 'call_analyzed',
  call: Record<string, unknown>,
  timestampMs = Date.now(),
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ event, call });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-retell-signature': retellSignature(apiKey, body, timestampMs),
    },
  };
}

export async function startFakeRetell(
  apiKey = `key_${randomBytes(12).toString('hex')}`,
): Promise<FakeRetell> {
  const calls = new Map<string, Record<string, unknown>>();
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`)
      return { status: 401, body: { status: 'error', message: 'Unauthorized' } };
    if (request.method === 'POST' && request.path === '/v2/create-phone-call') {
      const body = JSON.parse(request.body) as Record<string, unknown>;
      if (!body.from_number || !body.to_number)
        return { status: 400, body: { status: 'error', message: 'from_number and to_number are required' } };
      const call = {
        call_type: 'phone_call',
        call_id: `call_${randomBytes(12).toString('hex')}`,
        agent_id: body.override_agent_id ?? 'agent_default',
        call_status: 'registered',
        direction: 'outbound',
        from_number: body.from_number,
        to_number: body.to_number,
        metadata: body.metadata,
        retell_llm_dynamic_variables: body.retell_llm_dynamic_variables,
      };
      calls.set(call.call_id, call);
      return { status: 201, body: call };
    }
    const match = /^\/v2\/get-call\/(call_[0-9a-f]+)$/.exec(request.path);
    if (request.method === 'GET' && match) {
      const call = calls.get(match[1] ?? '');
      return call
        ? { status: 200, body: call }
        : { status: 404, body: { status: 'error', message: 'Not found' } };
    }
    return { status: 404, body: { status: 'error', message: 'Not found' } };
  });
  return { ...server, apiKey, calls };
}
