import type { AnthropicLlmConfig } from './llm.config.js';
import { LlmErrors } from './llm.errors.js';
import { apiKeyFrom, unavailableUnless } from './provider-credentials.js';
import type { LlmCompletion, LlmProvider, LlmSecretLookup, LlmTurn } from './llm.types.js';
import { asRecord, numberOr, stringOr } from './read-json.js';

/**
 * Anthropic's Messages API (`POST /v1/messages`, `x-api-key`, `anthropic-version`). The answer's
 * shape is forced with one tool whose `input_schema` is the answer schema and `tool_choice`
 * `{ type: "tool" }`; the tool_use block's `input` is the answer. A repair replays the tool_use
 * and answers it with a `tool_result` marked `is_error`, as the tool-use documentation describes.
 */
export function anthropicProvider(config: AnthropicLlmConfig, secrets: LlmSecretLookup): LlmProvider {
  const name = 'anthropic';
  const apiKey = () => apiKeyFrom(secrets, name, config.apiKeySecret);

  return {
    name,
    model: config.model,
    unavailable: unavailableUnless(apiKey),
    async complete(request, http) {
      const body = {
        model: config.model,
        max_tokens: config.maxOutputTokens,
        temperature: config.temperature,
        system: request.system,
        messages: messagesOf(request.turns),
        tools: [
          {
            name: request.tool.name,
            description: request.tool.description,
            input_schema: request.tool.schema,
          },
        ],
        tool_choice: { type: 'tool', name: request.tool.name },
      };
      const answer = await http.postJson({
        url: `${config.baseUrl.replace(/\/$/, '')}/v1/messages`,
        headers: {
          'content-type': 'application/json',
          'x-api-key': await apiKey(),
          'anthropic-version': config.apiVersion,
        },
        body: JSON.stringify(body),
      });
      return readMessage(answer.value, answer.headers, request.tool.name);
    },
  };
}

function messagesOf(turns: readonly LlmTurn[]): unknown[] {
  return turns.flatMap((turn) => {
    if (turn.role === 'user') return [{ role: 'user', content: turn.text }];
    const reply = turn.answer;
    const assistant = { role: 'assistant', content: reply.assistantMessage };
    const feedback =
      reply.toolCallId === null
        ? { role: 'user', content: turn.problems }
        : {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: reply.toolCallId, is_error: true, content: turn.problems },
            ],
          };
    return [assistant, feedback];
  });
}

function readMessage(value: unknown, headers: Headers, toolName: string): LlmCompletion {
  const message = asRecord(value);
  const content = message?.content;
  if (message === null || !Array.isArray(content))
    throw LlmErrors.malformed('anthropic', 'the message has no content array');
  const blocks = content.map(asRecord).filter((block) => block !== null);
  const usage = asRecord(message.usage);
  const common = {
    assistantMessage: content,
    inputTokens:
      numberOr(usage?.input_tokens, 0) +
      numberOr(usage?.cache_creation_input_tokens, 0) +
      numberOr(usage?.cache_read_input_tokens, 0),
    outputTokens: numberOr(usage?.output_tokens, 0),
    stopReason: stringOr(message.stop_reason, null),
    requestId: stringOr(message.id, null) ?? headers.get('request-id'),
    model: stringOr(message.model, null),
  };
  const tool = blocks.find((block) => block.type === 'tool_use' && block.name === toolName);
  if (tool !== undefined)
    return {
      ...common,
      output: { kind: 'tool', value: tool.input },
      toolCallId: stringOr(tool.id, null),
    };
  const text = blocks
    .filter((block) => block.type === 'text')
    .map((block) => stringOr(block.text, ''))
    .join('');
  return { ...common, output: { kind: 'text', text }, toolCallId: null };
}
