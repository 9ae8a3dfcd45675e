import type { Database } from '../db/index.js';
import type { Logger, Registry } from '../telemetry/index.js';
import { createBusCore } from './bus.core.js';
import { createBusMetrics, type BusGaugeSources } from './bus.metrics.js';
import type { Bus } from './bus.types.js';
import { createDeadLetters } from './dead-letters.repo.js';
import { createNatsBus, type NatsBusOptions } from './nats/nats.bus.js';
import { defaultNatsPrefix } from './nats/nats.naming.js';
import { defaultPartitionCount } from './partition.js';
import { createPostgresBus, type PostgresBusOptions } from './postgres/postgres.bus.js';

export interface CreateBusConfig {
  /** NATS_URL: set selects the JetStream adapter; unset the PostgreSQL one. */
  readonly natsUrl: string | undefined;
  readonly partitions?: number;
  /** Connections of the bus's own owner-role pool (relay, positions, dead letters). */
  readonly poolMax?: number;
  readonly postgres?: PostgresBusOptions;
  /** Without a prefix, the installation's own (`sb_<installation id>`): see defaultNatsPrefix. */
  readonly nats?: Omit<NatsBusOptions, 'url' | 'prefix'> & { readonly prefix?: string | undefined };
}

export interface CreateBusDeps {
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: Registry;
}

/** Builds the bus the configuration asks for and registers its metrics. */
export async function createBus(config: CreateBusConfig, deps: CreateBusDeps): Promise<Bus> {
  const partitions = config.partitions ?? defaultPartitionCount;
  let gauges: BusGaugeSources | undefined;
  const metrics = createBusMetrics(deps.metrics, () => gauges, createDeadLetters(deps.database, partitions));
  const core = await createBusCore({
    database: deps.database,
    logger: deps.logger.child({ component: 'bus' }),
    metrics,
    partitions,
    poolMax: config.poolMax ?? 4,
  });
  try {
    if (config.natsUrl) {
      const prefix = config.nats?.prefix ?? defaultNatsPrefix(await deps.database.installationId());
      const nats = await createNatsBus(core, { ...config.nats, prefix, url: config.natsUrl });
      core.logger.info({ prefix }, 'NATS JetStream bus: subjects, streams and consumers under this prefix');
      gauges = nats.gauges;
      return nats.bus;
    }
    const postgres = createPostgresBus(core, config.postgres);
    gauges = postgres.gauges;
    return postgres.bus;
  } catch (error) {
    await core.close();
    throw error;
  }
}
