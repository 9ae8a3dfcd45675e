/**
 * The LLM analysers against FAKE servers of the Anthropic Messages, Bedrock Converse and
 * OpenAI-compatible chat APIs (testing/fake-llm-replies.ts, built from the documented shapes; no
 * model runs and nothing leaves the machine). Every provider goes through the same scenarios:
 * a good structured answer, malformed JSON, an answer failing the schema that the repair fixes,
 * 429 with Retry-After, 500 then OK, and a server that never answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeProviderServer } from '../../transcription/fake-provider.server.js';
import { signAwsRequest } from '../../providers/sigv4.js';
import {
  createLlmAnalyser,
  LlmAnalysisError,
  type LlmAnalyserConfigInput,
  type LlmAnalysisInput,
  type LlmQaRule,
} from './index.js';
import { fakeAnthropic, fakeBedrock, fakeOpenAi, type FakeDialect } from './testing/fake-llm-replies.js';

const secrets: Record<string, string> = {
  'llm.anthropic': 'sk-ant-test',
  'llm.openai': 'sk-test',
  'llm.aws-id': 'AKIDEXAMPLE',
  'llm.aws-secret': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const lookup = (name: string) => secrets[name];

const rules: LlmQaRule[] = [
  {
    id: 'greeting',
    name: 'Greets the caller',
    category: 'Opening',
    weight: 1,
    description: 'The agent greets the caller and gives their name.',
    howToJudge: 'Pass when the first agent segment has a greeting and a name.',
    autoFail: false,
  },
  {
    id: 'disclosure',
    name: 'Recording disclosure',
    category: 'Compliance',
    weight: 3,
    description: 'The agent says the call is recorded.',
    howToJudge: 'Pass only when the agent says the call is recorded within the first minute.',
    autoFail: true,
  },
];

const insightSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'resolved'],
  properties: {
    reason: {
      type: 'string',
      enum: ['billing', 'technical', 'cancel', 'other'],
      description: 'Why the customer called.',
    },
    resolved: { type: 'boolean', description: 'Whether the issue was resolved on the call.' },
  },
};

function input(more: Partial<LlmAnalysisInput> = {}): LlmAnalysisInput {
  return {
    transcript: {
      redacted: true,
      language: 'en-US',
      segments: [
        {
          id: 'seg_0',
          speakerId: 'spk_0',
          role: 'agent',
          startMs: 0,
          endMs: 4_000,
          text: 'Good morning, this is [PERSON_NAME] from Acme. This call is recorded.',
        },
        {
          id: 'seg_1',
          speakerId: 'spk_1',
          role: 'customer',
          startMs: 4_200,
          endMs: 9_000,
          text: 'Hi, I was charged twice on my bill.',
        },
        {
          id: 'seg_2',
          speakerId: 'spk_0',
          role: 'agent',
          startMs: 9_500,
          endMs: 14_000,
          text: 'I have refunded the second charge, it shows in three days.',
        },
      ],
    },
    insightSchema,
    scorecard: rules,
    language: 'en-US',
    piiPolicy: 'redact-first',
    ...more,
  };
}

const goodAnswer = {
  summary: 'The customer was charged twice; the agent refunded the second charge.',
  sentiment: 'positive',
  actionItems: ['Refund appears within three days'],
  insights: { reason: 'billing', resolved: true },
  qa: [
    {
      ruleId: 'greeting',
      score: 95,
      pass: true,
      evidence: [{ segmentId: 'seg_0', quote: 'Good morning, this is [PERSON_NAME] from Acme.' }],
      coachNote: 'Clear greeting.',
    },
    {
      ruleId: 'disclosure',
      score: 100,
      pass: true,
      evidence: [{ segmentId: 'seg_0', quote: 'This call is recorded.' }],
      coachNote: 'Disclosure given at once.',
    },
  ],
};

const fast = { retryBaseMs: 1, maxRetryAfterMs: 5_000, requestTimeoutMs: 5_000 };

let fake: FakeProviderServer;
let waits: number[];
beforeEach(async () => {
  fake = await FakeProviderServer.start();
  waits = [];
});
afterEach(async () => {
  await fake.close();
});

const sleep = (ms: number) => {
  waits.push(ms);
  return Promise.resolve();
};

function configFor(dialect: FakeDialect, more: Record<string, unknown> = {}): LlmAnalyserConfigInput {
  switch (dialect.name) {
    case 'anthropic':
      return { provider: 'anthropic', baseUrl: fake.url, apiKeySecret: 'llm.anthropic', ...fast, ...more };
    case 'bedrock':
      return {
        provider: 'bedrock',
        region: 'us-east-1',
        endpoint: fake.url,
        accessKeyIdSecret: 'llm.aws-id',
        secretAccessKeySecret: 'llm.aws-secret',
        ...fast,
        ...more,
      };
    case 'openai-compatible':
      return {
        provider: 'openai-compatible',
        baseUrl: `${fake.url}/v1`,
        apiKeySecret: 'llm.openai',
        ...fast,
        ...more,
      };
  }
}

const analyser = (dialect: FakeDialect, more: Record<string, unknown> = {}) =>
  createLlmAnalyser(configFor(dialect, more), lookup, { sleep });

async function failure(promise: Promise<unknown>): Promise<LlmAnalysisError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmAnalysisError))
    throw new Error(`expected an LlmAnalysisError, got ${String(error)}`);
  return error;
}

describe.each([fakeAnthropic, fakeBedrock, fakeOpenAi])('$name (fake server)', (dialect) => {
  it('a good structured answer fills the insights and the scorecard, with usage and cost', async () => {
    fake.on(dialect.route, dialect.answer(goodAnswer, { input: 1_200, output: 300 }));
    const result = await analyser(dialect).analyse(input());

    expect(result.insights).toEqual({ reason: 'billing', resolved: true });
    expect(result.qa.map((r) => [r.ruleId, r.score, r.pass])).toEqual([
      ['greeting', 95, true],
      ['disclosure', 100, true],
    ]);
    expect(result.qa[1]?.evidence).toEqual([{ segmentId: 'seg_0', quote: 'This call is recorded.' }]);
    expect(result.summary).toMatch(/charged twice/);
    expect(result.sentiment).toBe('positive');
    expect(result.actionItems).toEqual(['Refund appears within three days']);
    expect(result.flags).toEqual([]);
    expect(result.usage).toMatchObject({
      provider: dialect.name,
      promptVersion: 'qa-insights/1',
      inputTokens: 1_200,
      outputTokens: 300,
      attempts: 1,
    });
    expect(result.usage.calls).toEqual([
      expect.objectContaining({
        turn: 1,
        inputTokens: 1_200,
        outputTokens: 300,
        httpRequests: 1,
        outcome: 'valid',
      }),
    ]);
    expect(result.usage.calls[0]?.requestId).not.toBeNull();
    // Default models and their built-in prices: Haiku 4.5 $1/$5, Claude 3 Haiku $0.25/$1.25, gpt-4o-mini $0.15/$0.60 per M tokens.
    const expected = { anthropic: 0.0027, bedrock: 0.000675, 'openai-compatible': 0.00036 }[dialect.name];
    expect(result.usage.costUsd).toBeCloseTo(expected, 9);
    expect(result.configHash).toMatch(/^[0-9a-f]{64}$/);

    expect(fake.calls).toHaveLength(1);
    const sent = JSON.stringify(dialect.sent(fake.calls[0]!));
    expect(sent).toContain('seg_1 [customer 00:04.2-00:09.0] Hi, I was charged twice on my bill.');
    expect(sent).toContain('disclosure');
    expect(sent).toContain('"temperature":0.2');
  });

  it('malformed JSON is sent back once with the parse error, and the repaired answer is used', async () => {
    fake.on(
      dialect.route,
      dialect.rawAnswer('{"summary": "The customer was charged tw'),
      dialect.answer(goodAnswer),
    );
    const result = await analyser(dialect).analyse(input());

    expect(result.insights).toEqual({ reason: 'billing', resolved: true });
    expect(result.usage.attempts).toBe(2);
    expect(result.usage.calls.map((c) => c.outcome)).toEqual(['not_json', 'valid']);
    expect(result.usage.inputTokens).toBe(2_000);
    expect(fake.calls).toHaveLength(2);
    expect(dialect.repairText(fake.calls[1]!)).toMatch(/not valid JSON/);
  });

  it('an answer failing the schema is repaired with the validation errors', async () => {
    const wrong = {
      ...goodAnswer,
      insights: { reason: 'refund', resolved: 'yes' },
      qa: [{ ...goodAnswer.qa[0], score: 140 }, goodAnswer.qa[1]],
    };
    fake.on(dialect.route, dialect.answer(wrong), dialect.answer(goodAnswer));
    const result = await analyser(dialect).analyse(input());

    expect(result.qa[0]?.score).toBe(95);
    expect(result.usage.calls.map((c) => c.outcome)).toEqual(['schema_invalid', 'valid']);
    const repair = dialect.repairText(fake.calls[1]!) ?? '';
    expect(repair).toContain('/insights/reason must be equal to one of the allowed values');
    expect(repair).toContain('/insights/resolved must be boolean');
    expect(repair).toContain('/qa/0/score must be <= 100');
  });

  it('an answer that stays invalid fails after the bounded repairs, with a clear reason and what it used', async () => {
    fake.on(dialect.route, dialect.answer({ ...goodAnswer, qa: [goodAnswer.qa[0]] }));
    const error = await failure(analyser(dialect, { maxRepairs: 1 }).analyse(input()));

    expect(error.reason).toBe('invalid_output');
    expect(error.code).toBe('CONVERSATIONS_LLM_INVALID_OUTPUT');
    expect(error.message).toContain('after 2 tries');
    expect(error.message).toContain('/qa must NOT have fewer than 2 items');
    expect(error.usage?.attempts).toBe(2);
    expect(error.usage?.inputTokens).toBe(2_000);
    expect(fake.calls).toHaveLength(2);
  });

  it('429 with Retry-After is waited out as the provider asks, then the answer is used', async () => {
    fake.on(
      dialect.route,
      dialect.error(429, 'rate_limit', { 'retry-after': '2' }),
      dialect.answer(goodAnswer),
    );
    const result = await analyser(dialect).analyse(input());

    expect(waits).toEqual([2_000]);
    expect(result.usage.calls[0]?.httpRequests).toBe(2);
    expect(result.usage.attempts).toBe(1);
  });

  it('a Retry-After longer than the run waits fails at once as rate_limited (transient)', async () => {
    fake.on(dialect.route, dialect.error(429, 'rate_limit', { 'retry-after': '600' }));
    const error = await failure(analyser(dialect).analyse(input()));

    expect(error.reason).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(600);
    expect(error.transient).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });

  it('500 then OK: retried with back-off', async () => {
    fake.on(dialect.route, dialect.error(500, 'server'), dialect.answer(goodAnswer));
    const result = await analyser(dialect).analyse(input());

    expect(result.qa).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(result.usage.calls[0]?.httpRequests).toBe(2);
  });

  it('a server that never answers hits the time limit of each attempt and fails as timeout', async () => {
    fake.on(dialect.route, { status: 200, body: {}, delayMs: 20_000 });
    const error = await failure(
      analyser(dialect, { requestTimeoutMs: 1_000, maxAttempts: 2 }).analyse(input()),
    );

    expect(error.reason).toBe('timeout');
    expect(error.transient).toBe(true);
    expect(fake.calls).toHaveLength(2);
  });

  it('refused credentials fail at once as bad_credentials, naming the provider', async () => {
    fake.on(dialect.route, dialect.error(dialect.name === 'bedrock' ? 403 : 401, 'auth'));
    const error = await failure(analyser(dialect).analyse(input()));

    expect(error.reason).toBe('bad_credentials');
    expect(error.message).toContain(dialect.name);
    expect(fake.calls).toHaveLength(1);
  });

  it('a body that is not JSON is malformed_response', async () => {
    fake.on(dialect.route, { status: 200, body: '<html>gateway</html>' });
    const error = await failure(analyser(dialect).analyse(input()));
    expect(error.reason).toBe('malformed_response');
  });

  it('evidence citing a segment the transcript does not have is dropped and flagged; a quote not in its segment is flagged', async () => {
    const invented = {
      ...goodAnswer,
      qa: [
        {
          ...goodAnswer.qa[0],
          evidence: [
            { segmentId: 'seg_0', quote: 'Good morning' },
            { segmentId: 'seg_17', quote: 'Welcome to Acme' },
          ],
        },
        { ...goodAnswer.qa[1], evidence: [{ segmentId: 'seg_2', quote: 'we record all calls' }] },
      ],
    };
    fake.on(dialect.route, dialect.answer(invented));
    const result = await analyser(dialect).analyse(input());

    expect(result.qa[0]?.evidence).toEqual([{ segmentId: 'seg_0', quote: 'Good morning' }]);
    expect(result.qa[1]?.evidence).toEqual([{ segmentId: 'seg_2', quote: 'we record all calls' }]);
    expect(result.flags).toEqual([
      { kind: 'unknown_segment', ruleId: 'greeting', segmentId: 'seg_17', quote: 'Welcome to Acme' },
      { kind: 'quote_not_found', ruleId: 'disclosure', segmentId: 'seg_2', quote: 'we record all calls' },
    ]);
  });

  it('PII guard: with redact-first, a transcript not marked redacted is refused and nothing is sent', async () => {
    fake.on(dialect.route, dialect.answer(goodAnswer));
    const unredacted = input();
    const error = await failure(
      analyser(dialect).analyse({ ...unredacted, transcript: { ...unredacted.transcript, redacted: false } }),
    );

    expect(error.reason).toBe('pii_guard');
    expect(error.code).toBe('CONVERSATIONS_LLM_PII_GUARD');
    expect(error.transient).toBe(false);
    expect(fake.calls).toHaveLength(0);
  });

  it('PII guard: card data left in a "redacted" transcript is replaced before it is sent', async () => {
    fake.on(dialect.route, dialect.answer(goodAnswer));
    const base = input();
    const leaked = {
      ...base.transcript,
      segments: [
        ...base.transcript.segments,
        {
          id: 'seg_3',
          speakerId: 'spk_1',
          role: 'customer' as const,
          startMs: 15_000,
          endMs: 19_000,
          text: 'My card number is 4111 1111 1111 1111.',
        },
      ],
    };
    const result = await analyser(dialect).analyse({ ...base, transcript: leaked });

    const sent = fake.calls[0]!.body.toString('utf8');
    expect(sent).not.toContain('4111');
    expect(sent).toContain('My card number is [CARD_NUMBER]');
    expect(result.piiGuard).toEqual({ policy: 'redact-first', replacedBeforeSending: { CARD_NUMBER: 1 } });
  });

  it('a missing secret fails as not_configured before anything is sent', async () => {
    fake.on(dialect.route, dialect.answer(goodAnswer));
    const more =
      dialect.name === 'bedrock' ? { secretAccessKeySecret: 'llm.nope' } : { apiKeySecret: 'llm.nope' };
    const error = await failure(analyser(dialect, more).analyse(input()));

    expect(error.reason).toBe('not_configured');
    expect(error.message).toContain("'llm.nope'");
    expect(fake.calls).toHaveLength(0);
  });
});

describe('Anthropic Messages request (fake server)', () => {
  it('sends x-api-key and anthropic-version, and forces the one tool with the answer schema', async () => {
    fake.on(fakeAnthropic.route, fakeAnthropic.answer(goodAnswer));
    await analyser(fakeAnthropic, { model: 'claude-3-5-haiku-latest' }).analyse(input());

    const [call] = fake.calls;
    expect(call?.headers['x-api-key']).toBe('sk-ant-test');
    expect(call?.headers['anthropic-version']).toBe('2023-06-01');
    const body = fakeAnthropic.sent(call!);
    expect(body).toMatchObject({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 4_096,
      temperature: 0.2,
      tool_choice: { type: 'tool', name: 'record_call_analysis' },
    });
    const [tool] = body.tools as { name: string; input_schema: { properties: Record<string, unknown> } }[];
    expect(tool?.name).toBe('record_call_analysis');
    expect(Object.keys(tool?.input_schema.properties ?? {})).toEqual([
      'summary',
      'sentiment',
      'actionItems',
      'insights',
      'qa',
    ]);
    expect(tool?.input_schema.properties.insights).not.toHaveProperty('$schema');
  });

  it('a repair replays the tool_use and answers it with an is_error tool_result', async () => {
    fake.on(
      fakeAnthropic.route,
      fakeAnthropic.answer({ ...goodAnswer, summary: 7 }),
      fakeAnthropic.answer(goodAnswer),
    );
    await analyser(fakeAnthropic).analyse(input());

    const messages = fakeAnthropic.sent(fake.calls[1]!).messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content).toEqual([
      expect.objectContaining({ type: 'tool_use', id: 'toolu_fake_01' }),
    ]);
    expect(messages[2]?.content).toEqual([
      expect.objectContaining({ type: 'tool_result', tool_use_id: 'toolu_fake_01', is_error: true }),
    ]);
  });
});

describe('Bedrock Converse request (fake server)', () => {
  it('posts to /model/{id}/converse with the id percent-encoded, signed with SigV4 over exactly what is sent', async () => {
    fake.on(fakeBedrock.route, fakeBedrock.answer(goodAnswer));
    await analyser(fakeBedrock, { sessionTokenSecret: 'llm.aws-id' }).analyse(input());

    const [call] = fake.calls;
    expect(call?.path).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse');
    const authorization = String(call?.headers.authorization);
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    // The fake signs what it received with the same key: a client that signed anything else would differ.
    const amzDate = String(call?.headers['x-amz-date']);
    const again = signAwsRequest({
      method: 'POST',
      url: `${fake.url}${call!.path}`,
      region: 'us-east-1',
      service: 'bedrock',
      headers: {
        'content-type': String(call?.headers['content-type']),
        accept: String(call?.headers.accept),
        'x-amz-content-sha256': String(call?.headers['x-amz-content-sha256']),
      },
      body: call!.body.toString('utf8'),
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        sessionToken: 'AKIDEXAMPLE',
      },
      now: new Date(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
      ),
    });
    expect(authorization).toBe(again.authorization);

    const body = fakeBedrock.sent(call!);
    expect(body).toMatchObject({
      inferenceConfig: { maxTokens: 4_096, temperature: 0.2 },
      toolConfig: { toolChoice: { tool: { name: 'record_call_analysis' } } },
    });
    const tools = (body.toolConfig as { tools: { toolSpec: { inputSchema: { json: { type: string } } } }[] })
      .tools;
    expect(tools[0]?.toolSpec.inputSchema.json.type).toBe('object');
  });

  it('a model that cannot be forced to one tool gets toolChoice any', async () => {
    fake.on(fakeBedrock.route, fakeBedrock.answer(goodAnswer));
    await analyser(fakeBedrock, { model: 'amazon.nova-lite-v1:0' }).analyse(input());
    expect(fakeBedrock.sent(fake.calls[0]!)).toMatchObject({ toolConfig: { toolChoice: { any: {} } } });
  });

  it('ThrottlingException (429) is retried; its x-amzn-ErrorType names the failure when retries run out', async () => {
    fake.on(fakeBedrock.route, fakeBedrock.error(429, 'rate_limit'));
    const error = await failure(analyser(fakeBedrock, { maxAttempts: 2 }).analyse(input()));
    expect(error.reason).toBe('rate_limited');
    expect(fake.calls).toHaveLength(2);
  });
});

describe('OpenAI-compatible request (fake server)', () => {
  it('json_schema: response_format with the schema, strict when every object is closed and fully required', async () => {
    fake.on(fakeOpenAi.route, fakeOpenAi.answer(goodAnswer));
    await analyser(fakeOpenAi).analyse(input());

    const [call] = fake.calls;
    expect(call?.headers.authorization).toBe('Bearer sk-test');
    const body = fakeOpenAi.sent(call!);
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 4_096,
      response_format: { type: 'json_schema', json_schema: { name: 'record_call_analysis', strict: true } },
    });
  });

  it('a tenant schema with optional fields is sent without strict (the answer is still validated)', async () => {
    fake.on(fakeOpenAi.route, fakeOpenAi.answer({ ...goodAnswer, insights: { reason: 'billing' } }));
    const loose = {
      type: 'object',
      properties: { reason: { type: 'string' }, resolved: { type: 'boolean' } },
    };
    const result = await analyser(fakeOpenAi).analyse(input({ insightSchema: loose }));

    expect(result.insights).toEqual({ reason: 'billing' });
    expect(fakeOpenAi.sent(fake.calls[0]!)).toMatchObject({
      response_format: { json_schema: { strict: false } },
    });
  });

  it('tools mode forces the function; a repair answers the call with a tool message', async () => {
    const { fakeOpenAiToolCall } = await import('./testing/fake-llm-replies.js');
    fake.on(
      fakeOpenAi.route,
      fakeOpenAiToolCall('{"summary": '),
      fakeOpenAiToolCall(JSON.stringify(goodAnswer)),
    );
    const result = await analyser(fakeOpenAi, { structuredOutput: 'tools' }).analyse(input());

    expect(result.usage.calls.map((c) => c.outcome)).toEqual(['not_json', 'valid']);
    const first = fakeOpenAi.sent(fake.calls[0]!);
    expect(first).toMatchObject({
      tool_choice: { type: 'function', function: { name: 'record_call_analysis' } },
      tools: [{ type: 'function', function: { name: 'record_call_analysis', strict: true } }],
    });
    expect(first).not.toHaveProperty('response_format');
    const messages = fakeOpenAi.sent(fake.calls[1]!).messages as { role: string; tool_call_id?: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(messages[3]?.tool_call_id).toBe('call_fake_01');
  });

  it('json_object mode (older servers): the schema goes in the system prompt; a fenced answer is read', async () => {
    fake.on(
      fakeOpenAi.route,
      fakeOpenAi.rawAnswer(`Here it is:\n\`\`\`json\n${JSON.stringify(goodAnswer)}\n\`\`\``),
    );
    const result = await analyser(fakeOpenAi, {
      structuredOutput: 'json_object',
      apiKeySecret: null,
    }).analyse(input());

    expect(result.insights).toEqual({ reason: 'billing', resolved: true });
    const [call] = fake.calls;
    expect(call?.headers.authorization).toBeUndefined();
    const body = fakeOpenAi.sent(call!);
    expect(body.response_format).toEqual({ type: 'json_object' });
    const [system] = body.messages as { content: string }[];
    expect(system?.content).toContain('valid against this JSON Schema');
    expect(system?.content).toContain('"qa"');
  });

  it('Azure: api-key header and api-version query', async () => {
    fake.on(fakeOpenAi.route, fakeOpenAi.answer(goodAnswer));
    await analyser(fakeOpenAi, { auth: 'api-key', query: { 'api-version': '2024-10-21' } }).analyse(input());
    const [call] = fake.calls;
    expect(call?.headers['api-key']).toBe('sk-test');
    expect(call?.query.get('api-version')).toBe('2024-10-21');
  });
});

describe('settings and input', () => {
  it('invalid settings name the field', () => {
    expect(() =>
      createLlmAnalyser({ provider: 'bedrock', region: 'mars' } as LlmAnalyserConfigInput, lookup),
    ).toThrow(/analysis\.llm\.region/);
  });

  it('an insight schema that is not a JSON Schema of an object is invalid_input, nothing sent', async () => {
    fake.on(fakeAnthropic.route, fakeAnthropic.answer(goodAnswer));
    const error = await failure(analyser(fakeAnthropic).analyse(input({ insightSchema: { type: 'array' } })));
    expect(error.reason).toBe('invalid_input');
    expect(fake.calls).toHaveLength(0);
  });

  it('allow-unredacted sends the transcript as given', async () => {
    fake.on(fakeAnthropic.route, fakeAnthropic.answer(goodAnswer));
    const base = input({ piiPolicy: 'allow-unredacted' });
    const transcript = {
      ...base.transcript,
      redacted: false,
      segments: [{ ...base.transcript.segments[0]!, text: 'Call me on 07700 900123.' }],
    };
    const result = await analyser(fakeAnthropic).analyse({ ...base, transcript });
    expect(fake.calls[0]!.body.toString('utf8')).toContain('07700 900123');
    expect(result.piiGuard).toEqual({ policy: 'allow-unredacted', replacedBeforeSending: {} });
  });

  it('cost sums every turn at the configured price; a model without a price records null', async () => {
    fake.on(
      fakeOpenAi.route,
      fakeOpenAi.rawAnswer('not json', { input: 2_000, output: 100 }),
      fakeOpenAi.answer(goodAnswer, { input: 2_500, output: 400 }),
    );
    const priced = await analyser(fakeOpenAi, {
      model: 'llama3.1:8b',
      prices: { 'llama3.1': { inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.2 } },
    }).analyse(input());
    expect(priced.usage.calls.map((c) => c.costUsd)).toEqual([0.00022, 0.00033]);
    expect(priced.usage.costUsd).toBe(0.00055);
    expect(priced.usage).toMatchObject({
      model: 'llama3.1:8b',
      inputTokens: 4_500,
      outputTokens: 500,
      attempts: 2,
    });

    fake.on(fakeOpenAi.route, fakeOpenAi.answer(goodAnswer));
    const unpriced = await analyser(fakeOpenAi, { model: 'qwen2.5:7b' }).analyse(input());
    expect(unpriced.usage.costUsd).toBeNull();
    expect(unpriced.usage.inputTokens).toBe(1_000);
  });

  it('sentiment and action items can be left out of the answer', async () => {
    const { sentiment: _s, actionItems: _a, ...rest } = goodAnswer;
    fake.on(fakeAnthropic.route, fakeAnthropic.answer(rest));
    const result = await analyser(fakeAnthropic).analyse(
      input({ include: { sentiment: false, actionItems: false } }),
    );
    expect(result).not.toHaveProperty('sentiment');
    expect(result).not.toHaveProperty('actionItems');
  });
});
