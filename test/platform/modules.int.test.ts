import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsModule } from '../../src/modules/calls/index.js';
import { identityModule } from '../../src/modules/identity/index.js';
import { systemContext, type RequestContext } from '../../src/platform/context.js';
import { defineModule, type ModuleSecrets } from '../../src/platform/module.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

describe('assembling modules', () => {
  let t: TestPlatform;
  let secrets: ModuleSecrets | undefined;
  let timeZoneOfTenant: ((ctx: RequestContext) => Promise<string>) | undefined;
  let ctx: RequestContext;

  /** A module of the test's own: it keeps what the kernel handed it. */
  const probeModule = defineModule({
    name: 'probe',
    dependsOn: [identityModule],
    secrets: { read: ['probe.'], write: ['probe.token'] },
    create: (deps) => {
      secrets = deps.secrets;
      timeZoneOfTenant = async (c) => (await deps.modules.identity.tenants.current(c)).timeZone;
      return { api: {} };
    },
  });

  beforeAll(async () => {
    // calls is in the registry already: naming it again creates it once.
    t = await createTestPlatform({ extraModules: [probeModule, callsModule] });
    const tenant = await t.platform.modules.identity.tenantAdmin.create({
      name: 'Probe',
      slug: 'probe',
      timeZone: 'Asia/Tokyo',
    });
    ctx = systemContext(tenant.uuid, 'test', 'test');
  });
  afterAll(() => t.close());

  it('hands a module the api of the modules it depends on', async () => {
    expect(await timeZoneOfTenant?.(ctx)).toBe('Asia/Tokyo');
  });

  it('lets a module read and write only the secrets its definition names', async () => {
    if (!secrets) throw new Error('the probe module was not created');
    await secrets.put(ctx, 'probe.token', 's3cret');
    expect(await secrets.read(ctx, 'probe.token')).toBe('s3cret');
    await expect(secrets.put(ctx, 'probe.other', 'x')).rejects.toThrow(
      "the probe module may not write the secret 'probe.other'",
    );
    await expect(secrets.put(ctx, 'teams.client_state', 'x')).rejects.toThrow(/may not write/);
    await expect(secrets.read(ctx, 'teams.client_secret')).rejects.toThrow(/may not read/);
  });

  it('stops start-up when a module comes before one it depends on, or two share a name', async () => {
    const first = defineModule({ name: 'first', create: () => ({ api: {} }) });
    const second = defineModule({ name: 'second', dependsOn: [first], create: () => ({ api: {} }) });
    await expect(createTestPlatform({ extraModules: [second, first] })).rejects.toThrow(
      'the second module depends on first, which must come before it in src/app/modules.ts',
    );
    const anotherCalls = defineModule({ name: 'calls', create: () => ({ api: {} }) });
    await expect(createTestPlatform({ extraModules: [anotherCalls] })).rejects.toThrow(
      "two modules are named 'calls'",
    );
  });
});
