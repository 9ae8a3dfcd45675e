import { PlaceCallError } from './adapter.js';
import { CampaignsErrors } from '../errors.js';
import type { SecretReader } from '../../../platform/secrets/index.js';

/*
 * Outbound HTTP to a telephony provider: through the platform's fetch (tests route it to local
 * fakes), each try bounded by a timeout, 429 and 5xx (and network failures) tried again with a
 * short backoff that honours Retry-After. What is left after the tries is the caller's to judge.
 */

export interface ProviderHttpSettings {
  readonly fetch: typeof fetch;
  /** Per try. */
  readonly timeoutMs: number;
  /** Tries after the first, for 429/5xx/network errors. */
  readonly retries: number;
  /** The first backoff; doubled each try, capped by maxDelayMs. */
  readonly retryDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_PROVIDER_HTTP: Omit<ProviderHttpSettings, 'fetch'> = {
  timeoutMs: 10_000,
  retries: 2,
  retryDelayMs: 500,
  maxDelayMs: 5_000,
};

export type ProviderResponse =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly status: number; readonly body: unknown; readonly retryable: boolean };

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 2000);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One request with the retries; a status (2xx or not) is an answer, only network failures throw. */
export async function providerRequest(
  settings: ProviderHttpSettings,
  url: string,
  init: RequestInit,
): Promise<ProviderResponse> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= settings.retries; attempt += 1) {
    let delay = Math.min(settings.maxDelayMs, settings.retryDelayMs * 2 ** attempt);
    try {
      const response = await settings.fetch(url, {
        ...init,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (response.ok) return { ok: true, status: response.status, body: await readBody(response) };
      const body = await readBody(response);
      const retryable = isRetryableStatus(response.status);
      if (!retryable || attempt === settings.retries)
        return { ok: false, status: response.status, body, retryable };
      delay = Math.min(settings.maxDelayMs, retryAfterMs(response) ?? delay);
    } catch (error) {
      lastError = error;
      if (attempt === settings.retries) break;
    }
    await sleep(delay);
  }
  throw new PlaceCallError(
    `the provider could not be reached: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
    true,
  );
}

/** A refusal as PlaceCallError: 4xx (but 429) will not get better on a retry; 429, 5xx may. */
export function placeCallErrorOf(
  provider: string,
  response: ProviderResponse & { ok: false },
): PlaceCallError {
  const detail =
    typeof response.body === 'string'
      ? response.body.slice(0, 500)
      : JSON.stringify(response.body ?? null).slice(0, 500);
  return new PlaceCallError(
    `${provider} refused the call (HTTP ${response.status}): ${detail}`,
    response.retryable,
    response.status,
  );
}

/** Reads a tenant secret the adapter needs to place calls; a missing one is named and not retryable. */
export async function requiredSecret(secrets: SecretReader, tenantId: string, name: string): Promise<string> {
  const value = await secrets.read({ tenantId }, name);
  if (!value) throw new PlaceCallError(`the tenant secret '${name}' is not set`, false);
  return value;
}

/** The same for a webhook: without the secret nothing can be verified, so the callback is unknown. */
export async function webhookSecret(
  secrets: SecretReader,
  tenantId: string,
  name: string,
  adapter: string,
): Promise<string> {
  const value = await secrets.read({ tenantId }, name);
  if (!value) throw CampaignsErrors.telephonyNotConfigured(adapter);
  return value;
}

export function headerOf(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `headers` keys as Node gives them (lower-case); a value of type string only. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** JSON webhooks: the bytes as text, parsed; unreadable JSON is a 400 naming the body. */
export function parseJsonBody(rawBody: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw CampaignsErrors.telephonyWebhookInvalid('body', 'is not JSON');
  }
  const object = objectOf(parsed);
  if (!object) throw CampaignsErrors.telephonyWebhookInvalid('body', 'must be a JSON object');
  return object;
}

/** A provider's call id as we store it: printable, bounded; anything else is a 400 naming the field. */
export function callIdOf(value: unknown, field: string): string {
  const id = stringOf(value);
  if (!id) throw CampaignsErrors.telephonyWebhookInvalid(field, 'is missing');
  if (id.length > 200 || !/^[\x21-\x7e]+$/.test(id))
    throw CampaignsErrors.telephonyWebhookInvalid(field, 'must be at most 200 printable ASCII characters');
  return id;
}

/** Our attempt id as a provider echoes it (metadata); ignored unless it has the shape we sent. */
export function attemptIdOf(value: unknown): string | undefined {
  const id = stringOf(value);
  return id && /^cat_[0-9A-Za-z_-]{1,80}$/.test(id) ? id : undefined;
}
