import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { pcm16WavHeader } from '../audio/wav.encode.js';
import type { RecordingSummary } from '../contract.js';

/*
 * Measures memory, not time: a 200 MB WAV uploaded over a real socket must flow to the object
 * store without the process holding it. Client and server share the process, so the RSS growth
 * bounds both; buffering the upload anywhere would add its 200 MB.
 */

const AUDIO_BYTES = 200 * 1024 * 1024;
const CHUNK = 64 * 1024;

describe('a large upload streams in constant memory', () => {
  let t: TestPlatform;
  let tenant: string;
  let port: number;

  beforeAll(async () => {
    t = await createTestPlatform({ env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') } });
    tenant = (await createTenant(t.platform)).tenant.uuid;
    const http = t.platform.http;
    if (!http) throw new Error('no HTTP');
    await http.listen({ port: 0, host: '127.0.0.1' });
    port = (http.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('uploads a 200 MB WAV with RSS growing by far less than its size', { timeout: 300_000 }, async () => {
    const boundary = `----memtest${randomBytes(6).toString('hex')}`;
    const metadata = JSON.stringify({ source: 'upload', sourceRecordingId: 'big-1', direction: 'inbound' });
    const dataBytes = AUDIO_BYTES - 44;
    // One tone block, sent again and again: the client holds 64 KiB, never the file.
    const block = Buffer.alloc(CHUNK);
    for (let i = 0; i < CHUNK / 2; i++) block.writeInt16LE(Math.round(8000 * Math.sin(i / 5)), i * 2);
    function* body(): Generator<Buffer> {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${metadata}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
      );
      yield Buffer.from(pcm16WavHeader(8000, 1, dataBytes));
      let left = dataBytes;
      while (left > 0) {
        const n = Math.min(left, CHUNK);
        yield n === CHUNK ? block : block.subarray(0, n);
        left -= n;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/recordings',
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'x-test-tenant': tenant,
            'x-test-permissions': 'recordings:ingest',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      request.on('error', reject);
      Readable.from(body()).pipe(request);
    });
    clearInterval(sampler);
    expect(response.status, response.body).toBe(201);
    const recording = JSON.parse(response.body) as RecordingSummary;
    expect(recording.audio?.bytes).toBe(AUDIO_BYTES);
    const growthMb = (peak - baseline) / (1024 * 1024);
    process.stdout.write(
      `200 MB upload: RSS ${Math.round(baseline / 1048576)} MB → peak ${Math.round(peak / 1048576)} MB (+${growthMb.toFixed(1)} MB)\n`,
    );
    expect(growthMb).toBeLessThan(64);
  });
});
