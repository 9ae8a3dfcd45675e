import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AzureBlobObjectStoreOptions } from './azure-blob-object.store.js';
import { ObjectStoreConfigError } from './object-store.errors.js';
import type { S3ObjectStoreOptions } from './s3-object.store.js';

/**
 * OBJECT_STORE_URL forms:
 *   file:///abs/path                         file://./relative/path (to the working directory)
 *   s3://bucket[/key/prefix]?endpoint=http://127.0.0.1:9000&region=us-east-1&forcePathStyle=true
 *        [&accessKeyId=..&secretAccessKey=..&sessionToken=..][&objectLock=governance|compliance|off]
 *        [&conditionalWrites=auto|on|off][&partSizeMiB=8][&multipartThresholdMiB=16]
 *   azblob://container[/name/prefix]?connectionString=<url-encoded connection string>
 *   azblob://container[/name/prefix]?account=name[&accountKey=..][&endpoint=https://..]
 *        [&immutability=auto|required|off][&immutabilityMode=unlocked|locked][&blockSizeMiB=4]
 *
 * Query values are percent-decoded; `+` stays `+` (account keys contain it). Errors name the
 * problem but never echo the URL, which may hold secrets.
 */
export type ObjectStoreLocation =
  | { readonly kind: 'filesystem'; readonly root: string }
  | { readonly kind: 's3'; readonly options: S3ObjectStoreOptions }
  | { readonly kind: 'azure-blob'; readonly options: AzureBlobObjectStoreOptions };

const S3_PARAMS = [
  'endpoint',
  'region',
  'forcePathStyle',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  'objectLock',
  'conditionalWrites',
  'partSizeMiB',
  'multipartThresholdMiB',
] as const;
const AZURE_PARAMS = [
  'connectionString',
  'account',
  'accountKey',
  'endpoint',
  'immutability',
  'immutabilityMode',
  'blockSizeMiB',
] as const;
const MIB = 1024 * 1024;

export function parseObjectStoreUrl(url: string, options: { cwd: string }): ObjectStoreLocation {
  const schemeEnd = url.indexOf('://');
  const scheme = schemeEnd > 0 ? url.slice(0, schemeEnd).toLowerCase() : '';
  switch (scheme) {
    case 'file':
      return { kind: 'filesystem', root: parseFileUrl(url, options.cwd) };
    case 's3':
      return { kind: 's3', options: parseS3Url(url.slice(schemeEnd + 3)) };
    case 'azblob':
      return { kind: 'azure-blob', options: parseAzureUrl(url.slice(schemeEnd + 3)) };
    default:
      throw bad(`scheme must be file://, s3:// or azblob://${scheme ? ` (got ${scheme}://)` : ''}`);
  }
}

function parseFileUrl(url: string, cwd: string): string {
  const rest = url.slice('file://'.length);
  if (rest.includes('?') || rest.includes('#')) throw bad('file URL takes no query or fragment');
  if (rest.startsWith('./') || rest.startsWith('../') || rest === '.')
    return resolve(cwd, decodeURIComponent(rest));
  if (!rest.startsWith('/')) throw bad('file URL must be file:///absolute/path or file://./relative/path');
  const path = fileURLToPath(url);
  if (!isAbsolute(path)) throw bad('file URL path must be absolute');
  return path;
}

function parseS3Url(rest: string): S3ObjectStoreOptions {
  const { host: bucket, prefix, params } = splitLocation(rest, S3_PARAMS, 's3');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw bad('S3 bucket name must be 3-63 of a-z 0-9 . -');
  const accessKeyId = params.get('accessKeyId');
  const secretAccessKey = params.get('secretAccessKey');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw bad(
      'S3 URL needs both accessKeyId and secretAccessKey, or neither (to use the AWS credential chain)',
    );
  }
  const endpoint = params.get('endpoint');
  if (endpoint !== undefined) assertHttpUrl(endpoint, 'S3 endpoint');
  const sessionToken = params.get('sessionToken');
  const region = params.get('region');
  const forcePathStyle = params.get('forcePathStyle');
  const partSize = params.get('partSizeMiB');
  const threshold = params.get('multipartThresholdMiB');
  return {
    bucket,
    ...(prefix ? { prefix } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(forcePathStyle !== undefined
      ? { forcePathStyle: parseBoolean(forcePathStyle, 'forcePathStyle') }
      : {}),
    ...(accessKeyId !== undefined && secretAccessKey !== undefined
      ? {
          credentials: {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken !== undefined ? { sessionToken } : {}),
          },
        }
      : {}),
    ...optionalEnum(params, 'objectLock', ['compliance', 'governance', 'off'] as const),
    ...optionalEnum(params, 'conditionalWrites', ['auto', 'on', 'off'] as const),
    ...(partSize !== undefined ? { partSizeBytes: parseMiB(partSize, 'partSizeMiB', 5, 5 * 1024) } : {}),
    ...(threshold !== undefined
      ? { multipartThresholdBytes: parseMiB(threshold, 'multipartThresholdMiB', 5, 5 * 1024) }
      : {}),
  };
}

function parseAzureUrl(rest: string): AzureBlobObjectStoreOptions {
  const { host: container, prefix, params } = splitLocation(rest, AZURE_PARAMS, 'azblob');
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container)) {
    throw bad('Azure container name must be 3-63 of a-z 0-9 - (no leading, trailing or double -)');
  }
  const connectionString = params.get('connectionString');
  const account = params.get('account');
  if ((connectionString === undefined) === (account === undefined)) {
    throw bad('azblob URL needs exactly one of connectionString or account');
  }
  if (
    connectionString !== undefined &&
    !/AccountName=|SharedAccessSignature=|UseDevelopmentStorage=/i.test(connectionString)
  ) {
    throw bad(
      'azblob connectionString does not look like an Azure Storage connection string (URL-encode it)',
    );
  }
  const endpoint = params.get('endpoint');
  if (endpoint !== undefined) assertHttpUrl(endpoint, 'Azure endpoint');
  const accountKey = params.get('accountKey');
  const blockSize = params.get('blockSizeMiB');
  return {
    container,
    ...(prefix ? { prefix } : {}),
    ...(connectionString !== undefined ? { connectionString } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(accountKey !== undefined ? { accountKey } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...optionalEnum(params, 'immutability', ['auto', 'required', 'off'] as const),
    ...optionalEnum(params, 'immutabilityMode', ['unlocked', 'locked'] as const),
    ...(blockSize !== undefined ? { blockSizeBytes: parseMiB(blockSize, 'blockSizeMiB', 1, 4000) } : {}),
  };
}

function splitLocation(
  rest: string,
  allowed: readonly string[],
  scheme: string,
): { host: string; prefix: string; params: Map<string, string> } {
  const queryStart = rest.indexOf('?');
  const location = queryStart >= 0 ? rest.slice(0, queryStart) : rest;
  const query = queryStart >= 0 ? rest.slice(queryStart + 1) : '';
  const slash = location.indexOf('/');
  const host = decodeURIComponent(slash >= 0 ? location.slice(0, slash) : location);
  let prefix = slash >= 0 ? decodeURIComponent(location.slice(slash + 1)) : '';
  if (prefix !== '' && !prefix.endsWith('/')) prefix = `${prefix}/`;
  if (
    prefix.startsWith('/') ||
    prefix.includes('//') ||
    prefix.split('/').some((s) => s === '.' || s === '..')
  ) {
    throw bad(`${scheme} URL key prefix is not a clean relative path`);
  }
  const params = new Map<string, string>();
  for (const pair of query === '' ? [] : query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq >= 0 ? pair.slice(0, eq) : pair;
    let value: string;
    try {
      value = decodeURIComponent(eq >= 0 ? pair.slice(eq + 1) : '');
    } catch {
      throw bad(`${scheme} URL parameter ${name} is not valid percent-encoding`);
    }
    if (!allowed.includes(name))
      throw bad(`unknown ${scheme} URL parameter ${JSON.stringify(name)} (allowed: ${allowed.join(', ')})`);
    if (params.has(name)) throw bad(`${scheme} URL parameter ${name} is given twice`);
    if (value === '') throw bad(`${scheme} URL parameter ${name} is empty`);
    params.set(name, value);
  }
  return { host, prefix, params };
}

function optionalEnum<N extends string, V extends string>(
  params: Map<string, string>,
  name: N,
  values: readonly V[],
): Partial<Record<N, V>> {
  const value = params.get(name);
  if (value === undefined) return {};
  const match = values.find((v) => v === value);
  if (match === undefined) throw bad(`URL parameter ${name} must be one of ${values.join(', ')}`);
  return { [name]: match } as Partial<Record<N, V>>;
}

function parseBoolean(value: string, name: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw bad(`URL parameter ${name} must be true or false`);
}

function parseMiB(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw bad(`URL parameter ${name} must be an integer from ${min} to ${max}`);
  return n * MIB;
}

function assertHttpUrl(value: string, label: string): void {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw bad(`${label} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw bad(`${label} must be http:// or https://`);
}

function bad(reason: string): ObjectStoreConfigError {
  return new ObjectStoreConfigError(`invalid object store URL: ${reason}`);
}
