import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/platform/bus/dead-letter-category.js';
import { createDeadLetters, insertDeadLetter } from '../../src/platform/bus/dead-letters.repo.js';
import { deadLetterCommands, deadLetterRoutes } from '../../src/platform/bus/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { AppError } from '../../src/platform/errors.js';
import { sendProblem, toAppError } from '../../src/platform/http/index.js';
import { newUuid, toPublicId } from '../../src/platform/ids.js';
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
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 4,
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

  it('discards a waiting letter, keeps it, and refuses to replay it; a replayed one is not discarded', async () => {
    const letterOf = async (id: string) => {
      await insertDeadLetter(
        database.owner,
        'archive',
        {
          id,
          type: 'calls.raw.twilio.v1',
          tenantId: tenantA,
          occurredAt: new Date().toISOString(),
          data: {},
        },
        { message: 'OBJECTS_UNAVAILABLE: bucket not found', code: 'OBJECTS_UNAVAILABLE' },
        8,
      );
      const [letter] = await createDeadLetters(database, 16).list(
        { tenantId: tenantA },
        { group: 'archive' },
      );
      return toPublicId('dlq', letter?.id ?? '');
    };
    const post = (url: string, tenant = tenantA) => app.inject({ method: 'POST', url, headers: as(tenant) });
    const discarded = newUuid();
    const id = await letterOf(discarded);

    expect((await post(`/bus/dead-letters/${id}/discard`, tenantB)).statusCode).toBe(404);
    const discard = await post(`/bus/dead-letters/${id}/discard`);
    expect(discard.statusCode).toBe(200);
    expect(discard.json()).toMatchObject({ id, status: 'discarded', discardedBy: 'test' });
    // Again: nothing changes.
    expect((await post(`/bus/dead-letters/${id}/discard`)).json()).toMatchObject({
      discardedAt: discard.json<{ discardedAt: string }>().discardedAt,
    });
    const replay = await post(`/bus/dead-letters/${id}/replay`);
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ code: 'BUS_DEAD_LETTER_DISCARDED' });

    // No longer waiting, but kept: listed with the letters dealt with.
    const waiting = await app.inject({
      method: 'GET',
      url: '/bus/dead-letters?group=archive',
      headers: as(tenantA),
    });
    expect(waiting.json()).toEqual({ items: [] });
    const all = await app.inject({
      method: 'GET',
      url: '/bus/dead-letters?group=archive&includeReplayed=true',
      headers: as(tenantA),
    });
    expect(all.json<{ items: { id: string }[] }>().items.map((l) => l.id)).toEqual([id]);

    // The same event failing again is a new letter, not folded into the discarded one.
    const again = await letterOf(discarded);
    expect(again).not.toBe(id);

    // A replayed letter was delivered again: there is nothing left to discard.
    expect((await post(`/bus/dead-letters/${again}/replay`)).statusCode).toBe(202);
    const late = await post(`/bus/dead-letters/${again}/discard`);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'BUS_DEAD_LETTER_REPLAYED' });

    // The operator's command line discards across tenants, recorded as the CLI.
    const cli = deadLetterCommands(createDeadLetters(database, 16));
    const third = await letterOf(newUuid());
    expect(await cli.discard(third)).toMatchObject({ discardedBy: 'cli' });
    expect((await cli.list({ group: 'archive', includeReplayed: true }))[0]?.discarded).toMatch(/ by cli$/);
  });

  it('names why each letter failed, filters by that and counts the waiting letters per category', async () => {
    const tenantC = newUuid();
    const fail = async (group: string, error: unknown) => {
      await insertDeadLetter(
        database.owner,
        group,
        {
          id: newUuid(),
          type: 'calls.record.ingested.v1',
          tenantId: tenantC,
          occurredAt: new Date().toISOString(),
          data: {},
        },
        { message: String(error), code: undefined, category: classifyFailure(error) },
        5,
      );
    };
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    await fail('analysis', refused);
    await fail('archive', refused);
    await fail('export', new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    await fail('export', new TypeError("Cannot read properties of undefined (reading 'id')"));
    // A letter written before categories (or without one) reads as a handler error.
    await insertDeadLetter(
      database.owner,
      'legacy',
      { id: newUuid(), type: 'x.v1', tenantId: tenantC, occurredAt: new Date().toISOString(), data: {} },
      { message: 'boom', code: undefined },
      5,
    );

    const list = async (query = '') =>
      (await app.inject({ method: 'GET', url: `/bus/dead-letters${query}`, headers: as(tenantC) })).json<{
        items: { group: string; category: string; error: string }[];
      }>().items;
    expect((await list()).map((l) => l.category).sort()).toEqual([
      'db_unavailable',
      'db_unavailable',
      'handler_error',
      'handler_error',
      'timeout',
    ]);
    expect((await list('?category=timeout')).map((l) => l.group)).toEqual(['export']);

    const summary = await app.inject({
      method: 'GET',
      url: '/bus/dead-letters/summary',
      headers: as(tenantC),
    });
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toEqual({
      total: 5,
      categories: [
        { category: 'db_unavailable', count: 2 },
        { category: 'handler_error', count: 2 },
        { category: 'timeout', count: 1 },
      ],
    });
    const bad = await app.inject({
      method: 'GET',
      url: '/bus/dead-letters?category=gremlins',
      headers: as(tenantC),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('category');
    const forbidden = await app.inject({
      method: 'GET',
      url: '/bus/dead-letters/summary',
      headers: as(tenantC, 'calls:read'),
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
