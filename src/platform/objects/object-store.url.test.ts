import { describe, expect, it } from 'vitest';

import { parseObjectStoreUrl } from './object-store.url.js';

const parse = (url: string) => parseObjectStoreUrl(url, { cwd: '/srv/switchboard' });

describe('parseObjectStoreUrl', () => {
  it('reads absolute and relative file URLs', () => {
    expect(parse('file:///var/lib/switchboard/objects')).toEqual({
      kind: 'filesystem',
      root: '/var/lib/switchboard/objects',
    });
    expect(parse('file:///data/my%20objects')).toEqual({ kind: 'filesystem', root: '/data/my objects' });
    expect(parse('file://./data/objects')).toEqual({
      kind: 'filesystem',
      root: '/srv/switchboard/data/objects',
    });
  });

  it('reads an S3 URL for MinIO with inline credentials and a key prefix', () => {
    const location = parse(
      's3://recordings/prod?endpoint=http://127.0.0.1:9000&region=us-east-1&forcePathStyle=true' +
        '&accessKeyId=minio&secretAccessKey=s3cr%2Bt&objectLock=off&partSizeMiB=16',
    );
    expect(location).toEqual({
      kind: 's3',
      options: {
        bucket: 'recordings',
        prefix: 'prod/',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'minio', secretAccessKey: 's3cr+t' },
        objectLock: 'off',
        partSizeBytes: 16 * 1024 * 1024,
      },
    });
  });

  it('leaves S3 credentials to the AWS provider chain when none are given', () => {
    expect(parse('s3://my-bucket')).toEqual({ kind: 's3', options: { bucket: 'my-bucket' } });
  });

  it('reads whether the S3 server is trusted with conditional writes', () => {
    for (const value of ['auto', 'on', 'off'] as const) {
      expect(parse(`s3://bkt?conditionalWrites=${value}`)).toEqual({
        kind: 's3',
        options: { bucket: 'bkt', conditionalWrites: value },
      });
    }
    expect(() => parse('s3://bkt?conditionalWrites=yes')).toThrow(/conditionalWrites/);
  });

  it('reads azblob URLs, keeping + in keys', () => {
    const cs =
      'DefaultEndpointsProtocol=https;AccountName=acc;AccountKey=ab+c/d==;EndpointSuffix=core.windows.net';
    expect(parse(`azblob://recordings?connectionString=${encodeURIComponent(cs)}`)).toEqual({
      kind: 'azure-blob',
      options: { container: 'recordings', connectionString: cs },
    });
    expect(parse('azblob://recordings/eu?account=acc&accountKey=ab+c/d==&immutability=required')).toEqual({
      kind: 'azure-blob',
      options: {
        container: 'recordings',
        prefix: 'eu/',
        account: 'acc',
        accountKey: 'ab+c/d==',
        immutability: 'required',
      },
    });
  });

  it.each([
    ['ftp://x', /scheme must be/],
    ['objects', /scheme must be/],
    ['file://relative/path', /file:\/\/\/absolute/],
    ['file:///x?y=1', /no query/],
    ['s3://B', /bucket name/],
    ['s3://bucket?endpint=http://x', /unknown s3 URL parameter "endpint"/],
    ['s3://bucket?accessKeyId=a', /both accessKeyId and secretAccessKey/],
    ['s3://bucket?endpoint=localhost:9000', /endpoint must be http/],
    ['s3://bucket?forcePathStyle=yes', /true or false/],
    ['s3://bucket?partSizeMiB=1', /from 5/],
    ['s3://bucket?region=a&region=b', /given twice/],
    ['s3://bucket/../x', /clean relative path/],
    ['azblob://container', /exactly one of connectionString or account/],
    ['azblob://Container?account=a', /container name/],
    ['azblob://container?connectionString=nonsense', /connection string/],
    ['azblob://container?account=a&immutability=maybe', /one of auto, required, off/],
  ])('rejects %s', (url, message) => {
    expect(() => parse(url)).toThrow(message);
  });

  it('never echoes secrets in errors', () => {
    expect(() => parse('s3://bucket?secretAccessKey=TOPSECRET&bogus=1')).toThrow(/^(?!.*TOPSECRET)/);
  });
});
