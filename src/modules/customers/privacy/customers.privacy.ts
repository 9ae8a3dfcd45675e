import type { RequestContext } from '../../../platform/context.js';
import { SubjectErasedError } from '../../../platform/crypto/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { DataSubject, ModulePrivacy, SubjectDataRef } from '../../../platform/privacy/index.js';
import type { ProfileSealing } from '../profiles/profile-sealing.js';
import {
  findPreferences,
  findSubjectRows,
  listAddresses,
  listConsents,
  setRestricted,
  type CustomerRow,
} from '../profiles/profiles.repo.js';
import { customerPublicId, type ProfilesService } from '../profiles/profiles.service.js';

export const consentProofReason = 'proof of consent and its withdrawal (GDPR Art. 7(1))';

/**
 * The customers module's part in data-subject requests: its profiles, addresses, preferences and
 * consent history. Erasure anonymises the profile (the subject keys are already shredded by the
 * privacy module), deletes addresses and preferences, and keeps the consent history as proof.
 */
export function createCustomersPrivacy(deps: {
  readonly profiles: ProfilesService;
  readonly sealing: ProfileSealing;
}): ModulePrivacy {
  const { profiles, sealing } = deps;
  const { withTenant, fieldsOf, consentState, anonymiseWithin } = profiles.internals;

  async function rowsOf(ctx: RequestContext, subject: DataSubject): Promise<CustomerRow[]> {
    const ids = subject.customerId
      ? [fromPublicId('cus', subject.customerId)].filter((x) => x !== undefined)
      : [];
    const userIds = subject.userIds.map((u) => fromPublicId('usr', u)).filter((x) => x !== undefined);
    const emailIndexes = await Promise.all(subject.emails.map((e) => sealing.emailIndex(ctx.tenantId, e)));
    const phoneIndexes = await Promise.all(subject.phones.map((p) => sealing.phoneIndex(ctx.tenantId, p)));
    return withTenant(ctx, (trx) => findSubjectRows(trx, { ids, userIds, emailIndexes, phoneIndexes }));
  }

  async function readable<T>(open: () => Promise<T>, erased: T): Promise<T> {
    try {
      return await open();
    } catch (error) {
      if (error instanceof SubjectErasedError) return erased;
      throw error;
    }
  }

  return {
    holds:
      'Customer profiles (name, e-mail, phone, language), their addresses, contact preferences and consent history.',
    retention: [
      { what: 'consent history (purpose, given or withdrawn, when, how)', reason: consentProofReason },
    ],

    async find(ctx, subject, options) {
      const limit = options?.limit ?? 500;
      const refs: SubjectDataRef[] = [];
      for (const row of await rowsOf(ctx, subject)) {
        const id = customerPublicId(row.id);
        const path = `/customers/${id}`;
        refs.push({
          module: 'customers',
          kind: 'customer',
          id,
          at: row.createdAt,
          summary:
            row.status === 'anonymised'
              ? 'Customer profile (anonymised)'
              : `Customer profile created${row.restricted ? ' · processing restricted' : ''}`,
          consolePath: path,
        });
        const [addresses, consents] = await withTenant(
          ctx,
          async (trx) => [await listAddresses(trx, row.id), await listConsents(trx, row.id)] as const,
        );
        for (const a of addresses)
          refs.push({
            module: 'customers',
            kind: 'address',
            id: toPublicId('cadr', a.id),
            at: a.createdAt,
            summary: 'Address added',
            consolePath: path,
          });
        for (const c of consents)
          refs.push({
            module: 'customers',
            kind: 'consent',
            id: toPublicId('cons', c.id),
            at: c.at,
            summary: `Consent to ${c.purpose} ${c.granted ? 'given' : 'withdrawn'} (${c.method})`,
            consolePath: path,
          });
      }
      return refs.sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0)).slice(0, limit);
    },

    async export(ctx, subject) {
      const customers: Record<string, unknown>[] = [];
      const addresses: Record<string, unknown>[] = [];
      const preferences: Record<string, unknown>[] = [];
      const consents: Record<string, unknown>[] = [];
      for (const row of await rowsOf(ctx, subject)) {
        const id = customerPublicId(row.id);
        const fields = await readable(() => fieldsOf(row), { name: null, email: null, phone: null });
        customers.push({
          id,
          userId: row.userId ? toPublicId('usr', row.userId) : null,
          ...fields,
          language: row.language,
          status: row.status,
          restricted: row.restricted,
          createdAt: row.createdAt.toISOString(),
          lastActivityAt: row.lastActivityAt.toISOString(),
        });
        const [addressRows, preferenceRow, consentRows] = await withTenant(
          ctx,
          async (trx) =>
            [
              await listAddresses(trx, row.id),
              await findPreferences(trx, row.id),
              await listConsents(trx, row.id),
            ] as const,
        );
        for (const a of addressRows) {
          const address = await readable(
            () => sealing.openAddress(ctx.tenantId, a.id, a.addressSealed),
            null,
          );
          if (address)
            addresses.push({
              customerId: id,
              id: toPublicId('cadr', a.id),
              ...address,
              createdAt: a.createdAt.toISOString(),
            });
        }
        if (preferenceRow) preferences.push({ customerId: id, ...(preferenceRow.preferences as object) });
        for (const c of consentState(consentRows).history)
          consents.push({
            customerId: id,
            ...c,
            at: c.at.toISOString(),
            withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
          });
      }
      return [
        { name: 'customers', rows: customers },
        { name: 'addresses', rows: addresses },
        { name: 'preferences', rows: preferences },
        { name: 'consents', rows: consents },
      ];
    },

    async erase(ctx, subject, request) {
      let erased = 0;
      let kept = 0;
      for (const row of await rowsOf(ctx, subject)) {
        const counts = await withTenant(ctx, async (trx) => {
          const result = await anonymiseWithin(trx, ctx, row, `erasure request ${request.requestId}`);
          return { ...result, consents: (await listConsents(trx, row.id)).length };
        });
        erased += counts.profiles + counts.addresses + counts.preferences;
        kept += counts.consents;
      }
      return {
        erased,
        kept: kept > 0 ? [{ what: 'consent history entries', count: kept, reason: consentProofReason }] : [],
      };
    },

    async restrict(ctx, subject, restricted) {
      const rows = await rowsOf(ctx, subject);
      await withTenant(ctx, (trx) =>
        setRestricted(
          trx,
          rows.map((r) => r.id),
          restricted,
        ),
      );
    },
  };
}
