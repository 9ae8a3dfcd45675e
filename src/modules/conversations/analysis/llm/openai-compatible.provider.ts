import type { OpenAiCompatibleLlmConfig } from './llm.config.js';
import { LlmErrors } from './llm.errors.js';
import { apiKeyFrom, unavailableUnless } from './provider-credentials.js';
import type { LlmCompletion, LlmProvider, LlmRequest, LlmSecretLookup, LlmTurn } from './llm.types.js';
import { asRecord, numberOr, stringOr } from './read-json.js';

/**
 * OpenAI-compatible chat completions (`POST {baseUrl}/chat/completions`): OpenAI, Azure OpenAI,
 * vLLM, Ollama and the like. The answer's shape is asked for with `response_format` `json_schema`
 * (strict when the schema allows it), one forced function call (`tools`), or JSON mode with the
 * schema in the system prompt (`json_object`). A repair replays the assistant message and answers
 * a tool call with a `tool` message, a plain answer with a user message.
 */
export function openAiCompatibleProvider(
  config: OpenAiCompatibleLlmConfig,
  secrets: LlmSecretLookup,
): LlmProvider {
  const name = 'openai-compatible';
  const apiKey = async (): Promise<string | null> =>
    config.apiKeySecret === null ? null : apiKeyFrom(secrets, name, config.apiKeySecret);
  const url = new URL(`${config.baseUrl.replace(/\/$/, '')}/chat/completions`);
  for (const [key, value] of Object.entries(config.query)) url.searchParams.set(key, value);

  return {
    name,
    model: config.model,
    unavailable: unavailableUnless(apiKey),
    async complete(request, http) {
      const key = await apiKey();
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key !== null) {
        if (config.auth === 'api-key') headers['api-key'] = key;
        else headers.authorization = `Bearer ${key}`;
      }
      const body = {
        model: config.model,
        messages: [
          { role: 'system', content: systemOf(request, config.structuredOutput) },
          ...messagesOf(request.turns),
        ],
        temperature: config.temperature,
        [config.maxTokensField]: config.maxOutputTokens,
        ...shapeOf(request, config.structuredOutput),
      };
      const answer = await http.postJson({ url: url.toString(), headers, body: JSON.stringify(body) });
      return readCompletion(answer.value, answer.headers, request.tool.name);
    },
  };
}

function systemOf(request: LlmRequest, mode: OpenAiCompatibleLlmConfig['structuredOutput']): string {
  if (mode !== 'json_object') return request.system;
  // JSON mode only promises JSON: the schema has to be in the prompt.
  return `${request.system}\n\nInstead of calling a tool, answer with one JSON object, and nothing else, valid against this JSON Schema:\n${JSON.stringify(request.tool.schema)}`;
}

function shapeOf(request: LlmRequest, mode: OpenAiCompatibleLlmConfig['structuredOutput']): object {
  const { tool } = request;
  switch (mode) {
    case 'json_schema':
      return {
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: tool.name,
            description: tool.description,
            schema: tool.schema,
            strict: tool.strict,
          },
        },
      };
    case 'tools':
      return {
        tools: [
          {
            type: 'function',
            function: {
              name: tool.name,
              description: tool.description,
              parameters: tool.schema,
              ...(tool.strict ? { strict: true } : {}),
            },
          },
        ],
        tool_choice: { type: 'function', function: { name: tool.name } },
      };
    case 'json_object':
      return { response_format: { type: 'json_object' } };
  }
}

function messagesOf(turns: readonly LlmTurn[]): unknown[] {
  return turns.flatMap((turn) => {
    if (turn.role === 'user') return [{ role: 'user', content: turn.text }];
    const reply = turn.answer;
    const feedback =
      reply.toolCallId === null
        ? { role: 'user', content: turn.problems }
        : { role: 'tool', tool_call_id: reply.toolCallId, content: turn.problems };
    return [reply.assistantMessage, feedback];
  });
}

function readCompletion(value: unknown, headers: Headers, toolName: string): LlmCompletion {
  const body = asRecord(value);
  const choices = body?.choices;
  const message = Array.isArray(choices) ? asRecord(asRecord(choices[0])?.message) : null;
  if (body === null || message === null)
    throw LlmErrors.malformed('openai-compatible', 'the answer has no choices[0].message');
  const usage = asRecord(body.usage);
  const choice = asRecord(Array.isArray(choices) ? choices[0] : null);
  const common = {
    assistantMessage: message,
    inputTokens: numberOr(usage?.prompt_tokens, 0),
    outputTokens: numberOr(usage?.completion_tokens, 0),
    stopReason: stringOr(choice?.finish_reason, null),
    requestId: stringOr(body.id, null) ?? headers.get('x-request-id'),
    model: stringOr(body.model, null),
  };
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls.map(asRecord) : [];
  const call = calls.find((c) => asRecord(c?.function)?.name === toolName);
  if (call !== undefined && call !== null)
    return {
      ...common,
      // Function arguments arrive as a JSON string: parsed (and judged) by the runner.
      output: { kind: 'text', text: stringOr(asRecord(call.function)?.arguments, '') },
      toolCallId: stringOr(call.id, null),
    };
  const text = stringOr(message.content, null) ?? stringOr(message.refusal, '');
  return { ...common, output: { kind: 'text', text }, toolCallId: null };
}
