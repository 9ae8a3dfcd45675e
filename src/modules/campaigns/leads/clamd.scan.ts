import net from 'node:net';

/*
 * A virus scan through clamd's INSTREAM command (clamd(8): "zINSTREAM\0", then chunks each
 * preceded by its length as 4 bytes big-endian, then a zero length; the answer is
 * "stream: OK", "stream: <signature> FOUND" or "... ERROR"). CLAMAV_URL names the daemon:
 * tcp://host:3310 or unix:///run/clamav/clamd.ctl.
 */

export type ScanVerdict =
  | { readonly result: 'clean' }
  | { readonly result: 'infected'; readonly signature: string }
  | { readonly result: 'error'; readonly detail: string };

export type VirusScanner = (body: AsyncIterable<Buffer>) => Promise<ScanVerdict>;

/** clamd's StreamMaxLength defaults to 25 MiB; chunks are kept well below it. */
const CHUNK_BYTES = 64 * 1024;

export function clamdScanner(url: string, timeoutMs = 60_000): VirusScanner {
  const target = new URL(url);
  const connect = () =>
    target.protocol === 'unix:'
      ? net.createConnection({ path: target.pathname })
      : net.createConnection({ host: target.hostname, port: Number(target.port || 3310) });
  return async (body) => {
    const socket = connect();
    socket.setTimeout(timeoutMs);
    const answer = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('timeout', () => socket.destroy(new Error(`clamd did not answer within ${timeoutMs} ms`)));
      socket.on('error', reject);
    });
    // The answer may come early (size limit exceeded): writing stops then.
    const state = { answered: false };
    void answer.finally(() => (state.answered = true)).catch(() => undefined);
    const write = (bytes: Buffer) =>
      new Promise<void>((resolve, reject) =>
        socket.write(bytes, (error) => (error ? reject(error) : resolve())),
      );
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      await write(Buffer.from('zINSTREAM\0'));
      for await (const chunk of body) {
        for (let at = 0; at < chunk.length && !state.answered; at += CHUNK_BYTES) {
          const part = chunk.subarray(at, at + CHUNK_BYTES);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(part.length);
          await write(Buffer.concat([length, part]));
        }
        if (state.answered) break;
      }
      if (!state.answered) await write(Buffer.alloc(4));
      const text = (await answer).replace(/\0/g, '').trim();
      const found = /^stream: (.+) FOUND$/.exec(text);
      if (found) return { result: 'infected', signature: (found[1] ?? '').slice(0, 200) };
      if (text === 'stream: OK') return { result: 'clean' };
      return { result: 'error', detail: text.slice(0, 200) || 'clamd gave no answer' };
    } catch (error) {
      return {
        result: 'error',
        detail: error instanceof Error ? error.message.slice(0, 200) : 'clamd failed',
      };
    } finally {
      socket.destroy();
    }
  };
}
