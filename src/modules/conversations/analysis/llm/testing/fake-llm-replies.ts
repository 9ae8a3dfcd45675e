/**
 * FAKE answers of the three LLM APIs for the tests, built from their documented shapes (they are
 * not the providers, and no model runs): Anthropic Messages (`content` blocks with `tool_use`,
 * `usage.input_tokens`/`output_tokens`, errors `{ type: "error", error: { type, message } }`),
 * Bedrock Converse (`output.message.content[].toolUse`, `usage.inputTokens`/`outputTokens`, errors
 * as `{ message }` with the type in `x-amzn-ErrorType`) and OpenAI chat completions
 * (`choices[0].message.tool_calls[].function.arguments` or `content`, `usage.prompt_tokens`/
 * `completion_tokens`, errors `{ error: { message, type, code } }`). Served by the transcription
 * tests' FakeProviderServer.
 */
import type { FakeCall, FakeReply } from '../../../transcription/fake-provider.server.js';

export interface FakeTokens {
  readonly input: number;
  readonly output: number;
}

/** One API's answers, so the same scenarios run against each. */
export interface FakeDialect {
  readonly name: 'anthropic' | 'bedrock' | 'openai-compatible';
  /** The route the client posts to (`POST /v1/messages`). */
  readonly route: string;
  /** The model answers with this object as its structured output. */
  answer(value: unknown, tokens?: FakeTokens): FakeReply;
  /** The model answers with this text where the structured output should be (broken JSON, say). */
  rawAnswer(text: string, tokens?: FakeTokens): FakeReply;
  /** An error answer as the API documents it. */
  error(status: number, kind: 'rate_limit' | 'server' | 'auth', headers?: Record<string, string>): FakeReply;
  /** The request body the client sent. */
  sent(call: FakeCall): Record<string, unknown>;
  /** The text of the feedback the client sent after the n-th answer (a repair turn), or null. */
  repairText(call: FakeCall): string | null;
}

const defaultTokens: FakeTokens = { input: 1_000, output: 200 };
const json = (call: FakeCall) => JSON.parse(call.body.toString('utf8')) as Record<string, unknown>;
const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

export const fakeAnthropic: FakeDialect = {
  name: 'anthropic',
  route: 'POST /v1/messages',
  answer: (value, tokens = defaultTokens) => ({
    status: 200,
    headers: { 'request-id': 'req_fake_1' },
    body: {
      id: 'msg_fake_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'tool_use', id: 'toolu_fake_01', name: 'record_call_analysis', input: value }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: tokens.input, output_tokens: tokens.output },
    },
  }),
  rawAnswer: (text, tokens = defaultTokens) => ({
    status: 200,
    body: {
      id: 'msg_fake_02',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: tokens.input, output_tokens: tokens.output },
    },
  }),
  error: (status, kind, headers = {}) => ({
    status,
    headers,
    body: {
      type: 'error',
      error: {
        type:
          kind === 'rate_limit' ? 'rate_limit_error' : kind === 'auth' ? 'authentication_error' : 'api_error',
        message:
          kind === 'rate_limit'
            ? 'Number of requests has exceeded your rate limit'
            : kind === 'auth'
              ? 'invalid x-api-key'
              : 'Internal server error',
      },
    },
  }),
  sent: json,
  repairText(call) {
    const messages = json(call).messages as { role: string; content: unknown }[];
    const feedback = last(messages);
    if (messages.length < 3 || feedback?.role !== 'user') return null;
    if (typeof feedback.content === 'string') return feedback.content;
    const [block] = feedback.content as { type: string; content: string; is_error?: boolean }[];
    return block?.type === 'tool_result' && block.is_error === true ? block.content : null;
  },
};

export const fakeBedrock: FakeDialect = {
  name: 'bedrock',
  route: 'POST /model/*',
  answer: (value, tokens = defaultTokens) => ({
    status: 200,
    headers: { 'x-amzn-requestid': 'b7e5c1f0-fake-4a4e-9d3c-000000000001' },
    body: {
      output: {
        message: {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 'tooluse_fake_01', name: 'record_call_analysis', input: value } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: {
        inputTokens: tokens.input,
        outputTokens: tokens.output,
        totalTokens: tokens.input + tokens.output,
      },
      metrics: { latencyMs: 812 },
    },
  }),
  rawAnswer: (text, tokens = defaultTokens) => ({
    status: 200,
    headers: { 'x-amzn-requestid': 'b7e5c1f0-fake-4a4e-9d3c-000000000002' },
    body: {
      output: { message: { role: 'assistant', content: [{ text }] } },
      stopReason: 'end_turn',
      usage: {
        inputTokens: tokens.input,
        outputTokens: tokens.output,
        totalTokens: tokens.input + tokens.output,
      },
      metrics: { latencyMs: 640 },
    },
  }),
  error: (status, kind, headers = {}) => {
    const type =
      kind === 'rate_limit'
        ? 'ThrottlingException'
        : kind === 'auth'
          ? 'UnrecognizedClientException'
          : 'InternalServerException';
    return {
      status,
      headers: {
        'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
        ...headers,
      },
      body: {
        message:
          kind === 'rate_limit'
            ? 'Too many requests, please wait before trying again.'
            : kind === 'auth'
              ? 'The security token included in the request is invalid.'
              : 'The server encountered an internal error.',
      },
    };
  },
  sent: json,
  repairText(call) {
    const messages = json(call).messages as { role: string; content: Record<string, unknown>[] }[];
    const feedback = last(messages);
    if (messages.length < 3 || feedback?.role !== 'user') return null;
    const [block] = feedback.content;
    const result = block?.toolResult as { status?: string; content: { text: string }[] } | undefined;
    if (result !== undefined) return result.status === 'error' ? (result.content[0]?.text ?? null) : null;
    return typeof block?.text === 'string' ? block.text : null;
  },
};

export const fakeOpenAi: FakeDialect = {
  name: 'openai-compatible',
  route: 'POST /v1/chat/completions',
  answer: (value, tokens = defaultTokens) => fakeOpenAi.rawAnswer(JSON.stringify(value), tokens),
  rawAnswer: (text, tokens = defaultTokens) => ({
    status: 200,
    headers: { 'x-request-id': 'req_fake_oa_1' },
    body: {
      id: 'chatcmpl-fake01',
      object: 'chat.completion',
      created: 1_730_000_000,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: tokens.input,
        completion_tokens: tokens.output,
        total_tokens: tokens.input + tokens.output,
      },
    },
  }),
  error: (status, kind, headers = {}) => ({
    status,
    headers,
    body: {
      error: {
        message:
          kind === 'rate_limit'
            ? 'Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.'
            : kind === 'auth'
              ? 'Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys.'
              : 'The server had an error while processing your request. Sorry about that!',
        type: kind === 'rate_limit' ? 'requests' : kind === 'auth' ? 'invalid_request_error' : 'server_error',
        param: null,
        code: kind === 'rate_limit' ? 'rate_limit_exceeded' : kind === 'auth' ? 'invalid_api_key' : null,
      },
    },
  }),
  sent: json,
  repairText(call) {
    const messages = json(call).messages as { role: string; content: string }[];
    const feedback = last(messages);
    if (messages.length < 4) return null;
    return feedback?.role === 'user' || feedback?.role === 'tool' ? feedback.content : null;
  },
};

/** OpenAI's answer with a forced function call (`tools` mode): the arguments as a JSON string. */
export function fakeOpenAiToolCall(argumentsText: string, tokens: FakeTokens = defaultTokens): FakeReply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-fake02',
      object: 'chat.completion',
      created: 1_730_000_000,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_fake_01',
                type: 'function',
                function: { name: 'record_call_analysis', arguments: argumentsText },
              },
            ],
          },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: tokens.input,
        completion_tokens: tokens.output,
        total_tokens: tokens.input + tokens.output,
      },
    },
  };
}
