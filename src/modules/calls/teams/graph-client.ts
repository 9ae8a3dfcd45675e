import { mergeTeamsSessionPages } from './normalise-teams.js';

/*
 * Microsoft Graph client for Teams call records, with a tenant's own app registration
 * (client-credentials grant, application permission CallRecords.Read.All).
 *
 * - GET /communications/callRecords/{id}?$expand=sessions($expand=segments), following every
 *   nextLink in the answer (sessions, each session's segments, participants_v2) and merging the
 *   pages into the record. Graph keeps call records for 30 days: a 404 is a result
 *   (`not_found`), not an error.
 * - change-notification subscriptions on /communications/callRecords (create, renew, reauthorize,
 *   list, delete); 4230 minutes is the longest expiry Graph accepts for this resource.
 * - getPstnCalls / getDirectRoutingCalls backfill, page by page, in windows of at most 90 days.
 *
 * Throttling: 429 and 503 wait for Retry-After when given; other 5xx and network failures back
 * off exponentially with jitter. A 401 fetches a new token once. Links from responses are only
 * followed on the Graph origin, so a bearer token never goes anywhere else.
 */

export interface GraphCredentials {
  /** The customer's Entra (Azure AD) tenant id or domain. */
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface GraphClientOptions {
  readonly credentials: GraphCredentials;
  /** Default https://graph.microsoft.com/v1.0 (national clouds have their own). */
  readonly graphBaseUrl?: string;
  /** Default https://login.microsoftonline.com. */
  readonly loginBaseUrl?: string;
  /** OAuth scope; default `<graph origin>/.default`. */
  readonly scope?: string;
  readonly fetch?: typeof fetch;
  /** How waiting is done (tests record the waits instead). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts per request, including the first; default 5. */
  readonly maxAttempts?: number;
  /** Longest single wait, also for Retry-After; default 120 s. */
  readonly maxDelayMs?: number;
  /** Pages followed per call record or backfill window before giving up; default 1000. */
  readonly maxPages?: number;
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

export type GraphCallRecordResult =
  | { readonly status: 'found'; readonly callRecord: Record<string, unknown>; readonly pages: number }
  /** Unknown id, or older than the 30 days Graph keeps call records. */
  | { readonly status: 'not_found' };

export interface GraphSubscription {
  readonly id: string;
  readonly resource: string;
  readonly changeType: string;
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl?: string | undefined;
  readonly expirationDateTime: string;
  readonly clientState?: string | undefined;
}

export interface NewGraphSubscription {
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl?: string | undefined;
  /** Secret echoed in every notification, checked with clientStateMatches. */
  readonly clientState: string;
  /** Default: the longest Graph allows (4230 minutes from now). */
  readonly expiresAt?: Date | undefined;
}

export interface GraphClient {
  getCallRecord(callRecordId: string): Promise<GraphCallRecordResult>;
  createSubscription(input: NewGraphSubscription): Promise<GraphSubscription>;
  renewSubscription(subscriptionId: string, expiresAt?: Date): Promise<GraphSubscription>;
  /** Answers a reauthorizationRequired challenge without changing the expiry (404 when gone). */
  reauthorizeSubscription(subscriptionId: string): Promise<void>;
  /** The subscriptions this app registration holds in the customer's tenant (every page). */
  listSubscriptions(): Promise<GraphSubscription[]>;
  /** Idempotent: a subscription that is already gone counts as deleted. */
  deleteSubscription(subscriptionId: string): Promise<void>;
  /** Pages of pstnCallLogRow documents as Graph returns them (normaliseTeams reads them). */
  getPstnCalls(range: { readonly from: Date; readonly to: Date }): AsyncGenerator<Record<string, unknown>>;
  /** Pages of directRoutingLogRow documents. */
  getDirectRoutingCalls(range: {
    readonly from: Date;
    readonly to: Date;
  }): AsyncGenerator<Record<string, unknown>>;
}

/** The longest subscription lifetime Graph accepts for /communications/callRecords. */
export const CALL_RECORDS_SUBSCRIPTION_MAX_MINUTES = 4230;
/** Graph refuses backfill ranges longer than this. */
const BACKFILL_WINDOW_MS = 90 * 86_400_000;
const CALL_RECORDS_RESOURCE = '/communications/callRecords';
/**
 * Both kinds, as Microsoft's subscription example has it: `created` when Graph first sees a call,
 * `updated` when a later client signal revises it (its `version` goes up, and newest-wins keeps it).
 */
const CALL_RECORDS_CHANGE_TYPE = 'created,updated';

export class GraphError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no answer came. */
    readonly status: number,
    /** Graph's `error.code` (or the OAuth `error`), when it gave one. */
    readonly code: string | null,
    /** Whether trying again later may work (throttling, outages). */
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GraphError';
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function errorOf(response: Response): Promise<{ code: string | null; message: string }> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as unknown;
    if (isObject(body) && isObject(body.error)) {
      return {
        code: typeof body.error.code === 'string' ? body.error.code : null,
        message: typeof body.error.message === 'string' ? body.error.message : text,
      };
    }
    if (isObject(body) && typeof body.error === 'string') {
      return {
        code: body.error,
        message: typeof body.error_description === 'string' ? body.error_description : body.error,
      };
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return { code: null, message: text.slice(0, 500) };
}

/**
 * A nextLink as a URL to GET. Microsoft's published examples write some links as
 * `.../v1.0/$metadata#communications/callRecords('id')/sessions?...`: followed literally, the
 * fragment would be dropped and the request would fetch the metadata document, so the
 * `$metadata#` is taken out, leaving the resource path it names.
 */
export function graphLinkUrl(link: string): string {
  return link.replace(/\/\$metadata#/, '/');
}

/** DateTimeOffset literal of an OData function parameter: UTC, whole seconds. */
const odataInstant = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Appends one page (`{ value: [...], '@odata.nextLink'? }`) of a collection that came expanded
 * inside `owner` (`segments` of a session, `participants_v2` of a record), and carries the page's
 * nextLink over, so the caller knows whether to keep paging. An item identical in full to one
 * already there is dropped (a page served twice); an id alone does not make a duplicate, because
 * Graph's own participants_v2 example repeats one id for two different people.
 */
function mergeGraphPage(owner: Json, collection: string, page: Json): Json {
  const existing = Array.isArray(owner[collection]) ? (owner[collection] as unknown[]) : [];
  const added = Array.isArray(page.value) ? (page.value as unknown[]) : [];
  const seen = new Set(existing.map((item) => JSON.stringify(item)));
  const linkKey = `${collection}@odata.nextLink`;
  const merged: Json = Object.fromEntries(Object.entries(owner).filter(([key]) => key !== linkKey));
  merged[collection] = [...existing, ...added.filter((item) => !seen.has(JSON.stringify(item)))];
  if (typeof page['@odata.nextLink'] === 'string') merged[linkKey] = page['@odata.nextLink'];
  return merged;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const graphBase = (options.graphBaseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  const graphOrigin = new URL(graphBase).origin;
  const loginBase = (options.loginBaseUrl ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const scope = options.scope ?? `${graphOrigin}/.default`;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const maxDelayMs = options.maxDelayMs ?? 120_000;
  const maxPages = options.maxPages ?? 1000;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const { credentials } = options;

  let token: { value: string; expiresAt: number } | undefined;
  let pendingToken: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const url = `${loginBase}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
    const body = new URLSearchParams({
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope,
      grant_type: 'client_credentials',
    });
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          body,
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        if (attempt >= maxAttempts)
          throw new GraphError(`token request failed: ${(cause as Error).message}`, 0, null, true, { cause });
        await sleep(backoff(attempt));
        continue;
      }
      if (response.ok) {
        const json: unknown = await response.json();
        if (!isObject(json) || typeof json.access_token !== 'string')
          throw new GraphError('token response without access_token', response.status, null, false);
        const lifetime =
          typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in ?? 3599);
        // Renew five minutes early (at least half-way), so a token never expires in flight.
        const margin = Math.min(300, lifetime / 2);
        token = { value: json.access_token, expiresAt: now() + (lifetime - margin) * 1000 };
        return json.access_token;
      }
      const { code, message } = await errorOf(response);
      const transient = response.status === 429 || response.status >= 500;
      if (!transient || attempt >= maxAttempts) {
        throw new GraphError(
          `token request refused (${response.status}${code ? ` ${code}` : ''}): ${message}`,
          response.status,
          code,
          transient,
        );
      }
      await sleep(waitFor(response, attempt));
    }
  }

  function accessToken(): Promise<string> {
    if (token && token.expiresAt > now()) return Promise.resolve(token.value);
    pendingToken ??= fetchToken().finally(() => {
      pendingToken = undefined;
    });
    return pendingToken;
  }

  function backoff(attempt: number): number {
    const base = Math.min(maxDelayMs, 500 * 2 ** (attempt - 1));
    return Math.round(base * (0.5 + random() / 2));
  }

  function waitFor(response: Response, attempt: number): number {
    const asked = retryAfterMs(response.headers.get('retry-after'), now());
    return Math.min(maxDelayMs, asked ?? backoff(attempt));
  }

  /** One Graph request with retries; undefined for a 404 when `notFoundIsResult`. */
  async function request(
    method: string,
    url: string,
    init: { body?: Json; notFoundIsResult?: boolean } = {},
  ): Promise<Json | undefined> {
    if (new URL(url).origin !== graphOrigin)
      throw new GraphError(`refusing to follow a link off ${graphOrigin}: ${url}`, 0, null, false);
    let renewedToken = false;
    for (let attempt = 1; ; attempt++) {
      const bearer = await accessToken();
      let response: Response;
      try {
        response = await doFetch(url, {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            accept: 'application/json',
            ...(init.body ? { 'content-type': 'application/json' } : {}),
          },
          ...(init.body ? { body: JSON.stringify(init.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        if (attempt >= maxAttempts)
          throw new GraphError(`${method} ${url} failed: ${(cause as Error).message}`, 0, null, true, {
            cause,
          });
        await sleep(backoff(attempt));
        continue;
      }
      if (response.ok) {
        if (response.status === 204) return {};
        const text = await response.text();
        return text === '' ? {} : (JSON.parse(text) as Json);
      }
      if (response.status === 404 && init.notFoundIsResult) {
        await response.body?.cancel();
        return undefined;
      }
      if (response.status === 401 && !renewedToken) {
        // The token may have been revoked or rotated early: one fresh token, then give up.
        await response.body?.cancel();
        token = undefined;
        renewedToken = true;
        continue;
      }
      const transient = response.status === 429 || response.status >= 500;
      if (transient && attempt < maxAttempts) {
        const delay = waitFor(response, attempt);
        await response.body?.cancel();
        await sleep(delay);
        continue;
      }
      const { code, message } = await errorOf(response);
      throw new GraphError(
        `${method} ${url} answered ${response.status}${code ? ` ${code}` : ''}: ${message}`,
        response.status,
        code,
        transient,
      );
    }
  }

  async function get(url: string): Promise<Json> {
    return (await request('GET', url)) ?? {};
  }

  /** Follows a chain of nextLinks, handing each page to `take`, which returns the next link. */
  async function follow(
    what: string,
    first: unknown,
    take: (page: Json) => unknown,
    pages: { count: number },
  ): Promise<void> {
    const seen = new Set<string>();
    for (let link = first; typeof link === 'string';) {
      if (seen.has(link) || pages.count >= maxPages)
        throw new GraphError(`paging of ${what} does not end (${link})`, 0, null, false);
      seen.add(link);
      link = take(await get(graphLinkUrl(link)));
      pages.count++;
    }
  }

  /** Appends the further pages of each session's segments to that session. */
  async function completeSegments(record: Json, pages: { count: number }): Promise<Json> {
    if (!Array.isArray(record.sessions)) return record;
    const sessions: unknown[] = [];
    for (const session of record.sessions as unknown[]) {
      if (!isObject(session) || typeof session['segments@odata.nextLink'] !== 'string') {
        sessions.push(session);
        continue;
      }
      let merged: Json = session;
      await follow(
        'segments',
        session['segments@odata.nextLink'],
        (page) => {
          merged = mergeGraphPage(merged, 'segments', page);
          return merged['segments@odata.nextLink'];
        },
        pages,
      );
      sessions.push(merged);
    }
    return { ...record, sessions };
  }

  async function* backfill(functionName: string, range: { from: Date; to: Date }): AsyncGenerator<Json> {
    // toDateTime is inclusive: windows share their boundary instant rather than leave a gap;
    // a call delivered twice is harmless (the index is idempotent).
    for (let start = range.from.getTime(); start < range.to.getTime(); start += BACKFILL_WINDOW_MS) {
      const end = Math.min(range.to.getTime(), start + BACKFILL_WINDOW_MS);
      let url: string | undefined =
        `${graphBase}/communications/callRecords/${functionName}(fromDateTime=${odataInstant(new Date(start))},toDateTime=${odataInstant(new Date(end))})`;
      const seen = new Set<string>();
      while (url !== undefined) {
        if (seen.has(url) || seen.size >= maxPages)
          throw new GraphError(`paging of ${functionName} does not end (${url})`, 0, null, false);
        seen.add(url);
        const page = await get(graphLinkUrl(url));
        yield page;
        url = typeof page['@odata.nextLink'] === 'string' ? page['@odata.nextLink'] : undefined;
      }
    }
  }

  function subscriptionOf(json: Json): GraphSubscription {
    const text = (key: string) => (typeof json[key] === 'string' ? json[key] : undefined);
    const id = text('id');
    const expirationDateTime = text('expirationDateTime');
    if (!id || !expirationDateTime)
      throw new GraphError('subscription response without id or expirationDateTime', 200, null, false);
    return {
      id,
      resource: text('resource') ?? CALL_RECORDS_RESOURCE,
      changeType: text('changeType') ?? CALL_RECORDS_CHANGE_TYPE,
      notificationUrl: text('notificationUrl') ?? '',
      lifecycleNotificationUrl: text('lifecycleNotificationUrl'),
      expirationDateTime,
      clientState: text('clientState'),
    };
  }

  function expiry(expiresAt: Date | undefined): string {
    const latest = now() + CALL_RECORDS_SUBSCRIPTION_MAX_MINUTES * 60_000;
    const at = expiresAt ? Math.min(expiresAt.getTime(), latest) : latest;
    return new Date(at).toISOString();
  }

  return {
    async getCallRecord(callRecordId) {
      const url = `${graphBase}/communications/callRecords/${encodeURIComponent(callRecordId)}?$expand=sessions($expand=segments)`;
      const first = await request('GET', url, { notFoundIsResult: true });
      if (!first) return { status: 'not_found' };
      let record: Json = first;
      const pages = { count: 1 };
      await follow(
        'sessions',
        record['sessions@odata.nextLink'],
        (page) => {
          record = mergeTeamsSessionPages(record, [page]);
          return record['sessions@odata.nextLink'];
        },
        pages,
      );
      record = await completeSegments(record, pages);
      // Only present when Graph expanded participants_v2; the same paging when it did.
      await follow(
        'participants_v2',
        record['participants_v2@odata.nextLink'],
        (page) => {
          record = mergeGraphPage(record, 'participants_v2', page);
          return record['participants_v2@odata.nextLink'];
        },
        pages,
      );
      return { status: 'found', callRecord: record, pages: pages.count };
    },

    async createSubscription(input) {
      const created = await request('POST', `${graphBase}/subscriptions`, {
        body: {
          changeType: CALL_RECORDS_CHANGE_TYPE,
          notificationUrl: input.notificationUrl,
          ...(input.lifecycleNotificationUrl
            ? { lifecycleNotificationUrl: input.lifecycleNotificationUrl }
            : {}),
          resource: CALL_RECORDS_RESOURCE,
          expirationDateTime: expiry(input.expiresAt),
          clientState: input.clientState,
        },
      });
      return subscriptionOf(created ?? {});
    },

    async renewSubscription(subscriptionId, expiresAt) {
      const renewed = await request(
        'PATCH',
        `${graphBase}/subscriptions/${encodeURIComponent(subscriptionId)}`,
        {
          body: { expirationDateTime: expiry(expiresAt) },
        },
      );
      return subscriptionOf(renewed ?? {});
    },

    async reauthorizeSubscription(subscriptionId) {
      await request('POST', `${graphBase}/subscriptions/${encodeURIComponent(subscriptionId)}/reauthorize`);
    },

    async listSubscriptions() {
      const found: GraphSubscription[] = [];
      const first = await get(`${graphBase}/subscriptions`);
      const take = (page: Json) => {
        for (const item of Array.isArray(page.value) ? (page.value as unknown[]) : [])
          if (isObject(item)) found.push(subscriptionOf(item));
        return page['@odata.nextLink'];
      };
      await follow('subscriptions', take(first), take, { count: 1 });
      return found;
    },

    async deleteSubscription(subscriptionId) {
      await request('DELETE', `${graphBase}/subscriptions/${encodeURIComponent(subscriptionId)}`, {
        notFoundIsResult: true,
      });
    },

    getPstnCalls: (range) => backfill('getPstnCalls', range),
    getDirectRoutingCalls: (range) => backfill('getDirectRoutingCalls', range),
  };
}
