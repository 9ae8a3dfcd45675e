import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readAll } from './checksum.stream.js';
import { describeObjectStoreContract } from './object-store.contract.js';
import { createS3ObjectStore } from './s3-object.store.js';
import { startS3rver, type S3rverFixture } from './testing/s3rver.fixture.js';

describeObjectStoreContract('s3 (s3rver)', async () => {
  const server = await startS3rver();
  const store = createS3ObjectStore({
    ...server.storeOptions,
    prefix: 'sb/',
    // Small limits so the 24 MiB contract object goes through the spool and multipart path.
    multipartThresholdBytes: 5 * 1024 * 1024,
    partSizeBytes: 5 * 1024 * 1024,
    listPageSize: 3,
  });
  return {
    store,
    // s3rver ignores If-None-Match on PUT; only the adapter's check-before-write applies.
    atomicWriteOnce: false,
    listPageSize: 3,
    // s3rver walks its own folders to list and loses these cases; real S3 and MinIO do not.
    listQuirks: ['partial-segment-prefix', 'key-shadowed-by-folder'],
    async corrupt(key) {
      const Key = `sb/${key}`;
      const head = await server.client.send(new HeadObjectCommand({ Bucket: server.bucket, Key }));
      const original = await server.client.send(new GetObjectCommand({ Bucket: server.bucket, Key }));
      const bytes = Buffer.from(
        await (
          original.Body as Readable & { transformToByteArray(): Promise<Uint8Array> }
        ).transformToByteArray(),
      );
      bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      await server.client.send(
        new PutObjectCommand({
          Bucket: server.bucket,
          Key,
          Body: bytes,
          Metadata: head.Metadata,
          ContentType: head.ContentType,
        }),
      );
    },
    async teardown() {
      await store.close();
      await server.stop();
    },
  };
});

/*
 * s3rver ignores If-None-Match, so the paths taken by servers that honour it (412 after a
 * lost race) or reject it (501) are reached by injecting those answers into a real client
 * talking to s3rver; everything else in these tests is the real server.
 */
describe('s3 conditional writes (answers injected in front of s3rver)', () => {
  let server: S3rverFixture;
  beforeAll(async () => {
    server = await startS3rver();
  });
  afterAll(async () => {
    await server.stop();
  });

  const clientWithFault = (
    fault: (input: { Key?: string; IfNoneMatch?: string }) => Promise<void>,
  ): S3Client => {
    const client = new S3Client({
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: server.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand')
          await fault(args.input as { Key?: string; IfNoneMatch?: string });
        return next(args);
      },
      { step: 'initialize', name: 'injectConditionalAnswers' },
    );
    return client;
  };
  const answer = (status: number, name: string) =>
    new S3ServiceException({
      name,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: status },
      message: name,
    });

  it('falls back to check-before-write when the server answers 501 to If-None-Match', async () => {
    const conditionalPuts: string[] = [];
    const client = clientWithFault((input) => {
      if (input.IfNoneMatch !== '*') return Promise.resolve();
      conditionalPuts.push(input.Key ?? '');
      return Promise.reject(answer(501, 'NotImplemented'));
    });
    const store = createS3ObjectStore({ bucket: server.bucket, client });
    expect((await store.put('c501/a', Buffer.from('a'))).created).toBe(true);
    expect((await store.put('c501/b', Buffer.from('b'))).created).toBe(true);
    // Asked once (the probe, before the first put), then stopped asking.
    expect(conditionalPuts).toHaveLength(1);
    expect((await readAll((await store.get('c501/a')).body)).toString()).toBe('a');
    await expect(store.put('c501/a', Buffer.from('other'))).rejects.toMatchObject({ code: 'OBJECTS_EXISTS' });
  });

  /** Records the key of every HEAD the client sends into `heads`. */
  function countHeads(client: S3Client, heads: string[]): void {
    client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'HeadObjectCommand')
          heads.push((args.input as { Key?: string }).Key ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'countHeads' },
    );
  }

  it('skips the HEAD before each PUT where the server refuses a conditional PUT on an existing key', async () => {
    const heads: string[] = [];
    const client = clientWithFault(async (input) => {
      if (input.IfNoneMatch !== '*') return;
      // What S3 and MinIO do with If-None-Match: *, which s3rver ignores.
      const exists = await server.client
        .send(new HeadObjectCommand({ Bucket: server.bucket, Key: input.Key }))
        .then(() => true)
        .catch(() => false);
      if (exists) throw answer(412, 'PreconditionFailed');
    });
    countHeads(client, heads);
    for (const conditionalWrites of ['auto', 'on'] as const) {
      heads.length = 0;
      const store = createS3ObjectStore({
        bucket: server.bucket,
        prefix: `hf-${conditionalWrites}/`,
        client,
        conditionalWrites,
      });
      const items = Array.from({ length: 5 }, (_, i) => ({
        key: `b/${i}.json`,
        body: Buffer.from(`{"n":${i}}`),
      }));
      expect((await store.putMany(items)).map((r) => r.created)).toEqual([true, true, true, true, true]);
      expect(heads).toEqual([]); // the probe (auto) and the puts: no HEAD
      // A retry: refused (412), then one HEAD each settles it as the same object.
      expect((await store.putMany(items)).map((r) => r.created)).toEqual([false, false, false, false, false]);
      expect(heads).toHaveLength(5);
      await expect(store.put('b/0.json', Buffer.from('different'))).rejects.toMatchObject({
        code: 'OBJECTS_EXISTS',
      });
      expect((await readAll((await store.get('b/0.json')).body)).toString()).toBe('{"n":0}');
    }
  });

  it('keeps the HEAD before each PUT where the server ignores If-None-Match (auto probes once)', async () => {
    const heads: string[] = [];
    const client = clientWithFault(() => Promise.resolve());
    countHeads(client, heads);
    const store = createS3ObjectStore({ bucket: server.bucket, prefix: 'ignored/', client });
    await store.putMany([
      { key: 'a', body: Buffer.from('a') },
      { key: 'b', body: Buffer.from('b') },
    ]);
    expect(heads.sort()).toEqual(['ignored/a', 'ignored/b']);
    await expect(store.put('a', Buffer.from('other'))).rejects.toMatchObject({ code: 'OBJECTS_EXISTS' });
    const listed: string[] = [];
    for await (const head of store.list('')) listed.push(head.key);
    expect(listed).toEqual(['a', 'b']); // the probe is gone, and would not be listed anyway
  });

  it('settles a lost race (412) by comparing with the winner', async () => {
    const winnerBytes = new Map<string, Buffer>();
    const client = clientWithFault(async (input) => {
      const bytes = winnerBytes.get(input.Key ?? '');
      if (input.IfNoneMatch !== '*' || !bytes) return;
      // Another writer lands first, with its own checksum, exactly as a racing put would.
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await server.client.send(
        new PutObjectCommand({
          Bucket: server.bucket,
          Key: input.Key,
          Body: bytes,
          Metadata: { 'sb-sha256': sha256 },
        }),
      );
      throw answer(412, 'PreconditionFailed');
    });
    const store = createS3ObjectStore({ bucket: server.bucket, client });

    winnerBytes.set('race/different', Buffer.from('theirs'));
    await expect(store.put('race/different', Buffer.from('ours'))).rejects.toMatchObject({
      code: 'OBJECTS_EXISTS',
    });

    winnerBytes.set('race/same', Buffer.from('same bytes'));
    expect(await store.put('race/same', Buffer.from('same bytes'))).toMatchObject({ created: false });
  });
});
