import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info' }, stream) };
}

describe('logger', () => {
  it('redacts credentials and personal data, at the top level and one level down', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'hunter2',
        user: { email: 'ana@example.com', phone: '+4930123456', id: 'usr_1' },
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'x-api-key': 'sk_live' } },
      },
      'hello',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['hunter2', 'ana@example.com', '+4930123456', 'Bearer abc', 'sid=1', 'sk_live']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('usr_1');
  });

  it('writes JSON lines with an ISO time and a textual level', () => {
    const { lines, logger } = capture();
    logger.warn('careful');
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'careful', service: 'switchboard' });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
