import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { QueueTarget, QueueTargets, QueueTargetsService } from '../contract.js';
import { CallsErrors } from '../errors.js';
import type { CallsTables } from '../db/calls.tables.js';
import {
  deleteQueueTarget,
  listQueueTargets,
  upsertQueueTarget,
  type QueueTargetRow,
} from './queue-targets.repo.js';
import { isWaitEdge, WAIT_EDGES } from './wait-histogram.js';

/** Contact centres' customary 80/20, with abandons within 5 seconds not counted against the queue. */
export const BUILT_IN_TARGET: QueueTarget = {
  serviceLevelSeconds: 20,
  serviceLevelGoal: 0.8,
  shortAbandonSeconds: 5,
};

/** Seconds a target may name: the edges of the rollups' wait histogram. */
export const QUEUE_TARGET_SECONDS = WAIT_EDGES;

const defaultKey = '';

export function targetsOf(rows: readonly QueueTargetRow[]): QueueTargets {
  const target = (row: QueueTargetRow): QueueTarget => ({
    serviceLevelSeconds: row.serviceLevelSeconds,
    serviceLevelGoal: row.serviceLevelGoal,
    shortAbandonSeconds: row.shortAbandonSeconds,
  });
  const own = rows.find((row) => row.queueId === defaultKey);
  return {
    default: own ? { ...target(own), builtIn: false } : { ...BUILT_IN_TARGET, builtIn: true },
    queues: rows
      .filter((row) => row.queueId !== defaultKey)
      .map((row) => ({ queueId: row.queueId, ...target(row) })),
  };
}

/** The service's own check of a target (the HTTP schema runs the same), naming `body.<field>`. */
export function targetProblems(target: QueueTarget): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const edges = WAIT_EDGES.join(', ');
  if (!isWaitEdge(target.serviceLevelSeconds))
    problems.push({ field: 'serviceLevelSeconds', message: `must be one of ${edges}` });
  if (!(target.serviceLevelGoal > 0 && target.serviceLevelGoal <= 1))
    problems.push({ field: 'serviceLevelGoal', message: 'must be more than 0 and at most 1' });
  if (target.shortAbandonSeconds !== 0 && !isWaitEdge(target.shortAbandonSeconds))
    problems.push({ field: 'shortAbandonSeconds', message: `must be 0 (none) or one of ${edges}` });
  return problems;
}

export function createQueueTargets(deps: { database: Database; audit: AuditLog }): QueueTargetsService {
  const { database, audit } = deps;
  const read = (ctx: RequestContext) =>
    database.withTenant<CallsTables, QueueTargets>(ctx, async (trx) =>
      targetsOf(await listQueueTargets(trx)),
    );
  return {
    get: read,
    async set(ctx, queueId, target) {
      const [problem] = targetProblems(target);
      if (problem) throw CallsErrors.invalidTarget(problem.field, problem.message);
      return database.withTenant<CallsTables, QueueTargets>(ctx, async (trx) => {
        await upsertQueueTarget(
          trx,
          ctx.tenantId,
          { queueId: queueId ?? defaultKey, ...target },
          `${ctx.actor.type}:${ctx.actor.id}`,
        );
        await audit.append(trx, ctx, {
          action: 'calls.queue_target.set',
          target: { type: 'queue', id: queueId ?? 'default' },
          details: { ...target },
        });
        return targetsOf(await listQueueTargets(trx));
      });
    },
    async remove(ctx, queueId) {
      return database.withTenant<CallsTables, QueueTargets>(ctx, async (trx) => {
        const removed = await deleteQueueTarget(trx, queueId ?? defaultKey);
        if (!removed && queueId !== null) throw CallsErrors.queueTargetNotFound();
        if (removed)
          await audit.append(trx, ctx, {
            action: 'calls.queue_target.removed',
            target: { type: 'queue', id: queueId ?? 'default' },
            details: {},
          });
        return targetsOf(await listQueueTargets(trx));
      });
    },
  };
}
