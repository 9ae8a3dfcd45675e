import type { Platform } from '../../src/app/platform.js';
import { systemContext } from '../../src/platform/context.js';

/*
 * What the HTTP benchmarks (ingest, recordings) start with: the platform's API listening on a free
 * port, one tenant and an API key of the scopes the benchmark sends with.
 */

export interface BenchTenant {
  /** The port the platform's HTTP server listens on (127.0.0.1). */
  readonly port: number;
  readonly tenantId: string;
  /** The API key, as a client sends it. */
  readonly key: string;
}

export async function listenWithBenchTenant(
  platform: Platform,
  scopes: readonly string[],
): Promise<BenchTenant> {
  await platform.http?.listen({ host: '127.0.0.1', port: 0 });
  const address = platform.http?.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const tenant = await platform.modules.identity.tenantAdmin.create({ name: 'Bench', slug: 'bench' });
  const ctx = systemContext(tenant.uuid, 'bench', 'bench');
  const { key } = await platform.modules.identity.apiKeys.create(ctx, { name: 'bench', scopes: [...scopes] });
  return { port, tenantId: tenant.uuid, key };
}
