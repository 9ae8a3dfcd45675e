import type { Database } from '../../../platform/db/index.js';
import type { ModulePrivacy } from '../../../platform/privacy/index.js';
import type { PrivacyTables } from '../db/privacy.tables.js';
import { requestPublicId } from './requests.service.js';

/**
 * The privacy module's own part: the data-subject requests a person made. They hold masked
 * identifiers only once finished, and they stay as the record that the rights were honoured.
 */
export function privacyParticipant(database: Database): ModulePrivacy {
  const mine = (
    ctx: Parameters<ModulePrivacy['find']>[0],
    customerId: string | null,
    userIds: readonly string[],
  ) =>
    database.withTenant<
      PrivacyTables,
      {
        id: string;
        kind: string;
        status: string;
        receivedAt: Date;
        completedAt: Date | null;
        subjectMasked: string;
      }[]
    >(ctx, (trx) => {
      if (!customerId && userIds.length === 0) return Promise.resolve([]);
      return trx
        .selectFrom('privacy.requests')
        .select(['id', 'kind', 'status', 'receivedAt', 'completedAt', 'subjectMasked'])
        .where((eb) =>
          eb.or([
            ...(customerId ? [eb('customerId', '=', customerId)] : []),
            ...(userIds.length > 0 ? [eb('requesterUserId', 'in', userIds)] : []),
          ]),
        )
        .orderBy('receivedAt', 'desc')
        .limit(500)
        .execute();
    });
  return {
    holds: 'The data-subject requests a person made: kind, dates, status and masked identifiers.',
    retention: [
      {
        what: 'the record of each data-subject request (masked identifiers, dates, steps taken)',
        reason: 'accountability: proof that the request was answered in time (GDPR Art. 5(2), Art. 12)',
      },
    ],
    async find(ctx, subject, options) {
      const rows = await mine(ctx, subject.customerId, subject.userIds);
      return rows.slice(0, options?.limit ?? 500).map((row) => ({
        module: 'privacy',
        kind: 'data-subject request',
        id: requestPublicId(row.id),
        at: row.receivedAt,
        summary: `Privacy request · ${row.kind} · ${row.status.replace('_', ' ')}`,
        consolePath: `/privacy/requests/${requestPublicId(row.id)}`,
      }));
    },
    async export(ctx, subject) {
      const rows = await mine(ctx, subject.customerId, subject.userIds);
      return rows.length === 0
        ? []
        : [
            {
              name: 'requests',
              rows: rows.map((row) => ({
                id: requestPublicId(row.id),
                kind: row.kind,
                status: row.status,
                receivedAt: row.receivedAt.toISOString(),
                completedAt: row.completedAt?.toISOString() ?? null,
              })),
            },
          ];
    },
    async erase(ctx, subject) {
      const rows = await mine(ctx, subject.customerId, subject.userIds);
      return {
        erased: 0,
        kept:
          rows.length > 0
            ? [
                {
                  what: 'data-subject requests (masked)',
                  count: rows.length,
                  reason: 'accountability (GDPR Art. 5(2))',
                },
              ]
            : [],
      };
    },
  };
}
