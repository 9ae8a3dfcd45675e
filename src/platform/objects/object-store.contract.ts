import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readAll } from './checksum.stream.js';
import type { ObjectStore } from './object-store.types.js';

/**
 * The behaviour every ObjectStore adapter must show, run against the real backend (a temp
 * directory, an S3-compatible server, Azurite) by each adapter's *.int.test.ts.
 */
export interface ContractSubject {
  readonly store: ObjectStore;
  /** Changes the stored bytes of `key` behind the store's back, keeping its recorded checksum. */
  corrupt(key: string): Promise<void>;
  /**
   * Whether the backend itself settles two concurrent conflicting puts (filesystem link(),
   * S3 If-None-Match, Azure If-None-Match). Emulators that ignore the condition only get
   * the adapter's check-before-write, so the race test is skipped for them.
   */
  readonly atomicWriteOnce: boolean;
  /** The adapter's list page size; the list test creates more objects than this. */
  readonly listPageSize: number;
  /**
   * Listing edge cases the backend (an emulator) gets wrong; the matching tests are
   * skipped for it, visibly, instead of weakening them for everyone.
   */
  readonly listQuirks?: readonly ListQuirk[];
  /**
   * Cuts the stored bytes of `key` back to what a crash in the middle of writing them would leave:
   * the first half, or nothing (`empty`). Absent for backends whose uploads are atomic (S3, Azure:
   * an object is there whole or not at all), for which the torn-write test is skipped.
   */
  tear?(key: string, keep: 'half' | 'empty'): Promise<void>;
  teardown(): Promise<void>;
}

export type ListQuirk =
  /** list('a/day') misses a/day.json and a/day-2/x when keys under a/day/ also exist. */
  | 'partial-segment-prefix'
  /** a key `x` is not listed when keys under `x/` exist. */
  | 'key-shadowed-by-folder';

const LARGE_OBJECT_BYTES = 24 * 1024 * 1024;
/** Peak growth of live Buffer memory allowed while moving LARGE_OBJECT_BYTES through a store. */
const LARGE_OBJECT_MEMORY_BUDGET = 16 * 1024 * 1024;

export function describeObjectStoreContract(name: string, setup: () => Promise<ContractSubject>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: ObjectStore;
    // A fresh namespace per run, so reruns against a kept server never collide.
    const ns = `ten_${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      subject = await setup();
      store = subject.store;
    });
    afterAll(async () => {
      await subject.teardown();
    });

    it('round-trips bytes, content type and metadata', async () => {
      const bytes = Buffer.from('{"call":"call_1","duration":42}');
      const key = `${ns}/calls/2024/05/01/call_1_1714560000.json`;
      const put = await store.put(key, bytes, {
        contentType: 'application/json',
        metadata: { source: 'asterisk', call_id: 'call_1' },
        tenantId: ns,
      });
      expect(put).toEqual({ key, sha256: sha256(bytes), size: bytes.length, created: true });
      const got = await store.get(key);
      expect(await readAll(got.body)).toEqual(bytes);
      expect(got).toMatchObject({
        key,
        size: bytes.length,
        sha256: sha256(bytes),
        contentType: 'application/json',
        metadata: { source: 'asterisk', call_id: 'call_1' },
        tenantId: ns,
      });
    });

    it('accepts a stream body, and an empty object', async () => {
      const parts = [randomBytes(1000), randomBytes(70_000), randomBytes(3)];
      const key = `${ns}/stream/object.bin`;
      const put = await store.put(key, Readable.from(parts));
      expect(put.size).toBe(71_003);
      expect(await readAll((await store.get(key)).body)).toEqual(Buffer.concat(parts));

      const empty = await store.put(`${ns}/stream/empty`, Buffer.alloc(0), { tenantId: ns });
      expect(empty.sha256).toBe(sha256(Buffer.alloc(0)));
      const got = await store.get(`${ns}/stream/empty`);
      expect((await readAll(got.body)).length).toBe(0);
      expect(got.contentType).toBe('application/octet-stream');
    });

    it('is write-once: identical bytes succeed with created=false, different bytes fail', async () => {
      const key = `${ns}/once/raw.json`;
      const first = await store.put(key, Buffer.from('v1'), { tenantId: ns });
      expect(first.created).toBe(true);
      const again = await store.put(key, Readable.from([Buffer.from('v'), Buffer.from('1')]), {
        tenantId: ns,
      });
      expect(again).toEqual({ ...first, created: false });
      await expect(store.put(key, Buffer.from('v2'), { tenantId: ns })).rejects.toMatchObject({
        name: 'ObjectExistsError',
        code: 'OBJECTS_EXISTS',
      });
      expect((await readAll((await store.get(key)).body)).toString()).toBe('v1');
    });

    it('puts many objects at once, each as put would: in order, write-once, durable on return', async () => {
      const items = Array.from({ length: 40 }, (_, i) => ({
        key: `${ns}/many/2024/05/${String(1 + (i % 3)).padStart(2, '0')}/call_${i}.json`,
        body: Buffer.from(JSON.stringify({ call: i, raw: 'x'.repeat(i * 37) })),
        options: {
          contentType: 'application/json',
          tenantId: ns,
          ...(i % 2 === 0 ? { metadata: { source: 'asterisk' } } : {}),
        },
      }));
      items.push({
        key: `${ns}/many/empty`,
        body: Buffer.alloc(0),
        options: { contentType: 'application/json', tenantId: ns },
      });
      const results = await store.putMany(items);
      expect(results).toEqual(
        items.map((item) => ({
          key: item.key,
          sha256: sha256(item.body),
          size: item.body.length,
          created: true,
        })),
      );
      for (const item of [items[0], items[7], items[40]]) {
        if (!item) continue;
        const got = await store.get(item.key);
        expect(await readAll(got.body)).toEqual(item.body);
        expect(got).toMatchObject({
          contentType: 'application/json',
          tenantId: ns,
          sha256: sha256(item.body),
        });
      }
      expect((await store.head(items[0]?.key ?? ''))?.metadata).toEqual({ source: 'asterisk' });

      // A retry of the same batch is idempotent; a changed body under a stored key is refused.
      const again = await store.putMany(items.slice(0, 3));
      expect(again.map((r) => r.created)).toEqual([false, false, false]);
      const changed = [
        { key: `${ns}/many/new.json`, body: Buffer.from('new') },
        { key: items[1]?.key ?? '', body: Buffer.from('changed') },
      ];
      await expect(store.putMany(changed)).rejects.toMatchObject({ code: 'OBJECTS_EXISTS' });
      expect(await readAll((await store.get(items[1]?.key ?? '')).body)).toEqual(items[1]?.body);
      await expect(
        store.putMany([
          { key: `${ns}/many/dup`, body: Buffer.from('a') },
          { key: `${ns}/many/dup`, body: Buffer.from('b') },
        ]),
      ).rejects.toMatchObject({
        code: 'OBJECTS_INVALID_KEY',
      });
      expect(await store.putMany([])).toEqual([]);
    });

    it('completes objects a crash left unfinished when the same putMany is retried', async (context) => {
      const tear = subject.tear?.bind(subject);
      if (!tear) {
        context.skip();
        return;
      }
      const items = ['half', 'empty', 'whole'].map((name) => ({
        key: `${ns}/torn/2024/05/01/${name}.json`,
        body: Buffer.from(JSON.stringify({ name, raw: 'r'.repeat(1500) })),
        options: { contentType: 'application/json', tenantId: ns },
      }));
      await store.putMany(items);
      await tear(items[0]?.key ?? '', 'half');
      await tear(items[1]?.key ?? '', 'empty');
      // What a crash left is not an object: no head, not found, not listed.
      for (const item of items.slice(0, 2)) {
        expect(await store.head(item.key)).toBeUndefined();
        await expect(store.get(item.key)).rejects.toMatchObject({ code: 'OBJECTS_NOT_FOUND' });
      }
      expect(await collectKeys(store.list(`${ns}/torn/`))).toEqual([items[2]?.key]);

      const retry = await store.putMany(items);
      expect(retry.map((r) => r.created)).toEqual([true, true, false]);
      for (const item of items) {
        expect(await readAll((await store.get(item.key)).body)).toEqual(item.body);
      }
      expect(await collectKeys(store.list(`${ns}/torn/`))).toEqual(items.map((i) => i.key).sort(byteOrder));
      // Once whole, the object is write-once again.
      await expect(
        store.putMany([{ key: items[0]?.key ?? '', body: Buffer.from('other'), options: { tenantId: ns } }]),
      ).rejects.toMatchObject({ code: 'OBJECTS_EXISTS' });
    });

    it('lets two callers putMany the same objects at once: both succeed, one object each', async () => {
      const items = Array.from({ length: 30 }, (_, i) => ({
        key: `${ns}/both/2024/05/01/call_${i}.json`,
        body: Buffer.from(JSON.stringify({ call: i, raw: 'b'.repeat(1500) })),
        options: { contentType: 'application/json', tenantId: ns },
      }));
      const keys = items.map((i) => i.key).sort(byteOrder);
      // A reader listing meanwhile sees only whole objects, never a file in progress.
      const listings: Promise<string[]>[] = [];
      const writes = Promise.all([store.putMany(items), store.putMany(items)]);
      listings.push(collectKeys(store.list(`${ns}/both/`)));
      const [first, second] = await writes;
      listings.push(collectKeys(store.list(`${ns}/both/`)));
      for (const [i, item] of items.entries()) {
        expect(first[i]).toMatchObject({ key: item.key, sha256: sha256(item.body), size: item.body.length });
        expect(second[i]).toMatchObject({ key: item.key, sha256: sha256(item.body), size: item.body.length });
        expect(await readAll((await store.get(item.key)).body)).toEqual(item.body);
      }
      const [during, after] = await Promise.all(listings);
      for (const key of during ?? []) expect(keys).toContain(key);
      expect(after).toEqual(keys);
    });

    it('lets exactly one of two concurrent conflicting putMany calls win', async (context) => {
      if (!subject.atomicWriteOnce) {
        context.skip();
        return;
      }
      const key = `${ns}/once/race-many.json`;
      const bodies = [randomBytes(1500), randomBytes(1500), randomBytes(1500)];
      const results = await Promise.allSettled(
        bodies.map((body) => store.putMany([{ key, body, options: { tenantId: ns } }])),
      );
      const winners = bodies.filter((_, i) => results[i]?.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'OBJECTS_EXISTS' });
      }
      expect(await readAll((await store.get(key)).body)).toEqual(winners[0]);
    });

    it('lets exactly one of two concurrent conflicting puts win', async (context) => {
      if (!subject.atomicWriteOnce) {
        context.skip();
        return;
      }
      const key = `${ns}/once/race.bin`;
      const results = await Promise.allSettled([
        store.put(key, randomBytes(300_000)),
        store.put(key, randomBytes(300_000)),
        store.put(key, randomBytes(300_000)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'OBJECTS_EXISTS' });
      }
    });

    it('heads existing objects and reports missing ones', async () => {
      const key = `${ns}/head/a.txt`;
      const retainUntil = new Date(Date.now() + 3_600_000);
      await store.put(key, Buffer.from('hello'), { contentType: 'text/plain', retainUntil, tenantId: ns });
      const head = await store.head(key);
      expect(head).toMatchObject({
        key,
        size: 5,
        sha256: sha256(Buffer.from('hello')),
        contentType: 'text/plain',
      });
      expect(Math.abs((head?.retainUntil?.getTime() ?? 0) - retainUntil.getTime())).toBeLessThan(1000);
      expect(head?.createdAt).toBeInstanceOf(Date);
      expect(await store.head(`${ns}/head/missing.txt`)).toBeUndefined();
      await expect(store.get(`${ns}/head/missing.txt`)).rejects.toMatchObject({ code: 'OBJECTS_NOT_FOUND' });
    });

    it('lists by prefix, in key order, across several pages', async () => {
      const count = subject.listPageSize * 2 + 1;
      const keys = Array.from(
        { length: count },
        (_, i) => `${ns}/list/day/${String(i).padStart(3, '0')}.json`,
      );
      const others = [`${ns}/list/other/x.json`, `${ns}/listing.json`, `${ns}x/list/other.json`];
      for (const key of [...keys, ...others]) await store.put(key, Buffer.from(key));

      expect(await collectKeys(store.list(`${ns}/list/day/`))).toEqual(keys);
      expect(await collectKeys(store.list(`${ns}/list/`))).toEqual([...keys, `${ns}/list/other/x.json`]);

      const heads = [];
      for await (const head of store.list(`${ns}/list/day/00`)) heads.push(head);
      expect(heads.map((h) => h.key)).toEqual(keys.filter((k) => k.startsWith(`${ns}/list/day/00`)));
      expect(heads[0]).toMatchObject({
        size: Buffer.byteLength(keys[0] ?? ''),
        sha256: sha256(Buffer.from(keys[0] ?? '')),
      });
      expect(await collectKeys(store.list(`${ns}/nothing-here/`))).toEqual([]);
    });

    it('lists by a prefix that ends mid-segment', async (context) => {
      if (subject.listQuirks?.includes('partial-segment-prefix')) {
        context.skip();
        return;
      }
      const keys = [
        `${ns}/mid/day/1.json`,
        `${ns}/mid/day.json`,
        `${ns}/mid/day-2/x.json`,
        `${ns}/mid/dax.json`,
      ];
      for (const key of keys) await store.put(key, Buffer.from(key));
      expect(await collectKeys(store.list(`${ns}/mid/day`))).toEqual(keys.slice(0, 3).sort(byteOrder));
    });

    it('lists a key beside a folder of the same name', async (context) => {
      if (subject.listQuirks?.includes('key-shadowed-by-folder')) {
        context.skip();
        return;
      }
      const keys = [`${ns}/same/x`, `${ns}/same/x/y`, `${ns}/same/x.json`];
      for (const key of keys) await store.put(key, Buffer.from(key));
      for (const key of keys) expect((await readAll((await store.get(key)).body)).toString()).toBe(key);
      expect(await collectKeys(store.list(`${ns}/same/`))).toEqual([...keys].sort(byteOrder));
    });

    it('deletes with a reason, idempotently, and refuses while retained', async () => {
      const key = `${ns}/del/a.txt`;
      await store.put(key, Buffer.from('bye'), { tenantId: ns });
      await expect(store.delete(key, { reason: ' ' })).rejects.toMatchObject({
        code: 'OBJECTS_INVALID_ARGUMENT',
      });
      expect(await store.delete(key, { reason: 'test: erasure dsr_1' })).toEqual({ deleted: true });
      expect(await store.head(key)).toBeUndefined();
      expect(await store.delete(key, { reason: 'test: erasure dsr_1' })).toEqual({ deleted: false });
      // After erasure the key may be written again.
      expect((await store.put(key, Buffer.from('new'))).created).toBe(true);

      const held = `${ns}/del/held.txt`;
      await store.put(held, Buffer.from('keep'), { retainUntil: new Date(Date.now() + 86_400_000) });
      await expect(store.delete(held, { reason: 'test: retention' })).rejects.toMatchObject({
        code: 'OBJECTS_RETAINED',
      });
      expect(await store.head(held)).toBeDefined();
    });

    it('rejects keys that could escape or confuse the namespace', async () => {
      for (const key of ['', '../x', 'a/../../x', '/abs/x', 'a\\b', 'a\0b', 'a//b', 'a/', './a', 'a/./b']) {
        await expect(store.put(key, Buffer.from('x'))).rejects.toMatchObject({ code: 'OBJECTS_INVALID_KEY' });
        await expect(store.head(key)).rejects.toMatchObject({ code: 'OBJECTS_INVALID_KEY' });
      }
      await expect(
        store.put(`${ns}/meta`, Buffer.from('x'), { metadata: { 'Bad-Key': 'v' } }),
      ).rejects.toMatchObject({
        code: 'OBJECTS_INVALID_ARGUMENT',
      });
      await expect(
        store.put(`${ns}/meta`, Buffer.from('x'), { metadata: { sb_sha256: 'v' } }),
      ).rejects.toMatchObject({
        code: 'OBJECTS_INVALID_ARGUMENT',
      });
    });

    it('keeps unusual but valid key characters apart', async () => {
      const keys = [`${ns}/odd/a#b`, `${ns}/odd/a%23b`, `${ns}/odd/é ü.txt`, `${ns}/odd/a+b=c&d.txt`];
      for (const key of keys) await store.put(key, Buffer.from(key));
      for (const key of keys) expect((await readAll((await store.get(key)).body)).toString()).toBe(key);
      expect(await collectKeys(store.list(`${ns}/odd/`))).toEqual([...keys].sort(byteOrder));
    });

    it('signs URLs that download the bytes and then expire', async () => {
      const key = `${ns}/signed/rec 1.wav`;
      const bytes = randomBytes(50_000);
      await store.put(key, bytes, { contentType: 'audio/wav', tenantId: ns });
      const url = await store.signedUrl(key, { expiresInSeconds: 600 });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);

      const shortLived = await store.signedUrl(key, { expiresInSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const expired = await fetch(shortLived);
      expect(expired.status).toBeGreaterThanOrEqual(400);
      expect(expired.status).toBeLessThan(500);
      await expired.arrayBuffer();
      await expect(store.signedUrl(key, { expiresInSeconds: 0 })).rejects.toMatchObject({
        code: 'OBJECTS_INVALID_ARGUMENT',
      });
    });

    it('detects stored bytes that no longer match their checksum', async () => {
      const key = `${ns}/corrupt/a.bin`;
      await store.put(key, randomBytes(200_000), { tenantId: ns });
      await subject.corrupt(key);
      const got = await store.get(key);
      await expect(readAll(got.body)).rejects.toMatchObject({ code: 'OBJECTS_CHECKSUM_MISMATCH' });
    });

    it(`moves a ${LARGE_OBJECT_BYTES / 1024 / 1024} MiB stream in bounded memory`, async () => {
      const key = `${ns}/large/recording.wav`;
      const source = pseudoRandomStream(LARGE_OBJECT_BYTES, 'large');
      const expected = await hashStream(pseudoRandomStream(LARGE_OBJECT_BYTES, 'large'));
      const { result: put, peakBytes: putPeak } = await measureLiveBuffers(() =>
        store.put(key, source, { tenantId: ns, contentType: 'audio/wav' }),
      );
      expect(put).toMatchObject({ size: LARGE_OBJECT_BYTES, sha256: expected, created: true });
      const { result: got, peakBytes: getPeak } = await measureLiveBuffers(async () =>
        hashStream((await store.get(key)).body),
      );
      expect(got).toBe(expected);
      // Measured here: filesystem < 1 MiB, S3 ~10 MiB (threshold + one part), Azure ~10-13 MiB.
      expect(putPeak, 'peak live Buffer bytes during put').toBeLessThan(LARGE_OBJECT_MEMORY_BUDGET);
      expect(getPeak, 'peak live Buffer bytes during get').toBeLessThan(LARGE_OBJECT_MEMORY_BUDGET);
    }, 120_000);
  });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

async function collectKeys(heads: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const head of heads) keys.push(head.key);
  return keys;
}

/** Deterministic bytes (an AES-CTR keystream) produced on demand, 64 KiB at a time, never held whole. */
function pseudoRandomStream(total: number, seed: string): Readable {
  const keystream = createCipheriv(
    'aes-256-ctr',
    createHash('sha256').update(seed).digest(),
    Buffer.alloc(16),
  );
  const zeros = Buffer.alloc(64 * 1024);
  let produced = 0;
  return new Readable({
    read() {
      if (produced >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(zeros.length, total - produced);
      produced += size;
      this.push(keystream.update(zeros.subarray(0, size)));
    },
  });
}

async function hashStream(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Samples live Buffer memory (after a forced GC, so garbage does not count) while `fn`
 * runs, and returns the peak growth over the starting level.
 */
async function measureLiveBuffers<T>(fn: () => Promise<T>): Promise<{ result: T; peakBytes: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const live = async (): Promise<number> => {
    // Two rounds: backing stores of buffers freed in one GC are sometimes released only
    // after the next, which would count garbage as live.
    for (let round = 0; round < 2; round += 1) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return process.memoryUsage().arrayBuffers;
  };
  const baseline = await live();
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const started = performance.now();
      peak = Math.max(peak, await live());
      // The full collections block the stream being measured, and take longer the larger the
      // heap (a worker that ran other test files before holds their modules): at most a fifth of
      // the time goes to sampling.
      const spent = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, Math.max(25, 4 * spent)));
    }
  })();
  try {
    const result = await fn();
    return { result, peakBytes: peak - baseline };
  } finally {
    sampling = false;
    await sampler;
  }
}
