import { sql } from 'kysely';
import { createBus } from '../../src/platform/bus/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { describeBusContract, eventually } from './bus.contract.js';

describeBusContract('PostgreSQL adapter', async ({ database, metrics }) => {
  const bus = await createBus(
    { natsUrl: undefined, postgres: { leaseMs: 2_000, pollMs: 500 } },
    {
      database,
      metrics,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' }),
    },
  );
  return {
    bus,
    childEnv: { LEASE_MS: '2000' },
    async awaitMembers(group, members) {
      await eventually(async () => {
        const { rows } = await sql<{ owners: number; owned: number }>`
          select count(distinct owner)::int as owners, count(owner)::int as owned from bus.group_partitions
          where group_name = ${group} and lease_until > now()`.execute(database.owner);
        const row = rows[0];
        return row && row.owners === members && row.owned === 16 ? true : undefined;
      }, `${members} members to share group ${group}`);
    },
    cleanup: () => bus.close(),
  };
});
