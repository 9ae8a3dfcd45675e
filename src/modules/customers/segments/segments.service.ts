import type { RequestContext } from '../../../platform/context.js';
import { decodeCursorFields, encodeCursorFields } from '../../../platform/http/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { Customer, CustomerOrderStats, CustomerStatsSource, Segment } from '../contract.js';
import { CustomersErrors } from '../errors.js';
import type { ProfilesService } from '../profiles/profiles.service.js';
import { before, evaluate, sincesOf, usesConsents, type SegmentRule } from './segment-rules.js';
import {
  candidates,
  currentConsents,
  deleteSegment,
  findSegment,
  insertSegment,
  listSegments,
  updateSegment,
  type SegmentRow,
} from './segments.repo.js';

const segmentPublicId = (uuid: string) => toPublicId('seg', uuid);
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

function toSegment(row: SegmentRow): Segment {
  return {
    id: segmentPublicId(row.id),
    name: row.name,
    description: row.description,
    rules: row.rules as SegmentRule,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface SegmentInput {
  readonly name: string;
  readonly description?: string | null | undefined;
  readonly rules: SegmentRule;
}

/** How many profiles one members request judges at most before it answers with a cursor. */
const scanBudget = 2000;
const batchSize = 100;

export function createSegmentsService(deps: {
  readonly profiles: ProfilesService;
  /** Orders' customerStats, looked up at each call. */
  readonly stats: () => CustomerStatsSource;
}) {
  const { withTenant, toCustomer } = deps.profiles.internals;

  async function rowOf(ctx: RequestContext, segmentId: string): Promise<SegmentRow> {
    const uuid = fromPublicId('seg', segmentId);
    const row = uuid ? await withTenant(ctx, (trx) => findSegment(trx, uuid)) : undefined;
    if (!row) throw CustomersErrors.segmentNotFound();
    return row;
  }

  return {
    async create(ctx: RequestContext, input: SegmentInput): Promise<Segment> {
      try {
        return toSegment(
          await withTenant(ctx, (trx) =>
            insertSegment(trx, {
              id: newUuid(),
              tenantId: ctx.tenantId,
              name: input.name,
              description: input.description ?? null,
              rules: JSON.stringify(input.rules),
              createdBy: ctx.actor.id,
            }),
          ),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw CustomersErrors.segmentNameTaken();
        throw error;
      }
    },
    async list(ctx: RequestContext): Promise<Segment[]> {
      return (await withTenant(ctx, listSegments)).map(toSegment);
    },
    async get(ctx: RequestContext, segmentId: string): Promise<Segment> {
      return toSegment(await rowOf(ctx, segmentId));
    },
    async update(ctx: RequestContext, segmentId: string, input: Partial<SegmentInput>): Promise<Segment> {
      const row = await rowOf(ctx, segmentId);
      try {
        const updated = await withTenant(ctx, (trx) =>
          updateSegment(trx, row.id, {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.rules !== undefined ? { rules: JSON.stringify(input.rules) } : {}),
          }),
        );
        if (!updated) throw CustomersErrors.segmentNotFound();
        return toSegment(updated);
      } catch (error) {
        if (isUniqueViolation(error)) throw CustomersErrors.segmentNameTaken();
        throw error;
      }
    },
    async remove(ctx: RequestContext, segmentId: string): Promise<void> {
      const row = await rowOf(ctx, segmentId);
      await withTenant(ctx, (trx) => deleteSegment(trx, row.id));
    },

    /**
     * The customers the segment's rules match now (active, not restricted: a restricted profile
     * is not used for marketing), newest first. Judged on the fly against orders' facts; one
     * request judges at most `scanBudget` profiles, so a page may come back short with a cursor.
     */
    async members(
      ctx: RequestContext,
      segmentId: string,
      page: { readonly cursor?: string | undefined; readonly limit?: number | undefined },
    ): Promise<{ items: Customer[]; nextCursor: string | null }> {
      const segment = await rowOf(ctx, segmentId);
      const rule = segment.rules as SegmentRule;
      const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
      let cursor: string | undefined;
      if (page.cursor) {
        const [id] = decodeCursorFields(page.cursor);
        if (!id || !/^[0-9a-f-]{36}$/.test(id))
          throw CustomersErrors.invalid([
            { field: 'querystring.cursor', message: 'is not a cursor of this list' },
          ]);
        cursor = id;
      }
      const now = new Date();
      const sinces = [...sincesOf(rule)];
      const wantsConsents = usesConsents(rule);
      const stats = deps.stats();
      const matched: Customer[] = [];
      let scanned = 0;
      let exhausted = false;
      while (matched.length < limit && scanned < scanBudget) {
        const batch = await withTenant(ctx, (trx) => candidates(trx, cursor, batchSize));
        if (batch.length === 0) {
          exhausted = true;
          break;
        }
        const consents = wantsConsents
          ? await withTenant(ctx, (trx) =>
              currentConsents(
                trx,
                batch.map((r) => r.id),
              ),
            )
          : [];
        for (const row of batch) {
          cursor = row.id;
          scanned += 1;
          const userIds = row.userId ? [toPublicId('usr', row.userId)] : [];
          const orders = new Map<string, CustomerOrderStats>();
          if (userIds.length > 0)
            await Promise.all(
              sinces.map(async (since) =>
                orders.set(
                  since,
                  await stats(ctx, { userIds, since: since ? before(now, since) : undefined }),
                ),
              ),
            );
          const facts = {
            orders,
            language: row.language,
            consents: new Map(
              consents.filter((c) => c.customerId === row.id).map((c) => [c.purpose, c.granted]),
            ),
            now,
          };
          if (evaluate(rule, facts)) matched.push(await toCustomer(row));
          if (matched.length >= limit) break;
        }
        if (batch.length < batchSize && cursor === batch.at(-1)?.id && matched.length < limit) {
          exhausted = true;
          break;
        }
      }
      return { items: matched, nextCursor: exhausted || !cursor ? null : encodeCursorFields([cursor]) };
    },
  };
}

export type SegmentsService = ReturnType<typeof createSegmentsService>;
