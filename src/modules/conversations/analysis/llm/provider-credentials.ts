import { LlmErrors } from './llm.errors.js';
import type { LlmSecretLookup } from './llm.types.js';

export { unavailableUnless } from '../../providers/provider-credentials.js';

/** The API key a provider's settings name: `not_configured` when that secret is not set. */
export async function apiKeyFrom(
  secrets: LlmSecretLookup,
  provider: string,
  secretName: string,
): Promise<string> {
  const key = await secrets(secretName);
  if (key === undefined || key === '')
    throw LlmErrors.notConfigured(provider, `the secret '${secretName}' (the API key) is not set`);
  return key;
}
