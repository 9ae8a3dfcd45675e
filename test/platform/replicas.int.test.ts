import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/app/platform.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import type { Tenant } from '../../src/modules/identity/index.js';
import { createTenant, createUser, type TestUser } from '../support/identity.js';
import { testHeaderAuthenticator } from '../support/test-authenticator.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

/*
 * What docs/scaling.md promises: nothing a user's next request needs stays in the memory of the
 * replica that served the last one. Two api replicas on one database, as behind a load balancer
 * that sends each request anywhere: a session, the failed sign-ins that lock an account and a
 * WebSocket ticket started on one are honoured on the other.
 */

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two api replicas share what a next request needs', () => {
  let a: TestPlatform;
  let b: Platform;
  let aBase: string;
  let bBase: string;
  let tenant: Tenant;

  beforeAll(async () => {
    a = await createTestPlatform({ env: { REDIS_URL: redisUrl } });
    b = await createPlatform(
      loadConfig({
        DATABASE_URL: a.database.url,
        SWITCHBOARD_DATA_DIR: a.platform.config.dataDir,
        REDIS_URL: redisUrl,
        LOG_LEVEL: 'silent',
        DATABASE_POOL_MAX: '3',
      }),
      {
        role: 'api',
        logger: createLogger({ level: 'silent' }),
        authenticators: [testHeaderAuthenticator],
        migrate: false,
      },
    );
    const listen = async (platform: Platform) => {
      await platform.http?.listen({ host: '127.0.0.1', port: 0 });
      const address = platform.http?.server.address() as AddressInfo;
      return `ws://127.0.0.1:${String(address.port)}`;
    };
    aBase = await listen(a.platform);
    bBase = await listen(b);
    ({ tenant } = await createTenant(a.platform));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const onB = (request: InjectOptions) => {
    if (!b.http) throw new Error('replica b serves no HTTP');
    return b.http.inject(request);
  };
  const loginPayload = (who: TestUser, password = who.password) => ({
    tenant: who.tenant.slug,
    email: who.email,
    password,
  });

  it('keeps a session started on one replica good on the other, refresh rotation included', async () => {
    const who = await createUser(a.platform, tenant, { roles: ['agent'] });
    const signedIn = await a.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: loginPayload(who),
    });
    expect(signedIn.statusCode).toBe(200);
    const pair = signedIn.json<{ accessToken: string; refreshToken: string }>();

    const me = await onB({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${pair.accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { email: string } }>().user.email).toBe(who.email);

    const refreshed = await onB({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    // The refresh token was used up on b: a reuses it no more than b would.
    const reused = await a.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(reused.statusCode).toBe(401);
  });

  it('counts failed sign-ins on every replica toward one lock-out', async () => {
    const who = await createUser(a.platform, tenant, { roles: ['agent'] });
    for (let i = 0; i < 5; i++) {
      const payload = loginPayload(who, 'not-the-password');
      const failed =
        i % 2 === 0
          ? await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload })
          : await onB({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(failed.statusCode).toBe(401);
    }
    // Five failures, split between the replicas, lock the account on both.
    for (const attempt of [
      () => a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: loginPayload(who) }),
      () => onB({ method: 'POST', url: '/api/v1/auth/login', payload: loginPayload(who) }),
    ]) {
      const locked = await attempt();
      expect(locked.statusCode).toBe(401);
      expect(locked.json<{ code: string }>().code).toBe('IDENTITY_ACCOUNT_LOCKED');
    }
  });

  it('redeems a WebSocket ticket issued by one replica on the other, once', async () => {
    const client = await createUser(a.platform, tenant, { roles: ['client'], kind: 'client' });
    const issued = await a.inject({
      method: 'POST',
      url: '/ext/v1/notifications/socket-ticket',
      as: { tenant: tenant.uuid, actor: client.user.id, permissions: ['portal:read'] },
    });
    expect(issued.statusCode).toBe(200);
    const { ticket } = issued.json<{ ticket: string }>();
    const socket = (base: string) =>
      new WebSocket(`${base}/ext/v1/notifications/socket?ticket=${encodeURIComponent(ticket)}`);

    const ws = socket(bBase);
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (message: Buffer) => resolve(message.toString()));
      ws.once('close', (code) => reject(new Error(`closed with ${String(code)} before any message`)));
    });
    expect(JSON.parse(first)).toMatchObject({ event: 'ready' });
    ws.close();

    // Used on b, the ticket opens nothing on a either.
    const again = socket(aBase);
    const closeCode = await new Promise<number>((resolve) => again.once('close', (code) => resolve(code)));
    expect(closeCode).toBe(4401);
  });
});
