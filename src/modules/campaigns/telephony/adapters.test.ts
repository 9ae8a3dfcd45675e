import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { toPublicId } from '../../../platform/ids.js';
import { createLogger } from '../../../platform/telemetry/index.js';
import type { DialRequest, WebhookRequest } from './adapter.js';
import { RETELL_API, RETELL_DISCONNECTION, retellOutcomeOf, verifyRetellSignature } from './retell.js';
import { createTelephonyAdapters, type TelephonyAdapters } from './telephony-adapters.js';
import { routedFetch } from '../../../platform/testing/fake-http-server.js';
import { memorySecrets } from './testing/fake-secrets.js';
import { retellWebhook, startFakeRetell, type FakeRetell } from './testing/fake-retell.js';
import { startFakeTwilio, twilioCallback, type FakeTwilio } from './testing/fake-twilio.js';
import { endOfCallReport, startFakeVapi, vapiSigned, type FakeVapi } from './testing/fake-vapi.js';
import { TWILIO_API, TWILIO_CALL_STATUS, twilioAnsweredBy } from './twilio.js';
import { VAPI_API, vapiOutcomeOf } from './vapi.js';

/*
 * The provider adapters against FAKE Twilio, Vapi and Retell servers (node:http on 127.0.0.1;
 * the platform's fetch routed to them): place → the provider's webhook → our reports →
 * fetchCall for reconciliation; the signature vectors of the providers' own docs and SDKs; the
 * real payloads of /work/shared/fixtures/real.
 */

const FIXTURES = '/work/shared/fixtures/real';
const tenantId = '00000000-0000-4000-8000-0000000000aa';
const ctx = systemContext(tenantId, 'test', 'test');
const PUBLIC = 'https://switchboard.example.com';
const callbackBase = `${PUBLIC}/api/v1/campaigns/telephony/callbacks/${toPublicId('ten', tenantId)}`;
const WEBHOOK_SECRET = 'vapi-webhook-secret';

const dial = (overrides: Partial<DialRequest> = {}): DialRequest => ({
  attemptId: 'cat_01',
  idempotencyKey: 'cmp:lead:1',
  campaignId: 'cmp_01',
  to: '+15555550123',
  from: '+15555550100',
  agentId: 'https://example.com/twiml/agent.xml',
  context: { firstName: 'Ada' },
  ...overrides,
});

const webhook = (
  adapter: string,
  body: string,
  headers: Record<string, string>,
  query = '',
): WebhookRequest => ({
  headers,
  rawBody: Buffer.from(body, 'utf8'),
  url: `${callbackBase}/${adapter}${query}`,
});

let twilio: FakeTwilio;
let vapi: FakeVapi;
let retell: FakeRetell;
let adapters: TelephonyAdapters;
let secrets: Record<string, string>;

beforeAll(async () => {
  [twilio, vapi, retell] = await Promise.all([startFakeTwilio(), startFakeVapi(), startFakeRetell()]);
  secrets = {
    'campaigns.twilio.account_sid': twilio.accountSid,
    'campaigns.twilio.auth_token': twilio.authToken,
    'campaigns.vapi.api_key': vapi.apiKey,
    'campaigns.vapi.webhook_secret': WEBHOOK_SECRET,
    'campaigns.vapi.phone_number_id': 'pn_1',
    'campaigns.retell.api_key': retell.apiKey,
  };
  adapters = createTelephonyAdapters({
    secrets: memorySecrets(secrets),
    fetch: routedFetch({ [TWILIO_API]: twilio.url, [VAPI_API]: vapi.url, [RETELL_API]: retell.url }),
    publicUrl: `${PUBLIC}/`,
    deliver: () => Promise.resolve(),
    logger: createLogger({ level: 'silent' }),
    http: { retryDelayMs: 1, maxDelayMs: 5 },
  });
});
afterAll(async () => {
  adapters.close();
  await Promise.all([twilio.close(), vapi.close(), retell.close()]);
});

describe('Twilio adapter', () => {
  it('places a call with AMD, recording and every callback pointed at our webhook with the attempt id', async () => {
    const placed = await adapters.get('twilio').place(ctx, dial());
    expect(placed.providerCallId).toMatch(/^CA[0-9a-f]{32}$/);
    const form = twilio.calls.get(placed.providerCallId)!.form;
    const callback = `${callbackBase}/twilio?attempt=cat_01`;
    expect(Object.fromEntries(form)).toMatchObject({
      To: '+15555550123',
      From: '+15555550100',
      Url: 'https://example.com/twiml/agent.xml',
      StatusCallback: callback,
      MachineDetection: 'Enable',
      AsyncAmd: 'true',
      AsyncAmdStatusCallback: callback,
      Record: 'true',
      RecordingStatusCallback: callback,
    });
    expect(form.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);
  });

  it("verifies the docs' signature example (auth token 12345) and refuses a tampered body with 401", async () => {
    const vectors = JSON.parse(readFileSync(`${FIXTURES}/twilio/signature-vectors.json`, 'utf8')) as {
      authToken: string;
      cases: { url: string; params: Record<string, string>; expectedSignature: string; valid: boolean }[];
    };
    const example = vectors.cases[0]!;
    const local = createTelephonyAdapters({
      secrets: memorySecrets({ 'campaigns.twilio.auth_token': vectors.authToken }),
      publicUrl: PUBLIC,
      deliver: () => Promise.resolve(),
      logger: createLogger({ level: 'silent' }),
    }).get('twilio');
    const body = new URLSearchParams(example.params).toString();
    const request = (raw: string): WebhookRequest => ({
      headers: { 'x-twilio-signature': example.expectedSignature },
      rawBody: Buffer.from(raw),
      url: example.url,
    });
    // Signed correctly: read on, and this form (a Gather, no CallStatus) is named as unreadable.
    await expect(local.parseWebhook(ctx, request(body))).rejects.toMatchObject({
      code: 'CAMPAIGNS_TELEPHONY_WEBHOOK_INVALID',
    });
    await expect(local.parseWebhook(ctx, request(body.replace('1234', '9999')))).rejects.toMatchObject({
      code: 'CAMPAIGNS_TELEPHONY_WEBHOOK_REFUSED',
      kind: 'unauthenticated',
    });
  });

  it('reads the real status callbacks (human and machine) as reports with Twilio-keyed dedupe', async () => {
    for (const [file, outcome, answeredBy] of [
      ['status-callback-1.txt', 'answered', 'human'],
      ['status-callback-2-machine.txt', 'voicemail', 'machine'],
    ] as const) {
      const fields = Object.fromEntries(
        new URLSearchParams(readFileSync(`${FIXTURES}/twilio/${file}`, 'utf8').trim()),
      );
      const fixtureSecrets = memorySecrets({ 'campaigns.twilio.auth_token': twilio.authToken });
      const local = createTelephonyAdapters({
        secrets: fixtureSecrets,
        publicUrl: PUBLIC,
        deliver: () => Promise.resolve(),
        logger: createLogger({ level: 'silent' }),
      }).get('twilio');
      const url = `${callbackBase}/twilio?attempt=cat_09`;
      const signed = twilioCallback(twilio.authToken, url, fields);
      const [report] = await local.parseWebhook(ctx, {
        headers: signed.headers,
        rawBody: Buffer.from(signed.body),
        url,
      });
      expect(report).toMatchObject({ kind: 'end_of_call', outcome, answeredBy, attemptId: 'cat_09' });
      expect(report!.reportKey).toBe(`${fields.CallSid}:completed`);
      const [again] = await local.parseWebhook(ctx, {
        headers: signed.headers,
        rawBody: Buffer.from(signed.body),
        url,
      });
      expect(again!.reportKey).toBe(report!.reportKey);
    }
  });

  it('place → ringing and completed callbacks → fetchCall agrees on the final report', async () => {
    const twilioAdapter = adapters.get('twilio');
    const { providerCallId: sid } = await twilioAdapter.place(ctx, dial({ attemptId: 'cat_02' }));
    const url = `${callbackBase}/twilio?attempt=cat_02`;
    const post = async (fields: Record<string, string>) => {
      const signed = twilioCallback(twilio.authToken, url, {
        AccountSid: twilio.accountSid,
        CallSid: sid,
        ...fields,
      });
      return twilioAdapter.parseWebhook(
        ctx,
        webhook('twilio', signed.body, signed.headers, '?attempt=cat_02'),
      );
    };
    const [ringing] = await post({ CallStatus: 'ringing' });
    const [amd] = await post({ AnsweredBy: 'human' });
    const [completed] = await post({ CallStatus: 'completed', CallDuration: '42', AnsweredBy: 'human' });
    expect(ringing).toMatchObject({ kind: 'status', progress: 'ringing', reportKey: `${sid}:ringing` });
    expect(amd).toMatchObject({ kind: 'status', answeredBy: 'human', reportKey: `${sid}:amd` });
    expect(completed).toMatchObject({
      kind: 'end_of_call',
      outcome: 'answered',
      talkSeconds: 42,
      attemptId: 'cat_02',
    });
    expect(await twilioAdapter.fetchCall(ctx, sid)).toBeUndefined(); // still queued at the fake
    twilio.finish(sid, 'completed', { answeredBy: 'human', duration: 42 });
    const fetched = await twilioAdapter.fetchCall(ctx, sid);
    expect(fetched).toMatchObject({ outcome: 'answered', talkSeconds: 42, reportKey: completed!.reportKey });
  });

  it('maps every CallStatus and AnsweredBy value', () => {
    expect(
      Object.fromEntries(Object.entries(TWILIO_CALL_STATUS).map(([k, v]) => [k, v.outcome ?? v.progress])),
    ).toEqual({
      queued: 'queued',
      initiated: 'queued',
      ringing: 'ringing',
      'in-progress': 'in_progress',
      answered: 'in_progress',
      completed: 'answered',
      busy: 'busy',
      'no-answer': 'no_answer',
      failed: 'failed',
      canceled: 'failed',
    });
    expect(
      [
        'human',
        'machine_start',
        'machine_end_beep',
        'machine_end_silence',
        'machine_end_other',
        'fax',
        'unknown',
      ].map(twilioAnsweredBy),
    ).toEqual(['human', 'machine', 'machine', 'machine', 'machine', 'machine', 'unknown']);
  });

  it('a missing credential is named and not retryable; 429 then 201 is retried into a call', async () => {
    const bare = createTelephonyAdapters({
      secrets: memorySecrets({}),
      publicUrl: PUBLIC,
      deliver: () => Promise.resolve(),
      logger: createLogger({ level: 'silent' }),
    });
    await expect(bare.get('twilio').place(ctx, dial())).rejects.toMatchObject({
      name: 'PlaceCallError',
      retryable: false,
    });
    await expect(bare.get('twilio').place(ctx, dial())).rejects.toThrow(/campaigns\.twilio\.account_sid/);
    await expect(bare.get('vapi').place(ctx, dial())).rejects.toThrow(/campaigns\.vapi\.api_key/);
    await expect(bare.get('retell').place(ctx, dial())).rejects.toThrow(/campaigns\.retell\.api_key/);
    twilio.failNext(429, 1, { 'retry-after': '0' });
    const placed = await adapters.get('twilio').place(ctx, dial());
    expect(placed.providerCallId).toMatch(/^CA/);
    twilio.failNext(503, 3);
    await expect(adapters.get('twilio').place(ctx, dial())).rejects.toMatchObject({
      retryable: true,
      status: 503,
    });
  });
});

describe('Vapi adapter', () => {
  it('parses the real minimal end-of-call report', async () => {
    const body = readFileSync(`${FIXTURES}/voice-agents/vapi-end-of-call-report-minimal.json`, 'utf8');
    const [report] = await adapters
      .get('vapi')
      .parseWebhook(ctx, webhook('vapi', body, vapiSigned(WEBHOOK_SECRET, body)));
    expect(report).toMatchObject({
      adapter: 'vapi',
      providerCallId: '73a6da0f-c455-4bb6-bf4a-5f0634871430',
      kind: 'end_of_call',
      reportKey: '73a6da0f-c455-4bb6-bf4a-5f0634871430:end_of_call',
      outcome: 'answered',
      endedReason: 'assistant-ended-call',
    });
  });

  it('accepts the x-vapi-secret and bearer forms; refuses a tampered body, a wrong secret, no header (401)', async () => {
    const body = readFileSync(`${FIXTURES}/voice-agents/vapi-end-of-call-report-minimal.json`, 'utf8');
    const vapiAdapter = adapters.get('vapi');
    await expect(
      vapiAdapter.parseWebhook(ctx, webhook('vapi', body, { 'x-vapi-secret': WEBHOOK_SECRET })),
    ).resolves.toHaveLength(1);
    await expect(
      vapiAdapter.parseWebhook(ctx, webhook('vapi', body, { authorization: `Bearer ${WEBHOOK_SECRET}` })),
    ).resolves.toHaveLength(1);
    const tampered = body.replace('assistant-ended-call', 'customer-busy');
    for (const headers of [vapiSigned(WEBHOOK_SECRET, body), { 'x-vapi-secret': 'nope' }, {}])
      await expect(vapiAdapter.parseWebhook(ctx, webhook('vapi', tampered, headers))).rejects.toMatchObject({
        kind: 'unauthenticated',
      });
  });

  it('place → end-of-call report with an opt-out line → fetchCall', async () => {
    const vapiAdapter = adapters.get('vapi');
    const { providerCallId: id } = await vapiAdapter.place(
      ctx,
      dial({ agentId: 'asst_1', attemptId: 'cat_03' }),
    );
    const created = vapi.calls.get(id)!;
    expect(created).toMatchObject({
      assistantId: 'asst_1',
      phoneNumberId: 'pn_1',
      customer: { number: '+15555550123' },
      metadata: { attemptId: 'cat_03' },
      assistantOverrides: { variableValues: { firstName: 'Ada' } },
    });
    const report = endOfCallReport(created, {
      endedReason: 'customer-ended-call',
      messages: [
        { role: 'bot', message: 'Hello Ada, this is Sam from Switchboard Energy.', secondsFromStart: 0.4 },
        { role: 'user', message: "Please don't call me again.", secondsFromStart: 3.1 },
      ],
      structuredData: { disposition: 'do_not_call', converted: false },
      summary: 'The customer asked not to be called.',
      recordingUrl: 'https://storage.vapi.ai/rec.wav',
    });
    const body = JSON.stringify(report);
    const [parsed] = await vapiAdapter.parseWebhook(
      ctx,
      webhook('vapi', body, vapiSigned(WEBHOOK_SECRET, body)),
    );
    expect(parsed).toMatchObject({
      attemptId: 'cat_03',
      outcome: 'answered',
      talkSeconds: 120,
      disposition: 'do_not_call',
      converted: false,
      summary: 'The customer asked not to be called.',
      recording: { url: 'https://storage.vapi.ai/rec.wav' },
      optOut: { evidence: `customer said: "Please don't call me again."` },
    });
    expect(parsed!.transcript).toHaveLength(2);
    expect(await vapiAdapter.fetchCall(ctx, id)).toBeUndefined();
    vapi.end(id, report);
    expect(await vapiAdapter.fetchCall(ctx, id)).toMatchObject({
      reportKey: parsed!.reportKey,
      outcome: 'answered',
    });
  });

  it('maps endedReason; status-updates are progress; other message types are no report; junk is a 400', async () => {
    expect(
      [
        'customer-did-not-answer',
        'customer-busy',
        'voicemail',
        'customer-ended-call',
        'assistant-ended-call',
        'twilio-failed-to-connect-call',
      ].map((r) => vapiOutcomeOf(r, false)),
    ).toEqual(['no_answer', 'busy', 'voicemail', 'answered', 'answered', 'failed']);
    const vapiAdapter = adapters.get('vapi');
    const send = (value: unknown) => {
      const body = typeof value === 'string' ? value : JSON.stringify(value);
      return vapiAdapter.parseWebhook(ctx, webhook('vapi', body, vapiSigned(WEBHOOK_SECRET, body)));
    };
    const [ringing] = await send({
      message: { type: 'status-update', status: 'ringing', call: { id: 'c1' } },
    });
    expect(ringing).toMatchObject({ kind: 'status', progress: 'ringing', reportKey: 'c1:status:ringing' });
    await expect(send({ message: { type: 'transcript', call: { id: 'c1' } } })).resolves.toEqual([]);
    await expect(send('not json\u0000')).rejects.toMatchObject({ fields: [{ field: 'body' }] });
    await expect(send({ message: { type: 'end-of-call-report' } })).rejects.toMatchObject({
      fields: [{ field: 'body.message.call.id' }],
    });
  });
});

describe('Retell adapter', () => {
  const vector = JSON.parse(
    readFileSync(`${FIXTURES}/voice-agents/retell-webhook-signature-vector.json`, 'utf8'),
  ) as {
    api_key: string;
    body: string;
    timestamp_ms: number;
    expected_header_value: string;
    rejected_examples_from_test: string[];
  };

  it("passes the SDK's signature vector and its tolerance; refuses every rejected example", () => {
    const body = Buffer.from(vector.body);
    const at = vector.timestamp_ms;
    expect(() => verifyRetellSignature(vector.api_key, body, vector.expected_header_value, at)).not.toThrow();
    expect(() =>
      verifyRetellSignature(vector.api_key, body, vector.expected_header_value, at + 300_000),
    ).not.toThrow();
    expect(() =>
      verifyRetellSignature(vector.api_key, body, vector.expected_header_value, at - 300_000),
    ).not.toThrow();
    expect(() =>
      verifyRetellSignature(vector.api_key, body, vector.expected_header_value, at + 300_001),
    ).toThrow();
    expect(() =>
      verifyRetellSignature(vector.api_key, body, vector.expected_header_value, at - 300_001),
    ).toThrow();
    for (const header of vector.rejected_examples_from_test)
      expect(() => verifyRetellSignature(vector.api_key, body, header, at), header).toThrow();
    expect(() =>
      verifyRetellSignature(
        vector.api_key,
        Buffer.from('{"event":"call_analyzed"}'),
        vector.expected_header_value,
        at,
      ),
    ).toThrow(/does not match/);
  });

  it('place → call_started, call_ended, call_analyzed (opt-out in the analysis) → fetchCall', async () => {
    const retellAdapter = adapters.get('retell');
    const { providerCallId: id } = await retellAdapter.place(
      ctx,
      dial({ agentId: 'agent_1', attemptId: 'cat_04' }),
    );
    const created = retell.calls.get(id)!;
    expect(created).toMatchObject({
      from_number: '+15555550100',
      to_number: '+15555550123',
      agent_id: 'agent_1',
      metadata: { attemptId: 'cat_04' },
      retell_llm_dynamic_variables: { firstName: 'Ada' },
    });
    const ended = {
      ...created,
      call_status: 'ended',
      start_timestamp: 1_764_756_000_000,
      end_timestamp: 1_764_756_065_000,
      duration_ms: 65_000,
      disconnection_reason: 'user_hangup',
      recording_url: 'https://retell.example/rec.wav',
      transcript_object: [
        { role: 'agent', content: 'Hello Ada!', words: [{ word: 'Hello', start: 0.2, end: 0.5 }] },
        {
          role: 'user',
          content: 'Call me back tomorrow, please.',
          words: [{ word: 'Call', start: 1.1, end: 1.3 }],
        },
      ],
    };
    const analyzed = {
      ...ended,
      call_analysis: {
        call_summary: 'Asked for a callback.',
        user_sentiment: 'Neutral',
        call_successful: true,
        in_voicemail: false,
        custom_analysis_data: { opt_out: true, callback_at: '2026-12-04T10:00:00Z', disposition: 'callback' },
      },
    };
    const send = async (
      event: 'call_started' | 'call_ended' | 'call_analyzed',
      call: Record<string, unknown>,
    ) => {
      const signed = retellWebhook(retell.apiKey, event, call);
      return (await retellAdapter.parseWebhook(ctx, webhook('retell', signed.body, signed.headers)))[0];
    };
    expect(await send('call_started', { ...created, start_timestamp: 1_764_756_000_000 })).toMatchObject({
      kind: 'status',
      progress: 'in_progress',
      reportKey: `${id}:call_started`,
    });
    const endReport = await send('call_ended', ended);
    expect(endReport).toMatchObject({
      kind: 'end_of_call',
      outcome: 'answered',
      talkSeconds: 65,
      attemptId: 'cat_04',
    });
    expect(endReport?.optOut).toBeUndefined();
    const analysis = await send('call_analyzed', analyzed);
    expect(analysis).toMatchObject({
      reportKey: `${id}:call_analyzed`,
      summary: 'Asked for a callback.',
      disposition: 'callback',
      callbackAt: new Date('2026-12-04T10:00:00Z'),
      structuredData: { user_sentiment: 'Neutral', call_successful: true },
    });
    expect(analysis?.optOut?.evidence).toContain('opt_out');
    expect(analysis?.transcript?.[1]).toMatchObject({ speaker: 'customer', startSeconds: 1.1 });
    retell.calls.set(id, analyzed);
    expect(await retellAdapter.fetchCall(ctx, id)).toMatchObject({ reportKey: analysis!.reportKey });
  });

  it('maps disconnection reasons; an unknown one counts as answered only when the customer spoke', () => {
    expect(RETELL_DISCONNECTION).toMatchObject({
      user_hangup: 'answered',
      agent_hangup: 'answered',
      voicemail_reached: 'voicemail',
      dial_busy: 'busy',
      dial_no_answer: 'no_answer',
      dial_failed: 'failed',
    });
    expect(retellOutcomeOf('something_new', false, true)).toBe('answered');
    expect(retellOutcomeOf('something_new', false, false)).toBe('failed');
    expect(retellOutcomeOf('user_hangup', true, true)).toBe('voicemail');
  });
});
