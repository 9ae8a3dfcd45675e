import { PullErrors } from './pull.errors.js';
import type { AuthScheme, PullHttp } from './pull-http.js';

export type OAuthGrant =
  | {
      readonly grant: 'client_credentials';
      readonly clientId: string;
      readonly clientSecret: string;
    }
  | {
      readonly grant: 'password';
      readonly clientId: string;
      /** Some recorders issue public clients without a secret. */
      readonly clientSecret?: string | undefined;
      readonly username: string;
      readonly password: string;
    };

export interface OAuthTokenOptions {
  readonly http: PullHttp;
  readonly tokenUrl: string;
  readonly credentials: OAuthGrant;
  readonly scope?: string | undefined;
  /** `body` (client_id/client_secret as form fields, the common case) or `basic` (RFC 6749 §2.3.1). */
  readonly clientAuth?: 'body' | 'basic';
  readonly now?: () => number;
}

/**
 * A bearer token from an OAuth2 token endpoint (password or client-credentials grant), kept until
 * shortly before it expires and shared by concurrent requests. `renew()` drops it: the HTTP layer
 * calls that on a 401, once, and a second 401 is then a credentials problem.
 */
export function oauthBearer(options: OAuthTokenOptions): AuthScheme {
  const { http, credentials } = options;
  const now = options.now ?? Date.now;
  let token: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const body = new URLSearchParams({ grant_type: credentials.grant });
    if (credentials.grant === 'password') {
      body.set('username', credentials.username);
      body.set('password', credentials.password);
    }
    if (options.scope) body.set('scope', options.scope);
    const headers: Record<string, string> = {};
    if (options.clientAuth === 'basic') {
      const pair = `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret ?? '')}`;
      headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    } else {
      body.set('client_id', credentials.clientId);
      if (credentials.clientSecret !== undefined) body.set('client_secret', credentials.clientSecret);
    }
    const answer = await http.json({
      url: options.tokenUrl,
      what: 'the token request',
      method: 'POST',
      body,
      headers,
      signal,
      isTokenRequest: true,
    });
    const json = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
    if (typeof json.access_token !== 'string' || json.access_token === '')
      throw PullErrors.badResponse(http.system, 'the token request', 'no access_token in the answer');
    const lifetime = Number(json.expires_in ?? 3600);
    const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : 3600;
    // Renew a little early (a tenth of the lifetime, at most five minutes): 3CX tokens live 60 s.
    token = { value: json.access_token, renewAt: now() + (seconds - Math.min(300, seconds / 10)) * 1000 };
    return json.access_token;
  }

  return {
    async authorization(signal) {
      if (token && token.renewAt > now()) return `Bearer ${token.value}`;
      pending ??= fetchToken(signal).finally(() => {
        pending = undefined;
      });
      return `Bearer ${await pending}`;
    },
    renew() {
      token = undefined;
      return true;
    },
  };
}
