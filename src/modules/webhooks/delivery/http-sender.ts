import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isBlockedAddress } from '../endpoints/endpoint-url.js';

/** What one POST to a receiver came to. */
export type SendResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly retryAfter: string | null;
      readonly ms: number;
    }
  | { readonly kind: 'error'; readonly error: string; readonly ms: number };

export interface HttpSenderOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

/**
 * POSTs a signed body. Redirects are never followed (a 3xx is the receiver's answer, recorded as
 * failed), and the host's addresses are checked just before the request: a name resolving to a
 * link-local or metadata address is not called. (The check and the connection resolve separately;
 * an egress firewall closes that gap for installations that need it. docs/webhooks.md.)
 */
export function createHttpSender(options: HttpSenderOptions) {
  return async (url: string, headers: Record<string, string>, body: string): Promise<SendResult> => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
      if (addresses.some(isBlockedAddress))
        return { kind: 'error', error: 'the host resolves to a blocked (link-local) address', ms: elapsed() };
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1', ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // The body is not needed; reading a little frees the connection without trusting its size.
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: 'response',
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        ms: elapsed(),
      };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const message =
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${options.timeoutMs} ms`
          : error instanceof Error
            ? ((error.cause instanceof Error ? error.cause.message : undefined) ?? error.message)
            : String(error);
      return { kind: 'error', error: message.slice(0, 500), ms: elapsed() };
    }
  };
}

export type HttpSender = ReturnType<typeof createHttpSender>;
