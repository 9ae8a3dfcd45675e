import { sha256Hex, signAwsRequest, type AwsCredentials } from '../../providers/sigv4.js';
import type { BedrockLlmConfig } from './llm.config.js';
import { LlmErrors } from './llm.errors.js';
import { unavailableUnless } from './provider-credentials.js';
import type { LlmCompletion, LlmProvider, LlmSecretLookup, LlmTurn } from './llm.types.js';
import { asRecord, numberOr, stringOr } from './read-json.js';

/**
 * Amazon Bedrock's Converse API (`POST /model/{modelId}/converse`, SigV4 for the service
 * `bedrock`). One tool in `toolConfig` carries the answer schema (`inputSchema.json`); Anthropic
 * models are forced to call it with `toolChoice.tool`, other models get `toolChoice.any` (the only
 * forcing they take). A repair replays the `toolUse` and answers it with a `toolResult` of status
 * `error`. The model id is sent percent-encoded (`…v1%3A0`) and signed encoded once more.
 */
export function bedrockProvider(config: BedrockLlmConfig, secrets: LlmSecretLookup): LlmProvider {
  const name = 'bedrock';
  const endpoint = (config.endpoint ?? `https://bedrock-runtime.${config.region}.amazonaws.com`).replace(
    /\/$/,
    '',
  );
  const credentials = async (): Promise<AwsCredentials> => {
    const accessKeyId = await secrets(config.accessKeyIdSecret);
    const secretAccessKey = await secrets(config.secretAccessKeySecret);
    const sessionToken =
      config.sessionTokenSecret === null ? undefined : await secrets(config.sessionTokenSecret);
    const missing = [
      accessKeyId ? null : config.accessKeyIdSecret,
      secretAccessKey ? null : config.secretAccessKeySecret,
      config.sessionTokenSecret !== null && !sessionToken ? config.sessionTokenSecret : null,
    ].filter((secret): secret is string => secret !== null);
    if (missing.length > 0 || accessKeyId === undefined || secretAccessKey === undefined)
      throw LlmErrors.notConfigured(
        name,
        `the secret${missing.length > 1 ? 's' : ''} ${missing.map((s) => `'${s}'`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`,
      );
    return sessionToken === undefined
      ? { accessKeyId, secretAccessKey }
      : { accessKeyId, secretAccessKey, sessionToken };
  };
  const forcesTool = /(^|\.)anthropic\.|(^|\.)mistral\.mistral-large/.test(config.model);

  return {
    name,
    model: config.model,
    unavailable: unavailableUnless(credentials),
    async complete(request, http) {
      const body = JSON.stringify({
        system: [{ text: request.system }],
        messages: messagesOf(request.turns),
        inferenceConfig: { maxTokens: config.maxOutputTokens, temperature: config.temperature },
        toolConfig: {
          tools: [
            {
              toolSpec: {
                name: request.tool.name,
                description: request.tool.description,
                inputSchema: { json: request.tool.schema },
              },
            },
          ],
          toolChoice: forcesTool ? { tool: { name: request.tool.name } } : { any: {} },
        },
      });
      const url = `${endpoint}/model/${encodeURIComponent(config.model)}/converse`;
      const signed = await credentials();
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-amz-content-sha256': sha256Hex(body),
      };
      const answer = await http.postJson({
        url,
        headers,
        body,
        sign: () =>
          signAwsRequest({
            method: 'POST',
            url,
            region: config.region,
            service: 'bedrock',
            headers,
            body,
            credentials: signed,
          }),
      });
      return readConverse(answer.value, answer.headers, request.tool.name);
    },
  };
}

function messagesOf(turns: readonly LlmTurn[]): unknown[] {
  return turns.flatMap((turn) => {
    if (turn.role === 'user') return [{ role: 'user', content: [{ text: turn.text }] }];
    const reply = turn.answer;
    const feedback =
      reply.toolCallId === null
        ? { role: 'user', content: [{ text: turn.problems }] }
        : {
            role: 'user',
            content: [
              {
                toolResult: {
                  toolUseId: reply.toolCallId,
                  content: [{ text: turn.problems }],
                  status: 'error',
                },
              },
            ],
          };
    return [reply.assistantMessage, feedback];
  });
}

function readConverse(value: unknown, headers: Headers, toolName: string): LlmCompletion {
  const body = asRecord(value);
  const message = asRecord(asRecord(body?.output)?.message);
  const content = message?.content;
  if (body === null || message === null || !Array.isArray(content))
    throw LlmErrors.malformed('bedrock', 'the answer has no output.message.content');
  const blocks = content.map(asRecord).filter((block) => block !== null);
  const usage = asRecord(body.usage);
  const common = {
    assistantMessage: { role: 'assistant', content },
    inputTokens: numberOr(usage?.inputTokens, 0),
    outputTokens: numberOr(usage?.outputTokens, 0),
    stopReason: stringOr(body.stopReason, null),
    requestId: headers.get('x-amzn-requestid'),
    model: null,
  };
  const toolUse = blocks
    .map((block) => asRecord(block.toolUse))
    .find((use) => use !== null && use.name === toolName);
  if (toolUse !== undefined && toolUse !== null)
    return {
      ...common,
      output: { kind: 'tool', value: toolUse.input },
      toolCallId: stringOr(toolUse.toolUseId, null),
    };
  const text = blocks.map((block) => stringOr(block.text, '')).join('');
  return { ...common, output: { kind: 'text', text }, toolCallId: null };
}
