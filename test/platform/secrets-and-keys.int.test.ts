import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../src/app/platform.js';
import { ConfigError, loadConfig } from '../../src/platform/config/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { bearer, createTenant, createUser, login } from '../support/identity.js';
import { parseScrape } from '../support/prometheus-text.js';
import { createMigratedDatabase } from '../support/test-database.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

describe('connector secrets', () => {
  let t: TestPlatform;
  let ownerToken: string;
  let tenantId: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await createTestPlatform({ logger: createLogger({ level: 'trace' }, sink) });
    const { tenant } = await createTenant(t.platform);
    tenantId = tenant.uuid;
    ownerToken = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
  });
  afterAll(() => t.close());

  it('stores a secret write-only: listed by name, never returned, never logged, encrypted at rest', async () => {
    const value = `twilio-token-${randomBytes(8).toString('hex')}`;
    const put = await t.inject({
      method: 'PUT',
      url: '/api/v1/secrets/twilio.auth_token',
      headers: bearer(ownerToken),
      payload: { value },
    });
    expect(put.statusCode).toBe(204);
    const list = await t.inject({ method: 'GET', url: '/api/v1/secrets', headers: bearer(ownerToken) });
    expect(list.json()).toMatchObject({ items: [{ name: 'twilio.auth_token' }] });
    expect(list.body).not.toContain(value);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: '/api/v1/secrets/twilio.auth_token',
          headers: bearer(ownerToken),
        })
      ).statusCode,
    ).toBe(404);
    expect(logLines.join('')).not.toContain(value);
    const { rows } = await sql<{ ciphertext: string }>`select ciphertext from secrets.tenant_secrets`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.ciphertext).not.toContain(value);

    const twilioReader = t.platform.secrets.reader(['twilio.']);
    expect(await twilioReader.read({ tenantId }, 'twilio.auth_token')).toBe(value);
    await expect(
      t.platform.secrets.reader(['teams.']).read({ tenantId }, 'twilio.auth_token'),
    ).rejects.toThrow(/may not read/);
    // Names only within the reader's prefixes.
    expect(await twilioReader.names({ tenantId })).toEqual(['twilio.auth_token']);
    expect(await t.platform.secrets.reader(['teams.']).names({ tenantId })).toEqual([]);
  });

  it('refuses bad names and unknown deletions with a 4xx', async () => {
    const bad = await t.inject({
      method: 'PUT',
      url: '/api/v1/secrets/Bad%20Name',
      headers: bearer(ownerToken),
      payload: { value: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    const missing = await t.inject({
      method: 'DELETE',
      url: '/api/v1/secrets/nothing.here',
      headers: bearer(ownerToken),
    });
    expect(missing.json()).toMatchObject({ code: 'SECRETS_NOT_FOUND' });
  });

  it('keeps an expiry when given one, reports the soonest in the metrics, and forgets it with a new value', async () => {
    const soonest = async () =>
      parseScrape(await t.platform.metrics.metrics()).value('secrets_expiring_soonest_timestamp_seconds');
    expect(await soonest()).toBe(0);
    const put = (name: string, payload: object) =>
      t.inject({ method: 'PUT', url: `/api/v1/secrets/${name}`, headers: bearer(ownerToken), payload });
    expect(
      (await put('teams.client_secret', { value: 's1', expiresAt: '2031-05-01T12:00:00Z' })).statusCode,
    ).toBe(204);
    expect(
      (await put('connect.secret_key', { value: 's2', expiresAt: '2030-01-31T00:00:00+01:00' })).statusCode,
    ).toBe(204);
    const list = await t.inject({ method: 'GET', url: '/api/v1/secrets', headers: bearer(ownerToken) });
    expect(list.json<{ items: { name: string; expiresAt: string | null }[] }>().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'teams.client_secret', expiresAt: '2031-05-01T12:00:00.000Z' }),
        expect.objectContaining({ name: 'connect.secret_key', expiresAt: '2030-01-30T23:00:00.000Z' }),
        expect.objectContaining({ name: 'twilio.auth_token', expiresAt: null }),
      ]),
    );
    expect(await soonest()).toBe(Date.parse('2030-01-30T23:00:00Z') / 1000);
    // A new value without an expiry has none: the old date belonged to the old credential.
    expect((await put('connect.secret_key', { value: 's3' })).statusCode).toBe(204);
    expect(await soonest()).toBe(Date.parse('2031-05-01T12:00:00Z') / 1000);

    const bad = await put('teams.client_secret', { value: 's4', expiresAt: 'next spring' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'body.expiresAt' })] });
  });
});

describe('master key rotation', () => {
  it('re-wraps every key under a new master key without touching data, then works without the old key', async () => {
    const database = await createMigratedDatabase();
    const keyA = randomBytes(32).toString('base64');
    const keyB = randomBytes(32).toString('base64');
    const logger = createLogger({ level: 'silent' });
    const open = (env: Record<string, string>) =>
      createPlatform(
        loadConfig({ DATABASE_URL: database.url, SWITCHBOARD_DATA_DIR: '/tmp', LOG_LEVEL: 'silent', ...env }),
        { role: 'api', logger },
      );
    try {
      const first = await open({ SWITCHBOARD_MASTER_KEY: keyA });
      const { tenant, ctx } = await createTenant(first);
      const user = await createUser(first, tenant, { roles: ['owner'], email: 'keep@example.test' });
      await first.secrets.put(ctx, 'teams.client_secret', 's3cret');
      await first.close();

      // Every replica runs with the new key and the old one as previous; then one re-wraps.
      const during = await open({ SWITCHBOARD_MASTER_KEY: keyB, SWITCHBOARD_PREVIOUS_MASTER_KEYS: keyA });
      const rewrapped = await during.keyring.rotateMasterKey(during.masterKey);
      expect(rewrapped.rewrapped).toBeGreaterThan(0);
      expect(await during.modules.identity.signingKeys.rewrap()).toBeGreaterThan(0);
      await during.close();

      const after = await open({ SWITCHBOARD_MASTER_KEY: keyB });
      expect((await after.modules.identity.users.get(ctx, user.user.id)).email).toBe('keep@example.test');
      expect(await after.secrets.reader(['teams.']).read(ctx, 'teams.client_secret')).toBe('s3cret');
      await after.http?.ready();
      const token = await after.modules.identity.auth.login(
        { tenant: tenant.slug, email: 'keep@example.test', password: user.password },
        'internal',
        { requestId: 'r', ip: '127.0.0.1' },
      );
      const me = await after.http?.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(token.accessToken),
      });
      expect(me?.statusCode).toBe(200);
      await after.close();

      // Without the key the data was wrapped with, the process does not start, and says why.
      const wrong = open({ SWITCHBOARD_MASTER_KEY: keyA });
      await expect(wrong).rejects.toBeInstanceOf(ConfigError);
      await expect(wrong).rejects.toThrow(
        /SWITCHBOARD_MASTER_KEY: this database's data keys are wrapped by master key local:/,
      );
      // A second host that was given no key at all generates one: it is refused, and told where.
      const bare = await mkdtemp(path.join(os.tmpdir(), 'switchboard-second-host-'));
      try {
        await expect(open({ SWITCHBOARD_DATA_DIR: bare })).rejects.toThrow(
          `generated just now in ${path.join(bare, 'master.key')} because none was set`,
        );
      } finally {
        await rm(bare, { recursive: true, force: true });
      }
    } finally {
      await database.drop();
    }
  });
});
