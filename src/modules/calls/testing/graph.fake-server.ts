import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A spec-derived fake of Microsoft Graph and of the Microsoft identity platform's token endpoint,
 * for tests only. It is not Graph: it implements the request and response shapes Microsoft
 * documents for the endpoints the Teams connector uses, and answers with the documentation's own
 * example bodies (the fixtures under shared/fixtures/real/teams, read in place), their links
 * moved onto this server. It knows nothing of Graph beyond those documents:
 *
 * - POST /{tenant}/oauth2/v2.0/token (client-credentials grant, form-encoded)
 * - GET  /v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments) (404 when unknown);
 *   its sessions nextLink is the published one, `$metadata#` form included
 * - GET  /v1.0/communications/callRecords/{id}/sessions?$expand=segments&$skiptoken=..
 *   (also addressed as callRecords('{id}'), the OData key form of the published links)
 * - GET  /v1.0/communications/callRecords/getPstnCalls(fromDateTime=..,toDateTime=..)[?$skip=..]
 * - GET  /v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=..,toDateTime=..)[?$skip=..]
 * - POST /v1.0/subscriptions (at most 4230 minutes ahead for callRecords; with `validateWith`, the
 *   validation handshake against notificationUrl and lifecycleNotificationUrl first, as Graph does)
 * - GET  /v1.0/subscriptions, PATCH/DELETE /v1.0/subscriptions/{id}, POST /v1.0/subscriptions/{id}/reauthorize
 *
 * Graph's push side is here too: `changeNotification` and `lifecycleNotification` build the bodies
 * Graph POSTs to a notificationUrl, from the documented examples. Tests script throttling and
 * outages with `script()`; every request is recorded with the time it came.
 */

export const teamsFixtures = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/teams');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(teamsFixtures, name), 'utf8')) as Record<string, unknown>;

export const knownCallRecordId = 'e523d2ed-2966-4b6b-925b-754a88034cc5';
/** Where the published examples point; the fake moves their links onto itself. */
const publishedGraphBase = 'https://graph.microsoft.com/v1.0';

export interface ScriptedResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, decoded. */
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
  /** Date.now() when it arrived. */
  readonly at: number;
}

/** Answers Graph's validation POST to `url` (with `?validationToken=`): the status and body it got. */
export type SubscriptionValidator = (
  url: string,
  validationToken: string,
) => Promise<{ status: number; body: string; contentType: string | undefined }>;

export interface GraphFake {
  /** Graph base URL, like https://graph.microsoft.com/v1.0. */
  readonly graphBaseUrl: string;
  /** Login base URL, like https://login.microsoftonline.com. */
  readonly loginBaseUrl: string;
  readonly credentials: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
  };
  readonly requests: RecordedRequest[];
  readonly subscriptions: Map<string, Record<string, unknown>>;
  /** The next requests whose path matches get these answers, in order, before normal handling. */
  script(match: RegExp, responses: readonly ScriptedResponse[]): void;
  /** Makes every token issued so far invalid (as if revoked). */
  revokeTokens(): void;
  /** From now on, creating a subscription first validates both endpoints through `validator`. */
  validateWith(validator: SubscriptionValidator | undefined): void;
  /** notification-1.json as Graph would send it for this subscription and call record. */
  changeNotification(input: {
    subscriptionId: string;
    clientState: string;
    callRecordIds: readonly string[];
  }): Record<string, unknown>;
  /** lifecycle-1.json as Graph would send it for this subscription and event. */
  lifecycleNotification(input: {
    subscriptionId: string;
    clientState: string;
    lifecycleEvent: string;
  }): Record<string, unknown>;
  close(): Promise<void>;
}

const maxSubscriptionMinutes = 4230;
const backfillMaxDays = 90;
const callRecordChangeTypes = new Set(['created', 'updated']);

export async function startGraphFake(): Promise<GraphFake> {
  const credentials = {
    tenantId: 'contoso.onmicrosoft.com',
    clientId: randomUUID(),
    clientSecret: 'fake-secret',
  };
  const requests: RecordedRequest[] = [];
  const scripts: { match: RegExp; responses: ScriptedResponse[] }[] = [];
  const subscriptions = new Map<string, Record<string, unknown>>();
  const validTokens = new Set<string>();
  let validator: SubscriptionValidator | undefined;
  let origin = '';

  const send = (
    response: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
    response.end(text);
  };
  const graphError = (response: ServerResponse, status: number, code: string, message: string) =>
    send(response, status, {
      error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } },
    });

  function token(request: RecordedRequest, response: ServerResponse, tenant: string): void {
    const form = new URLSearchParams(request.body);
    if (tenant !== credentials.tenantId)
      return send(response, 400, {
        error: 'invalid_request',
        error_description: `AADSTS90002: Tenant '${tenant}' not found.`,
      });
    if (form.get('grant_type') !== 'client_credentials')
      return send(response, 400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003' });
    if (
      form.get('client_id') !== credentials.clientId ||
      form.get('client_secret') !== credentials.clientSecret
    ) {
      return send(response, 401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      });
    }
    if (form.get('scope') !== `${origin}/.default`)
      return send(response, 400, { error: 'invalid_scope', error_description: 'AADSTS70011' });
    const accessToken = `fake-token-${randomUUID()}`;
    validTokens.add(accessToken);
    send(response, 200, {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
    });
  }

  const graphBase = () => `${origin}/v1.0`;
  /** A link of a published example, moved onto this server (path, query and all else kept). */
  const rebased = (link: unknown): string => String(link).replace(publishedGraphBase, graphBase());

  function backfill(
    response: ServerResponse,
    name: 'getPstnCalls' | 'getDirectRoutingCalls',
    args: string,
    skip: string | null,
  ): void {
    const match = /^fromDateTime=([^,]+),toDateTime=([^)]+)$/.exec(args);
    const from = match ? Date.parse(match[1] ?? '') : Number.NaN;
    const to = match ? Date.parse(match[2] ?? '') : Number.NaN;
    if (Number.isNaN(from) || Number.isNaN(to))
      return graphError(response, 400, 'BadRequest', 'fromDateTime and toDateTime are required');
    if (to - from > backfillMaxDays * 86_400_000)
      return graphError(response, 400, 'BadRequest', `The date range cannot exceed ${backfillMaxDays} days.`);
    const page = fixture(name === 'getPstnCalls' ? 'pstn-calls-1.json' : 'direct-routing-calls-1.json');
    if (skip === null) {
      // The published nextLink names its parameters `from`/`to` in one example, against the
      // function's own signature; the fake links with the documented parameter names.
      page['@odata.nextLink'] = `${graphBase()}/communications/callRecords/${name}(${args})?$skip=1000`;
    } else {
      // The second and last page: the same row shape, another id.
      delete page['@odata.nextLink'];
      const rows = page.value as Record<string, unknown>[];
      page.value = rows.map((row) => ({ ...row, id: `${String(row.id)}-page2` }));
    }
    send(response, 200, page);
  }

  function subscriptionBodyProblem(body: Record<string, unknown>, creating: boolean): string | undefined {
    const expiration =
      typeof body.expirationDateTime === 'string' ? Date.parse(body.expirationDateTime) : Number.NaN;
    if (Number.isNaN(expiration)) return 'expirationDateTime is required';
    if (expiration > Date.now() + maxSubscriptionMinutes * 60_000 + 5_000) {
      return `Subscription expiration can only be ${maxSubscriptionMinutes} minutes in the future.`;
    }
    if (!creating) return undefined;
    if (body.resource !== '/communications/callRecords')
      return 'resource must be /communications/callRecords';
    const changeTypes = typeof body.changeType === 'string' ? body.changeType.split(',') : [];
    if (changeTypes.length === 0 || !changeTypes.every((type) => callRecordChangeTypes.has(type)))
      return 'changeType of callRecords subscriptions is created, updated or both';
    if (typeof body.clientState === 'string' && body.clientState.length > 128)
      return 'clientState is longer than 128 characters';
    for (const key of ['notificationUrl', 'lifecycleNotificationUrl'] as const) {
      const value = body[key];
      if (value === undefined && key === 'lifecycleNotificationUrl') continue;
      if (typeof value !== 'string' || !value.startsWith('https://')) return `${key} must be an https URL`;
    }
    return undefined;
  }

  /** Graph POSTs `?validationToken=` to each endpoint and expects it back, as text/plain, within 10 s. */
  async function validationProblem(body: Record<string, unknown>): Promise<string | undefined> {
    if (!validator) return undefined;
    const urls = new Set(
      [body.notificationUrl, body.lifecycleNotificationUrl].filter(
        (url): url is string => typeof url === 'string',
      ),
    );
    for (const url of urls) {
      const validationToken = `Validation: Testing client application ${randomUUID()}`;
      const started = Date.now();
      const answer = await validator(url, validationToken);
      if (
        answer.status !== 200 ||
        answer.body !== validationToken ||
        !answer.contentType?.startsWith('text/plain') ||
        Date.now() - started > 10_000
      ) {
        return `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. (${url})`;
      }
    }
    return undefined;
  }

  const subscriptionView = (subscription: Record<string, unknown>) => ({
    '@odata.context': `${graphBase()}/$metadata#subscriptions/$entity`,
    ...subscription,
  });

  async function graph(
    request: RecordedRequest,
    response: ServerResponse,
    pathname: string,
    query: URLSearchParams,
  ): Promise<void> {
    const bearer = request.authorization?.replace(/^Bearer /, '') ?? '';
    if (!validTokens.has(bearer))
      return graphError(response, 401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    let m: RegExpExecArray | null;
    if (
      request.method === 'GET' &&
      (m = /^\/v1\.0\/communications\/callRecords\/(getPstnCalls|getDirectRoutingCalls)\(([^)]*)\)$/.exec(
        pathname,
      ))
    ) {
      return backfill(
        response,
        m[1] as 'getPstnCalls' | 'getDirectRoutingCalls',
        m[2] ?? '',
        query.get('$skip'),
      );
    }
    if (
      request.method === 'GET' &&
      (m = /^\/v1\.0\/communications\/callRecords(?:\/([^/('")]+)|\('([^']+)'\))\/sessions$/.exec(pathname))
    ) {
      if ((m[1] ?? m[2]) !== knownCallRecordId)
        return graphError(response, 404, 'NotFound', 'Resource not found');
      const page = fixture('sessions-expanded-1.json');
      const token = query.get('$skiptoken');
      // The published page links to skiptoken=abc again; the fake's second page links to a third, the last.
      if (token === 'abc')
        page['@odata.nextLink'] = rebased(page['@odata.nextLink']).replace(
          '$skiptoken=abc',
          '$skiptoken=def',
        );
      else if (token === 'def') delete page['@odata.nextLink'];
      else return graphError(response, 400, 'BadRequest', 'Invalid skip token');
      return send(response, 200, page);
    }
    if (request.method === 'GET' && (m = /^\/v1\.0\/communications\/callRecords\/([^/]+)$/.exec(pathname))) {
      if (query.get('$expand') !== 'sessions($expand=segments)')
        return graphError(
          response,
          400,
          'BadRequest',
          'this fake answers only $expand=sessions($expand=segments)',
        );
      if (m[1] !== knownCallRecordId) return graphError(response, 404, 'NotFound', 'Resource not found');
      const record = fixture('callrecord-1.json');
      record['sessions@odata.nextLink'] = rebased(record['sessions@odata.nextLink']);
      return send(response, 200, record);
    }
    if (request.method === 'POST' && pathname === '/v1.0/subscriptions') {
      const body = JSON.parse(request.body || '{}') as Record<string, unknown>;
      const problem = subscriptionBodyProblem(body, true) ?? (await validationProblem(body));
      if (problem) return graphError(response, 400, 'ExtensionError', problem);
      const created = {
        id: randomUUID(),
        ...body,
        applicationId: credentials.clientId,
        creatorId: randomUUID(),
        latestSupportedTlsVersion: 'v1_2',
      };
      subscriptions.set(created.id, created);
      return send(response, 201, subscriptionView(created));
    }
    if (request.method === 'GET' && pathname === '/v1.0/subscriptions') {
      // Graph never shows the clientState back.
      const value = [...subscriptions.values()].map((subscription) => ({
        ...subscription,
        clientState: null,
      }));
      return send(response, 200, { '@odata.context': `${graphBase()}/$metadata#subscriptions`, value });
    }
    if (request.method === 'POST' && (m = /^\/v1\.0\/subscriptions\/([^/]+)\/reauthorize$/.exec(pathname))) {
      if (!subscriptions.has(m[1] ?? ''))
        return graphError(response, 404, 'ResourceNotFound', `The object was not found: ${m[1] ?? ''}`);
      return send(response, 204);
    }
    if ((m = /^\/v1\.0\/subscriptions\/([^/]+)$/.exec(pathname))) {
      const id = m[1] ?? '';
      const existing = subscriptions.get(id);
      if (!existing) return graphError(response, 404, 'ResourceNotFound', `The object was not found: ${id}`);
      if (request.method === 'DELETE') {
        subscriptions.delete(id);
        return send(response, 204);
      }
      if (request.method === 'PATCH') {
        const body = JSON.parse(request.body || '{}') as Record<string, unknown>;
        const problem = subscriptionBodyProblem(body, false);
        if (problem) return graphError(response, 400, 'ExtensionError', problem);
        const renewed = { ...existing, expirationDateTime: body.expirationDateTime };
        subscriptions.set(id, renewed);
        return send(response, 200, subscriptionView(renewed));
      }
    }
    graphError(response, 400, 'BadRequest', `this fake does not implement ${request.method} ${pathname}`);
  }

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', origin);
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: decodeURIComponent(url.pathname + url.search),
        authorization: incoming.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(request);
      const pathname = decodeURIComponent(url.pathname);
      const scripted = scripts
        .find((s) => s.match.test(pathname) && s.responses.length > 0)
        ?.responses.shift();
      if (scripted) return send(response, scripted.status, scripted.body, scripted.headers);
      const login = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(pathname);
      if (login && request.method === 'POST') return token(request, response, login[1] ?? '');
      if (pathname.startsWith('/v1.0/')) {
        graph(request, response, pathname, url.searchParams).catch((error: unknown) => {
          if (!response.headersSent) graphError(response, 500, 'InternalServerError', String(error));
        });
        return;
      }
      send(response, 404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    graphBaseUrl: `${origin}/v1.0`,
    loginBaseUrl: origin,
    credentials,
    requests,
    subscriptions,
    script(match, responses) {
      scripts.push({ match, responses: [...responses] });
    },
    revokeTokens() {
      validTokens.clear();
    },
    validateWith(next) {
      validator = next;
    },
    changeNotification({ subscriptionId, clientState, callRecordIds }) {
      const [template] = fixture('notification-1.json').value as Record<string, unknown>[];
      const value = callRecordIds.map((id) => {
        const text = JSON.stringify(template)
          .replaceAll('{Subscription id}', subscriptionId)
          .replaceAll('{Secret client state}', clientState)
          .replaceAll('{Call id}', id)
          .replaceAll('{Organization/Tenant id}', credentials.tenantId);
        return JSON.parse(text) as Record<string, unknown>;
      });
      return { value };
    },
    lifecycleNotification({ subscriptionId, clientState, lifecycleEvent }) {
      const [template] = fixture('lifecycle-1.json').value as Record<string, unknown>[];
      const subscription = subscriptions.get(subscriptionId);
      return {
        value: [
          {
            ...template,
            subscriptionId,
            clientState,
            tenantId: credentials.tenantId,
            lifecycleEvent,
            subscriptionExpirationDateTime:
              subscription?.expirationDateTime ?? template?.subscriptionExpirationDateTime,
          },
        ],
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
