import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters of a Twilio webhook; repeated keys carry several values. */
export type TwilioParams =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[]>>
  | Iterable<readonly [string, string]>;

/**
 * Checks `X-Twilio-Signature` the way Twilio's own helper libraries do:
 * base64(HMAC-SHA1(authToken, url + each param name and value, names sorted, values sorted)).
 *
 * Twilio signs the URL it was configured with, and proxies add or drop the default port,
 * so the URL is tried both with its port removed and with the scheme's default port added.
 *
 * For JSON-body webhooks pass the raw body as `params` (a string): the URL then carries a
 * `bodySHA256` query parameter that must equal the SHA-256 of the body, and the signature
 * covers the URL alone.
 */
export function validateTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams | string,
  signatureHeader: string | null | undefined,
): boolean {
  if (!signatureHeader || authToken === '') return false;
  let signedParams: Map<string, string[]>;
  if (typeof params === 'string') {
    const expectedBodyHash = bodyHashFromUrl(url);
    if (expectedBodyHash === null) return false;
    const actualBodyHash = createHash('sha256').update(params, 'utf8').digest('hex');
    if (!constantTimeEqual(actualBodyHash, expectedBodyHash.toLowerCase())) return false;
    signedParams = new Map();
  } else {
    signedParams = groupParams(params);
  }
  return urlVariants(url).some((candidate) =>
    constantTimeEqual(computeTwilioSignature(authToken, candidate, signedParams), signatureHeader),
  );
}

export function computeTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams | Map<string, string[]>,
): string {
  const grouped = params instanceof Map ? params : groupParams(params);
  let data = url;
  for (const name of [...grouped.keys()].sort()) {
    const values = [...new Set(grouped.get(name))].sort();
    for (const value of values) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function groupParams(params: TwilioParams): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  };
  if (params instanceof URLSearchParams || isIterable(params)) {
    for (const [name, value] of params) add(name, value);
  } else {
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string') add(name, value);
      else for (const item of value) add(name, item);
    }
  }
  return grouped;
}

function isIterable(value: unknown): value is Iterable<readonly [string, string]> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

function bodyHashFromUrl(url: string): string | null {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return null;
  const query = new URLSearchParams(url.slice(queryStart + 1).split('#')[0]);
  return query.get('bodySHA256');
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { https: '443', http: '80' };

/**
 * The URL with its port removed and with the default port added. Done on the string,
 * not with WHATWG URL, which would silently re-encode the path and query that were signed.
 */
export function urlVariants(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is.exec(url);
  if (!match) return [url];
  const [, scheme = '', authority = '', rest = ''] = match;
  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!portMatch) return [url];
  const host = portMatch[1] ?? '';
  const port = portMatch[2];
  const withoutPort = `${scheme}://${userInfo}${host}${rest}`;
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  const effectivePort = port !== undefined && port !== '' ? port : defaultPort;
  const withPort = effectivePort ? `${scheme}://${userInfo}${host}:${effectivePort}${rest}` : withoutPort;
  return withoutPort === withPort ? [withoutPort] : [withoutPort, withPort];
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time flat.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
