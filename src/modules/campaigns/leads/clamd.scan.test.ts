import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clamdScanner } from './clamd.scan.js';

/*
 * A local fake of clamd, built from the documented INSTREAM protocol (clamd(8)): it reads the
 * length-prefixed chunks to the zero length and answers FOUND when the stream holds the EICAR
 * test string, OK otherwise. It is not clamd: it shows the client speaks the protocol.
 */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

describe('clamd INSTREAM client (against a local fake of the documented protocol)', () => {
  let server: net.Server;
  let url: string;
  const commands: string[] = [];

  beforeAll(async () => {
    server = net.createServer((socket) => {
      let buffered = Buffer.alloc(0);
      let body = Buffer.alloc(0);
      let commandRead = false;
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (!commandRead) {
          const end = buffered.indexOf(0);
          if (end < 0) return;
          commands.push(buffered.subarray(0, end).toString());
          buffered = buffered.subarray(end + 1);
          commandRead = true;
        }
        while (buffered.length >= 4) {
          const length = buffered.readUInt32BE(0);
          if (length === 0) {
            socket.end(body.includes(EICAR) ? 'stream: Win.Test.EICAR_HDB-1 FOUND\0' : 'stream: OK\0');
            return;
          }
          if (buffered.length < 4 + length) return;
          body = Buffer.concat([body, buffered.subarray(4, 4 + length)]);
          buffered = buffered.subarray(4 + length);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function* chunks(...parts: string[]) {
    await Promise.resolve();
    for (const part of parts) yield Buffer.from(part);
  }

  it('answers clean, infected with the signature, or an error when clamd is away', async () => {
    const scan = clamdScanner(url);
    expect(await scan(chunks('phone\n', '+12125550101\n'.repeat(20_000)))).toEqual({ result: 'clean' });
    expect(await scan(chunks('phone\n', EICAR, '\n'))).toEqual({
      result: 'infected',
      signature: 'Win.Test.EICAR_HDB-1',
    });
    expect(commands).toEqual(['zINSTREAM', 'zINSTREAM']);
    const away = await clamdScanner('tcp://127.0.0.1:1')(chunks('x'));
    expect(away.result).toBe('error');
  });
});
