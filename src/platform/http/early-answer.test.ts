import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBeforeBodyEnds } from './early-answer.js';

/**
 * A client that is slow to read, as a busy CLI is: it sends part of a large body, does not read
 * while the server answers, sends more, and only then reads. A server that closes at once answers
 * the late bytes with a reset, and the reset throws away the answer waiting unread in the client.
 */
async function slowUpload(port: number): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  socket.pause();
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const chunk = Buffer.alloc(256 * 1024, 7);
  socket.write(
    `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: ${4 * chunk.length}\r\n\r\n`,
  );
  socket.write(chunk);
  await sleep(200); // the server has answered by now
  socket.write(chunk);
  socket.write(chunk);
  await sleep(200);
  const read: Buffer[] = [];
  socket.on('data', (data: Buffer) => read.push(data));
  socket.on('error', () => undefined); // a reset: what was read so far is the answer
  socket.resume();
  await Promise.race([new Promise((resolve) => socket.once('close', resolve)), sleep(3_000)]);
  socket.destroy();
  return Buffer.concat(read).toString('utf8');
}

describe('an answer sent before the body ends', () => {
  const app = Fastify({ forceCloseConnections: true });
  let port = 0;

  beforeAll(async () => {
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    // Refuses after the first bytes, as an upload whose metadata part is wrong is refused.
    app.post('/upload', async (request, reply) => {
      await new Promise<void>((resolve) =>
        request.raw.once('data', () => {
          request.raw.pause();
          resolve();
        }),
      );
      answerBeforeBodyEnds(reply);
      return reply.code(400).send({ field: 'metadata.queue' });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it('reaches a client still sending and slow to read (no reset throws it away)', async () => {
    const answer = await slowUpload(port);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('{"field":"metadata.queue"}');
  });
});
