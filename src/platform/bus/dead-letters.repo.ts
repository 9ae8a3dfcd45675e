import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import { newUuid } from '../ids.js';
import type { SqlExecutor } from './bus.types.js';
import { deadLetterCategoryOf, type DeadLetterCategory } from './dead-letter-category.js';
import type { DeadLetter, DeadLetterFilter, DeadLetters, DeadLetterScope } from './dead-letters.types.js';
import type { EventEnvelope } from './event.envelope.js';
import type { FailureInfo } from './handler.runner.js';
import { writeOutbox } from './outbox.writer.js';

interface DeadLetterRow {
  id: string;
  groupName: string;
  eventId: string;
  type: string;
  tenantId: string;
  occurredAt: Date;
  key: string | null;
  traceparent: string | null;
  /** Read as text: the camel-case plugin would otherwise rename keys inside the payload. */
  dataJson: string;
  error: string;
  errorCode: string | null;
  category: string;
  deliveries: number;
  failedAt: Date;
  replayedAt: Date | null;
  replayCount: number;
  discardedAt: Date | null;
  discardedBy: string | null;
}

const columns = sql`id, group_name, event_id, type, tenant_id, occurred_at, key, traceparent, data::text as data_json,
  error, error_code, category, deliveries, failed_at, replayed_at, replay_count, discarded_at, discarded_by`;

/** Neither replayed nor discarded: the letters that need someone. */
const waiting = sql`replayed_at is null and discarded_at is null`;

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    group: row.groupName,
    event: {
      id: row.eventId,
      type: row.type,
      tenantId: row.tenantId,
      occurredAt: row.occurredAt.toISOString(),
      data: JSON.parse(row.dataJson) as unknown,
      key: row.key ?? undefined,
      traceparent: row.traceparent ?? undefined,
    },
    error: row.error,
    errorCode: row.errorCode ?? undefined,
    category: deadLetterCategoryOf(row.category),
    deliveries: row.deliveries,
    failedAt: row.failedAt,
    replayedAt: row.replayedAt ?? undefined,
    replayCount: row.replayCount,
    discardedAt: row.discardedAt ?? undefined,
    discardedBy: row.discardedBy ?? undefined,
  };
}

/** Records a dead letter; runs on the consumer's bookkeeping connection (owner role). */
export async function insertDeadLetter(
  executor: SqlExecutor,
  group: string,
  event: EventEnvelope,
  failure: FailureInfo,
  deliveries: number,
): Promise<void> {
  await sql`insert into bus.dead_letters (id, group_name, event_id, type, tenant_id, occurred_at, key, traceparent, data, error, error_code, category, deliveries)
    values (${newUuid()}::uuid, ${group}, ${event.id}::uuid, ${event.type}, ${event.tenantId}::uuid, ${event.occurredAt}::timestamptz,
      ${event.key ?? null}, ${event.traceparent ?? null}, ${JSON.stringify(event.data)}::jsonb, ${failure.message.slice(0, 8_000)},
      ${failure.code ?? null}, ${failure.category ?? 'handler_error'}, ${deliveries})
    on conflict (group_name, event_id) where ${waiting} do nothing`.execute(executor);
}

/** Letters matching `which` per group; groups without any are listed with 0. Across tenants. */
async function countPerGroup(database: Database, which: RawBuilder<unknown>): Promise<Map<string, number>> {
  const { rows } = await sql<{
    groupName: string;
    count: number;
  }>`select g.group_name, count(d.id)::int as count
    from (select name as group_name from bus.consumer_groups union select distinct group_name from bus.dead_letters) g
    left join bus.dead_letters d on d.group_name = g.group_name and ${which}
    group by g.group_name`.execute(database.owner);
  return new Map(rows.map((r) => [r.groupName, r.count]));
}

/**
 * List, inspect, replay and discard. A tenant scope runs as the application role inside withTenant, so
 * row-level security keeps one tenant's letters from another's; 'all' is the operator's view.
 */
export function createDeadLetters(database: Database, partitions: number): DeadLetters {
  function inScope<T>(scope: DeadLetterScope, fn: (executor: SqlExecutor) => Promise<T>): Promise<T> {
    if (scope === 'all') return database.owner.transaction().execute((trx) => fn(trx));
    return database.withTenant(scope, (trx) => fn(trx));
  }

  async function select(
    executor: SqlExecutor,
    id: string,
    forUpdate: boolean,
  ): Promise<DeadLetterRow | undefined> {
    const { rows } =
      await sql<DeadLetterRow>`select ${columns} from bus.dead_letters where id = ${id}::uuid ${forUpdate ? sql`for update` : sql``}`.execute(
        executor,
      );
    return rows[0];
  }

  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  return {
    list(scope, filter: DeadLetterFilter = {}) {
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
      return inScope(scope, async (executor) => {
        const { rows } = await sql<DeadLetterRow>`select ${columns} from bus.dead_letters
          where true
          ${filter.group ? sql`and group_name = ${filter.group}` : sql``}
          ${filter.type ? sql`and type = ${filter.type}` : sql``}
          ${filter.category ? sql`and category = ${filter.category}` : sql``}
          ${filter.includeReplayed ? sql`` : sql`and ${waiting}`}
          ${filter.before ? sql`and failed_at < ${filter.before}` : sql``}
          order by failed_at desc, id desc limit ${limit}`.execute(executor);
        return rows.map(toDeadLetter);
      });
    },
    async get(scope, id) {
      if (!uuid.test(id)) return undefined;
      const row = await inScope(scope, (executor) => select(executor, id, false));
      return row ? toDeadLetter(row) : undefined;
    },
    async replay(scope, id) {
      if (!uuid.test(id)) return undefined;
      const row = await inScope(scope, async (executor) => {
        const found = await select(executor, id, true);
        if (!found) return undefined;
        if (found.discardedAt) {
          throw new AppError(
            'BUS_DEAD_LETTER_DISCARDED',
            'conflict',
            'The dead letter was discarded; it cannot be replayed.',
          );
        }
        const letter = toDeadLetter(found);
        await writeOutbox(executor, [{ envelope: letter.event, targetGroup: letter.group }], partitions);
        const { rows } =
          await sql<DeadLetterRow>`update bus.dead_letters set replayed_at = now(), replay_count = replay_count + 1
          where id = ${id}::uuid returning ${columns}`.execute(executor);
        return rows[0];
      });
      return row ? toDeadLetter(row) : undefined;
    },
    async discard(scope, id, by) {
      if (!uuid.test(id)) return undefined;
      const row = await inScope(scope, async (executor) => {
        const found = await select(executor, id, true);
        if (!found || found.discardedAt) return found;
        if (found.replayedAt) {
          throw new AppError(
            'BUS_DEAD_LETTER_REPLAYED',
            'conflict',
            'The dead letter was replayed already; there is nothing to discard.',
          );
        }
        const { rows } =
          await sql<DeadLetterRow>`update bus.dead_letters set discarded_at = now(), discarded_by = ${by}
          where id = ${id}::uuid returning ${columns}`.execute(executor);
        return rows[0];
      });
      return row ? toDeadLetter(row) : undefined;
    },
    countByGroup: () => countPerGroup(database, waiting),
    countByCategory: (scope) =>
      inScope(scope, async (executor) => {
        const { rows } = await sql<{
          category: string;
          count: number;
        }>`select category, count(*)::int as count
          from bus.dead_letters where ${waiting} group by category`.execute(executor);
        const counts = new Map<DeadLetterCategory, number>();
        for (const row of rows) {
          const category = deadLetterCategoryOf(row.category);
          counts.set(category, (counts.get(category) ?? 0) + row.count);
        }
        return [...counts]
          .map(([category, count]) => ({ category, count }))
          .sort((x, y) => y.count - x.count || x.category.localeCompare(y.category));
      }),
    totalByGroup: () => countPerGroup(database, sql`true`),
  };
}
