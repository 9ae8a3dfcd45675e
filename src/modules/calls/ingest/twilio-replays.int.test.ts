import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../../app/platform.js';
import { loadConfig } from '../../../platform/config/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import { createLogger } from '../../../platform/telemetry/index.js';
import { computeTwilioSignature } from '../connectors/twilio-signature.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real');

/*
 * Twilio retries a status callback it got no answer to (and anyone who captured one can send it
 * again) with the same signature and body. Through the real webhook with valid signatures, on two
 * platforms sharing one database, as two replicas behind a load balancer do.
 */
describe('replayed Twilio callbacks', () => {
  const masterKey = randomBytes(32).toString('base64');
  let t: CallsTestPlatform;
  let replica: Platform;
  let replicaDataDir: string;
  let ctx: RequestContext;
  let tenantId: string;
  let body: string;

  beforeAll(async () => {
    t = await createCallsTestPlatform({ env: { SWITCHBOARD_MASTER_KEY: masterKey } });
    replicaDataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-replica-'));
    replica = await createPlatform(
      loadConfig({
        DATABASE_URL: t.database.url,
        SWITCHBOARD_DATA_DIR: replicaDataDir,
        SWITCHBOARD_MASTER_KEY: masterKey,
        LOG_LEVEL: 'silent',
        DATABASE_POOL_MAX: '3',
      }),
      { role: 'api', migrate: false, logger: createLogger({ level: 'silent' }) },
    );
    const created = await t.createTenant();
    ctx = created.ctx;
    tenantId = created.tenant.id;
    await t.platform.secrets.put(
      systemContext(ctx.tenantId, 'test', 'test'),
      'twilio.auth_token',
      'twilio-secret',
    );
    body = (await readFile(path.join(fixtures, 'twilio/status-callback-1.txt'), 'utf8')).trim();
  });
  afterAll(async () => {
    await replica.close();
    await rm(replicaDataDir, { recursive: true, force: true });
    await t.close();
  });

  const url = () => `/api/v1/calls/webhooks/twilio/${tenantId}`;
  const signed = (payload: string) =>
    computeTwilioSignature(
      'twilio-secret',
      `${t.platform.config.http.publicUrl}${url()}`,
      new URLSearchParams(payload),
    );
  const post = (on: Platform, payload: string) => {
    if (!on.http) throw new Error('no HTTP');
    return on.http.inject({
      method: 'POST',
      url: url(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(payload) },
      payload,
    });
  };
  const stored = async () =>
    (
      await sql<{
        id: string;
      }>`select id from calls.raw_payloads where tenant_id = ${ctx.tenantId} and source = 'twilio' order by received_at`.execute(
        t.platform.database.owner,
      )
    ).rows.map((row) => row.id);

  it('stores a callback once however often it is replayed, on any replica, answering 202 each time', async () => {
    const first = await post(t.platform, body);
    expect(first.statusCode, first.body).toBe(202);
    expect(await stored()).toHaveLength(1);
    for (const on of [t.platform, replica, replica]) {
      const again = await post(on, body);
      expect(again.statusCode, again.body).toBe(first.statusCode);
      expect(again.body).toBe(first.body);
    }
    expect(await stored()).toHaveLength(1);

    // A different callback of the same call (the next event) is not a replay.
    const next = body.replace('SequenceNumber=0', 'SequenceNumber=1');
    expect((await post(replica, next)).statusCode).toBe(202);
    expect(await stored()).toHaveLength(2);
  });

  it('stores a replay again once the window has passed (10 minutes by default)', async () => {
    const late = body.replace(
      'CallSid=CAf19604a3eec3e63d157870c5f7f3b3a0',
      'CallSid=CA00000000000000000000000000000late',
    );
    expect((await post(t.platform, late)).statusCode).toBe(202);
    const before = (await stored()).length;
    await sql`update calls.raw_payloads set received_at = received_at - interval '9 minutes' where tenant_id = ${ctx.tenantId}`.execute(
      t.platform.database.owner,
    );
    expect((await post(t.platform, late)).statusCode).toBe(202);
    expect(await stored()).toHaveLength(before);
    await sql`update calls.raw_payloads set received_at = received_at - interval '2 minutes' where tenant_id = ${ctx.tenantId}`.execute(
      t.platform.database.owner,
    );
    expect((await post(replica, late)).statusCode).toBe(202);
    expect(await stored()).toHaveLength(before + 1);
  });
});
