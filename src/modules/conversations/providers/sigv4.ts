import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignInput {
  readonly method: string;
  readonly url: string;
  readonly region: string;
  readonly service: string;
  /** Headers to sign besides host and x-amz-date (content-type, x-amz-target, x-amz-content-sha256). */
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
  readonly credentials: AwsCredentials;
  readonly now?: Date;
  /**
   * S3 signs the path as it is sent; other services encode each segment of the sent path once more
   * (Bedrock's `/model/…v1%3A0/converse` is signed as `…v1%253A0…`). Default true.
   */
  readonly doubleEncodePath?: boolean;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Uint8Array | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding, as SigV4 wants it (also `!'()*`). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * AWS Signature Version 4 for one request: returns the headers to send (host is left to fetch,
 * which sends the same value). Written here rather than taken from @smithy/signature-v4, which is
 * only a transitive dependency of the S3 client; checked against AWS's published example.
 */
export function signAwsRequest(input: SignInput): Record<string, string> {
  const url = new URL(input.url);
  const now = input.now ?? new Date();
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, 'x-amz-date': amzDate };
  if (input.credentials.sessionToken !== undefined)
    headers['x-amz-security-token'] = input.credentials.sessionToken;

  const toSign = new Map<string, string>([['host', url.host]]);
  for (const [name, value] of Object.entries(headers))
    toSign.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  const names = [...toSign.keys()].sort();
  const canonicalHeaders = names.map((name) => `${name}:${toSign.get(name) ?? ''}\n`).join('');
  const signedHeaders = names.join(';');

  const path =
    input.doubleEncodePath === false
      ? url.pathname
      : url.pathname
          .split('/')
          .map((part) => encode(part))
          .join('/');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const payloadHash = toSign.get('x-amz-content-sha256') ?? sha256(input.body);
  const canonicalRequest = [
    input.method,
    path || '/',
    query,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');

  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, day), input.region), input.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

export function sha256Hex(data: Uint8Array | string): string {
  return sha256(data);
}
