import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeadLetters, insertDeadLetter } from '../../src/platform/bus/dead-letters.repo.js';
import { deadLetterCommands, deadLetterRoutes } from '../../src/platform/bus/index.js';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { AppError } from '../../src/platform/errors.js';
import { sendProblem, toAppError } from '../../src/platform/http/index.js';
import { newUuid } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

describe('dead letters: internal API and CLI functions', () => {
  let testDb: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  const tenantA = newUuid();
  const tenantB = newUuid();
  const eventId = newUuid();

  beforeAll(async () => {
    testDb = await createMigratedDatabase();
    database = await openDatabase({
      url: testDb.url,
      appUrl: undefined,
      poolMax: 4,
      dataDir: '/nonexistent',
      embeddedPort: 0,
      role: 'test',
      exclusive: false,
      logger: createLogger({ level: 'silent' }),
    });
    await insertDeadLetter(
      database.owner,
      'analysis',
      {
        id: eventId,
        type: 'calls.record.ingested.v1',
        tenantId: tenantA,
        occurredAt: new Date().toISOString(),
        key: 'call-1',
        data: { record_id: 'r1' },
      },
      { message: 'TRANSCRIBER_DOWN: no answer', code: 'TRANSCRIBER_DOWN' },
      5,
    );
    // The kernel's auth hook, reduced to what these routes rely on: ctx from headers and the permission check.
    const plain = Fastify();
    plain.setValidatorCompiler(validatorCompiler);
    plain.setSerializerCompiler(serializerCompiler);
    plain.setErrorHandler((error, request, reply) => sendProblem(reply, request, toAppError(error)));
    plain.addHook('onRequest', async (request) => {
      const tenant = String(request.headers['x-tenant']);
      request.ctx = { tenantId: tenant, requestId: request.id, actor: { type: 'system', id: 'test' } };
      const needed = request.routeOptions.config.permission;
      if (needed && request.headers['x-permissions'] !== needed)
        throw new AppError('FORBIDDEN', 'forbidden', 'no');
      await Promise.resolve();
    });
    const typed = plain.withTypeProvider<ZodTypeProvider>();
    await typed.register(deadLetterRoutes(createDeadLetters(database, 16)), { prefix: '/bus/dead-letters' });
    app = plain;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await testDb.drop();
  });

  const as = (tenant: string, permissions = 'bus:admin') => ({
    'x-tenant': tenant,
    'x-permissions': permissions,
  });

  it('lists and shows a tenant’s own dead letters only', async () => {
    const mine = await app.inject({ method: 'GET', url: '/bus/dead-letters', headers: as(tenantA) });
    expect(mine.statusCode).toBe(200);
    const [letter] = mine.json<{
      items: { id: string; group: string; event: { id: string; data: unknown }; errorCode: string }[];
    }>().items;
    expect(letter).toMatchObject({
      group: 'analysis',
      errorCode: 'TRANSCRIBER_DOWN',
      event: { id: eventId, data: { record_id: 'r1' } },
    });
    expect(letter?.id).toMatch(/^dlq_/);
    const theirs = await app.inject({ method: 'GET', url: '/bus/dead-letters', headers: as(tenantB) });
    expect(theirs.json()).toEqual({ items: [] });
    const shown = await app.inject({
      method: 'GET',
      url: `/bus/dead-letters/${letter?.id ?? ''}`,
      headers: as(tenantA),
    });
    expect(shown.json()).toMatchObject({ deliveries: 5, error: 'TRANSCRIBER_DOWN: no answer' });
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/bus/dead-letters/${letter?.id ?? ''}`,
          headers: as(tenantB),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/bus/dead-letters/nonsense', headers: as(tenantA) }))
        .statusCode,
    ).toBe(400);
  });

  it('needs the bus:admin permission', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/bus/dead-letters', headers: as(tenantA, 'calls:read') }))
        .statusCode,
    ).toBe(403);
  });

  it('replays to the failing group through the outbox, and the CLI sees it replayed', async () => {
    const cli = deadLetterCommands(createDeadLetters(database, 16));
    const [row] = await cli.list();
    expect(row).toMatchObject({
      group: 'analysis',
      tenantId: tenantA,
      replayed: 'no',
      error: 'TRANSCRIBER_DOWN: no answer',
    });
    const replay = await app.inject({
      method: 'POST',
      url: `/bus/dead-letters/${row?.id ?? ''}/replay`,
      headers: as(tenantA),
    });
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toMatchObject({ replayCount: 1 });
    const { rows } = await sql<{
      id: string;
      targetGroup: string;
    }>`select id, target_group from bus.outbox`.execute(database.owner);
    expect(rows).toEqual([{ id: eventId, targetGroup: 'analysis' }]);
    expect(await cli.list()).toEqual([]);
    expect((await cli.list({ includeReplayed: true }))[0]?.replayed).toMatch(/^1x/);
    expect((await cli.show(row?.id ?? ''))?.event.id).toBe(eventId);
  });
});
