import { createHmac, randomBytes } from 'node:crypto';
import { startFakeServer, type FakeServer } from '../../../../platform/testing/fake-http-server.js';

/*
 * A FAKE Twilio REST API (2010-04-01) for tests: Calls.json creates a call (HTTP Basic auth with
 * the account SID and auth token, 401 code 20003 otherwise) and Calls/{Sid}.json reads it, in the
 * documented JSON shapes (snake_case: sid, status, answered_by, duration, start_time, end_time).
 * `callback` builds the form Twilio POSTs to a StatusCallback, signed as Twilio documents
 * (base64 HMAC-SHA1 of the URL + sorted names and values) — computed here independently of the
 * platform's validator. Shapes: /work/shared/fixtures/real/twilio/status-callback-*.txt.
 */

export interface FakeTwilio extends FakeServer {
  readonly accountSid: string;
  readonly authToken: string;
  /** Calls created, by SID, with the form they were created with. */
  readonly calls: Map<string, { form: URLSearchParams; resource: Record<string, unknown> }>;
  /** Moves a call on (what GET Calls/{Sid}.json answers next). */
  finish(sid: string, status: string, extra?: { answeredBy?: string; duration?: number }): void;
}

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set([...params.keys()])].sort();
  let data = url;
  for (const name of names)
    for (const value of [...new Set(params.getAll(name))].sort()) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The signed form of a status callback, as Twilio would POST it to `url`. */
export function twilioCallback(
  authToken: string,
  url: string,
  fields: Record<string, string>,
): { body: string; headers: Record<string, string> } {
  const params = new URLSearchParams(fields);
  return {
    body: params.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(authToken, url, params),
    },
  };
}

export async function startFakeTwilio(
  accountSid = `AC${randomBytes(16).toString('hex')}`,
  authToken = randomBytes(16).toString('hex'),
): Promise<FakeTwilio> {
  const calls = new Map<string, { form: URLSearchParams; resource: Record<string, unknown> }>();
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== expected)
      return { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } };
    const base = `/2010-04-01/Accounts/${accountSid}/Calls`;
    if (request.method === 'POST' && request.path === `${base}.json`) {
      const form = new URLSearchParams(request.body);
      if (!form.get('To') || !form.get('From'))
        return { status: 400, body: { code: 21201, message: 'No To/From number specified', status: 400 } };
      const sid = `CA${randomBytes(16).toString('hex')}`;
      const resource = {
        sid,
        account_sid: accountSid,
        to: form.get('To'),
        from: form.get('From'),
        status: 'queued',
        answered_by: null,
        duration: null,
        start_time: null,
        end_time: null,
        api_version: '2010-04-01',
        uri: `${base}/${sid}.json`,
      };
      calls.set(sid, { form, resource });
      return { status: 201, body: resource };
    }
    const match = new RegExp(`^${base}/(CA[0-9a-f]{32})\\.json$`).exec(request.path);
    if (request.method === 'GET' && match) {
      const call = calls.get(match[1] ?? '');
      return call
        ? { status: 200, body: call.resource }
        : {
            status: 404,
            body: { code: 20404, message: 'The requested resource was not found', status: 404 },
          };
    }
    return { status: 404, body: { code: 20404, message: 'not found', status: 404 } };
  });
  return {
    ...server,
    accountSid,
    authToken,
    calls,
    finish(sid, status, extra = {}) {
      const call = calls.get(sid);
      if (!call) throw new Error(`no call ${sid}`);
      call.resource = {
        ...call.resource,
        status,
        answered_by: extra.answeredBy ?? null,
        duration: extra.duration === undefined ? null : String(extra.duration),
        end_time: 'Thu, 03 Dec 2026 10:00:00 +0000',
      };
    },
  };
}
