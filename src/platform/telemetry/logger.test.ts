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

describe('logger and database drivers', () => {
  it('reduces a pg client attached to an error (as pg-pool does) to nothing the client holds', async () => {
    const { default: pg } = await import('pg');
    const { lines, logger } = capture();
    const client = new pg.Client({
      connectionString: 'postgres://owner:hunter2@db.internal:5432/switchboard',
    });
    const error = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      client,
    });
    logger.error({ err: error }, 'idle database connection failed');
    const line = lines[0] ?? {};
    expect(line.err).toMatchObject({
      message: 'terminating connection due to administrator command',
      code: '57P01',
    });
    const text = JSON.stringify(line);
    for (const leaked of ['hunter2', 'db.internal', 'connectionParameters', 'secretKey', 'processID'])
      expect(text).not.toContain(leaked);
  });

  it('never serialises a pg client or pool logged under any key', async () => {
    const { default: pg } = await import('pg');
    const { lines, logger } = capture();
    const client = new pg.Client({
      connectionString: 'postgres://owner:hunter2@db.internal:5432/switchboard',
    });
    const pool = new pg.Pool({ connectionString: 'postgres://owner:hunter2@db.internal:5432/switchboard' });
    logger.warn({ client, nested: { pool }, list: [client] }, 'driver objects');
    logger.warn(client, 'a client as the merging object');
    await pool.end();
    const text = JSON.stringify(lines);
    for (const leaked of ['hunter2', 'db.internal', 'connectionParameters', '_clients'])
      expect(text).not.toContain(leaked);
    expect(lines[0]).toMatchObject({
      client: '[pg Client]',
      nested: { pool: '[pg Pool]' },
      list: ['[pg Client]'],
    });
  });
});
