import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import { SubjectErasedError } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { FieldProblem } from '../../../platform/errors.js';
import { decodeCursorFields, encodeCursorFields } from '../../../platform/http/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { DataSubject } from '../../../platform/privacy/index.js';
import type {
  Address,
  Consent,
  ConsentState,
  ContactPreferences,
  Customer,
  CustomerChanges,
  CustomerPage,
  CustomersDirectory,
  NewConsent,
  NewCustomer,
  PostalAddress,
} from '../contract.js';
import type { CustomersTables, CustomersTransaction } from '../db/customers.tables.js';
import { CustomersErrors } from '../errors.js';
import { customerAnonymisedV1, customerCreatedV1, customerUpdatedV1 } from '../events.js';
import { isEmail, looksLikePhone, nameTokens, normaliseEmail, toE164 } from './normalise.js';
import type { ProfileFields, ProfileSealing } from './profile-sealing.js';
import {
  deleteAddress,
  deleteAddresses,
  deletePreferences,
  findByUser,
  findCustomer,
  findPreferences,
  findSettingsRegion,
  insertAddress,
  insertConsents,
  insertCustomer,
  listAddresses,
  listConsents,
  replaceNameTerms,
  searchCustomers,
  touchActivity,
  unlinkedByEmail,
  updateCustomer,
  upsertPreferences,
  upsertSettingsRegion,
  type AddressRow,
  type ConsentRow,
  type CustomerRow,
} from './profiles.repo.js';

export const customerPublicId = (uuid: string) => toPublicId('cus', uuid);
const addressPublicId = (uuid: string) => toPublicId('cadr', uuid);
const consentPublicId = (uuid: string) => toPublicId('cons', uuid);

/** How the caller stated the version it read: If-Match (412 when stale) or `version` in the body (409). */
export interface VersionCheck {
  readonly ifMatch?: number | undefined;
  readonly version?: number | undefined;
}

export interface ListQuery {
  readonly q?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/** What an anonymisation removed. */
export interface AnonymisedCounts {
  readonly profiles: number;
  readonly addresses: number;
  readonly preferences: number;
}

export const defaultPreferences: Omit<ContactPreferences, 'language'> = {
  preferredChannel: null,
  channels: { email: true, sms: false, phone: false, post: false },
  marketing: { email: false, sms: false, phone: false },
};

export interface ProfilesDeps {
  readonly database: Database;
  readonly bus: Bus;
  readonly audit: AuditLog;
  readonly sealing: ProfileSealing;
}

export function createProfilesService(deps: ProfilesDeps) {
  const { database, bus, sealing } = deps;
  const withTenant = <T>(ctx: RequestContext, fn: (trx: CustomersTransaction) => Promise<T>) =>
    database.withTenant<CustomersTables, T>(ctx, fn);

  const publish = (trx: CustomersTransaction, ctx: RequestContext, type: string, uuid: string) =>
    bus.publish(trx, [
      { type, tenantId: ctx.tenantId, key: uuid, data: { customerId: customerPublicId(uuid) } },
    ]);

  async function fieldsOf(row: CustomerRow): Promise<ProfileFields> {
    if (!row.profileSealed) return { name: null, email: null, phone: null };
    return sealing.openProfile(row.tenantId, row.id, row.profileSealed);
  }

  async function toCustomer(row: CustomerRow): Promise<Customer> {
    const fields = await fieldsOf(row);
    return {
      id: customerPublicId(row.id),
      userId: row.userId ? toPublicId('usr', row.userId) : null,
      name: fields.name,
      email: fields.email,
      phone: fields.phone,
      language: row.language,
      status: row.status,
      restricted: row.restricted,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      lastActivityAt: row.lastActivityAt,
      version: row.version,
    };
  }

  async function region(ctx: RequestContext): Promise<string> {
    return (await withTenant(ctx, findSettingsRegion)) ?? 'US';
  }

  /** E-mail and phone in their stored forms, or a 400 naming the fields that are not. */
  async function normalised(
    ctx: RequestContext,
    input: { readonly email?: string | null | undefined; readonly phone?: string | null | undefined },
    prefix = 'body',
  ): Promise<{ email: string | null | undefined; phone: string | null | undefined }> {
    const problems: FieldProblem[] = [];
    let email = input.email;
    if (typeof email === 'string') {
      email = normaliseEmail(email);
      if (email === '') email = null;
      else if (!isEmail(email))
        problems.push({ field: `${prefix}.email`, message: 'is not an e-mail address' });
    }
    let phone = input.phone;
    if (typeof phone === 'string') {
      if (phone.trim() === '') phone = null;
      else {
        const e164 = toE164(phone, await region(ctx));
        if (e164) phone = e164;
        else problems.push({ field: `${prefix}.phone`, message: 'is not a valid phone number' });
      }
    }
    if (problems.length > 0) throw CustomersErrors.invalid(problems);
    return { email, phone };
  }

  async function rowOf(ctx: RequestContext, customerId: string): Promise<CustomerRow> {
    const uuid = fromPublicId('cus', customerId);
    const row = uuid ? await withTenant(ctx, (trx) => findCustomer(trx, uuid)) : undefined;
    if (!row) throw CustomersErrors.customerNotFound();
    return row;
  }

  async function create(ctx: RequestContext, input: NewCustomer): Promise<Customer> {
    const { email, phone } = await normalised(ctx, input);
    const uuid = newUuid();
    const userUuid = input.userId ? fromPublicId('usr', input.userId) : null;
    if (input.userId && !userUuid)
      throw CustomersErrors.invalid([{ field: 'body.userId', message: 'is not a user id (usr_…)' }]);
    const fields: ProfileFields = { name: input.name.trim(), email: email ?? null, phone: phone ?? null };
    const sealed = await sealing.sealProfile(ctx.tenantId, uuid, fields);
    const row = await withTenant(ctx, async (trx) => {
      const inserted = await insertCustomer(trx, {
        id: uuid,
        tenantId: ctx.tenantId,
        userId: userUuid ?? null,
        language: input.language ?? null,
        profileSealed: sealed.profileSealed,
        emailIndex: sealed.emailIndex,
        phoneIndex: sealed.phoneIndex,
        anonymisedAt: null,
        createdBy: ctx.actor.id,
      });
      await replaceNameTerms(trx, ctx.tenantId, uuid, sealed.nameTerms);
      await publish(trx, ctx, customerCreatedV1.type, uuid);
      return inserted;
    });
    return toCustomer(row);
  }

  async function list(ctx: RequestContext, query: ListQuery): Promise<CustomerPage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    let before: string | undefined;
    if (query.cursor) {
      const [id] = decodeCursorFields(query.cursor);
      before = id && /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
      if (!before)
        throw CustomersErrors.invalid([
          { field: 'querystring.cursor', message: 'is not a cursor of this list' },
        ]);
    }
    const q = query.q?.trim() ?? '';
    const filter: Parameters<typeof searchCustomers>[1] = { before, limit: limit + 1 };
    let look: Partial<Parameters<typeof searchCustomers>[1]> = {};
    if (q !== '') {
      const tokens = nameTokens(q);
      const phone = looksLikePhone(q) ? toE164(q, await region(ctx)) : undefined;
      look = {
        emailIndex: q.includes('@') ? await sealing.emailIndex(ctx.tenantId, q) : undefined,
        phoneIndex: phone ? await sealing.phoneIndex(ctx.tenantId, phone) : undefined,
        nameTerms:
          tokens.length > 0 && !q.includes('@') ? await sealing.nameTerms(ctx.tenantId, q) : undefined,
      };
      if (!look.emailIndex && !look.phoneIndex && !look.nameTerms) return { items: [], nextCursor: null };
    }
    const rows = await withTenant(ctx, (trx) => searchCustomers(trx, { ...filter, ...look }));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await Promise.all(page.map(toCustomer)),
      nextCursor: rows.length > limit && last ? encodeCursorFields([last.id]) : null,
    };
  }

  async function get(ctx: RequestContext, customerId: string): Promise<Customer> {
    return toCustomer(await rowOf(ctx, customerId));
  }

  async function update(
    ctx: RequestContext,
    customerId: string,
    changes: CustomerChanges,
    check: VersionCheck = {},
  ): Promise<Customer> {
    const row = await rowOf(ctx, customerId);
    if (check.ifMatch !== undefined && check.ifMatch !== row.version)
      throw CustomersErrors.versionMismatch(row.version);
    if (check.version !== undefined && check.version !== row.version)
      throw CustomersErrors.concurrentChange();
    if (row.status === 'anonymised') throw CustomersErrors.anonymised();
    const { email, phone } = await normalised(ctx, changes);
    const personal = changes.name !== undefined || email !== undefined || phone !== undefined;
    let sealed: Awaited<ReturnType<ProfileSealing['sealProfile']>> | undefined;
    if (personal) {
      const current = await fieldsOf(row);
      sealed = await sealing.sealProfile(ctx.tenantId, row.id, {
        name: changes.name !== undefined ? changes.name.trim() : current.name,
        email: email !== undefined ? email : current.email,
        phone: phone !== undefined ? phone : current.phone,
      });
    }
    const updated = await withTenant(ctx, async (trx) => {
      const next = await updateCustomer(trx, row.id, row.version, {
        ...(changes.language !== undefined ? { language: changes.language } : {}),
        ...(changes.restricted !== undefined ? { restricted: changes.restricted } : {}),
        ...(sealed
          ? {
              profileSealed: sealed.profileSealed,
              emailIndex: sealed.emailIndex,
              phoneIndex: sealed.phoneIndex,
            }
          : {}),
        lastActivityAt: new Date(),
      });
      if (!next) return undefined;
      if (sealed) await replaceNameTerms(trx, ctx.tenantId, row.id, sealed.nameTerms);
      await publish(trx, ctx, customerUpdatedV1.type, row.id);
      return next;
    });
    if (!updated) throw CustomersErrors.concurrentChange();
    return toCustomer(updated);
  }

  async function subjectOfRow(row: CustomerRow): Promise<DataSubject> {
    let fields: ProfileFields = { name: null, email: null, phone: null };
    try {
      fields = await fieldsOf(row);
    } catch (error) {
      // Shredded already (an erasure under way): the ids still find what is left.
      if (!(error instanceof SubjectErasedError)) throw error;
    }
    return {
      customerId: customerPublicId(row.id),
      userIds: row.userId ? [toPublicId('usr', row.userId)] : [],
      emails: fields.email ? [fields.email] : [],
      phones: fields.phone ? [fields.phone] : [],
    };
  }

  const directory: CustomersDirectory = {
    get,
    subjectOf: async (ctx, customerId) => subjectOfRow(await rowOf(ctx, customerId)),
    async subjectForUser(ctx, userId) {
      const uuid = fromPublicId('usr', userId);
      const row = uuid ? await withTenant(ctx, (trx) => findByUser(trx, uuid)) : undefined;
      if (row) return subjectOfRow(row);
      return { customerId: null, userIds: uuid ? [userId] : [], emails: [], phones: [] };
    },
    async findOrCreateForUser(ctx, input) {
      const userUuid = fromPublicId('usr', input.userId);
      if (!userUuid) throw CustomersErrors.notAClient();
      const existing = await withTenant(ctx, (trx) => findByUser(trx, userUuid));
      if (existing) {
        if (existing.lastActivityAt.getTime() < Date.now() - 3600_000)
          await withTenant(ctx, (trx) => touchActivity(trx, existing.id, new Date()));
        return toCustomer(existing);
      }
      const email = input.email && isEmail(normaliseEmail(input.email)) ? normaliseEmail(input.email) : null;
      // A profile the console made for this e-mail, not yet anyone's: the client takes it over.
      if (email) {
        const index = await sealing.emailIndex(ctx.tenantId, email);
        const linked = await withTenant(ctx, async (trx) => {
          const candidates = await unlinkedByEmail(trx, index);
          const only = candidates.length === 1 ? candidates[0] : undefined;
          if (!only) return undefined;
          const next = await updateCustomer(trx, only.id, only.version, {
            userId: userUuid,
            lastActivityAt: new Date(),
          });
          if (next) await publish(trx, ctx, customerUpdatedV1.type, next.id);
          return next;
        }).catch(() => undefined);
        if (linked) return toCustomer(linked);
      }
      try {
        return await create(ctx, {
          name: input.name?.trim() || (email ? (email.split('@')[0] ?? 'Client') : 'Client'),
          email,
          userId: input.userId,
        });
      } catch (error) {
        // Two first requests at once: the other one created it.
        const raced = await withTenant(ctx, (trx) => findByUser(trx, userUuid));
        if (raced) return toCustomer(raced);
        throw error;
      }
    },
  };

  function toAddress(row: AddressRow, address: PostalAddress): Address {
    return { ...address, id: addressPublicId(row.id), createdAt: row.createdAt };
  }

  const addresses = {
    async list(ctx: RequestContext, customerId: string): Promise<Address[]> {
      const row = await rowOf(ctx, customerId);
      const rows = await withTenant(ctx, (trx) => listAddresses(trx, row.id));
      return Promise.all(
        rows.map(async (a) => toAddress(a, await sealing.openAddress(ctx.tenantId, a.id, a.addressSealed))),
      );
    },
    async add(ctx: RequestContext, customerId: string, address: PostalAddress): Promise<Address> {
      const row = await rowOf(ctx, customerId);
      if (row.status === 'anonymised') throw CustomersErrors.anonymised();
      const uuid = newUuid();
      const clean: PostalAddress = { ...address, country: address.country.toUpperCase() };
      const addressSealed = await sealing.sealAddress(ctx.tenantId, row.id, uuid, clean);
      const inserted = await withTenant(ctx, async (trx) => {
        const a = await insertAddress(trx, {
          id: uuid,
          tenantId: ctx.tenantId,
          customerId: row.id,
          addressSealed,
        });
        await touchActivity(trx, row.id, new Date());
        return a;
      });
      return toAddress(inserted, clean);
    },
    async remove(ctx: RequestContext, customerId: string, addressId: string): Promise<void> {
      const row = await rowOf(ctx, customerId);
      const uuid = fromPublicId('cadr', addressId);
      const removed = uuid ? await withTenant(ctx, (trx) => deleteAddress(trx, row.id, uuid)) : false;
      if (!removed) throw CustomersErrors.addressNotFound();
    },
  };

  function consentState(rows: readonly ConsentRow[]): ConsentState {
    const history: Consent[] = rows.map((r, i) => {
      const withdrawal = r.granted
        ? rows.slice(i + 1).find((later) => later.purpose === r.purpose && !later.granted)
        : undefined;
      return {
        id: consentPublicId(r.id),
        purpose: r.purpose,
        granted: r.granted,
        at: r.at,
        method: r.method as Consent['method'],
        source: r.source,
        withdrawnAt: withdrawal?.at ?? null,
      };
    });
    const latest = new Map<string, ConsentRow>();
    for (const r of rows) latest.set(r.purpose, r);
    return {
      current: [...latest.values()].map((r) => ({ purpose: r.purpose, granted: r.granted, since: r.at })),
      history,
    };
  }

  const consents = {
    async list(ctx: RequestContext, customerId: string): Promise<ConsentState> {
      const row = await rowOf(ctx, customerId);
      return consentState(await withTenant(ctx, (trx) => listConsents(trx, row.id)));
    },
    /** Appends entries; one that repeats the purpose's current state is not written again. */
    async record(
      ctx: RequestContext,
      customerId: string,
      entries: readonly NewConsent[],
    ): Promise<ConsentState> {
      const row = await rowOf(ctx, customerId);
      if (row.status === 'anonymised') throw CustomersErrors.anonymised();
      const rows = await withTenant(ctx, async (trx) => {
        const before = consentState(await listConsents(trx, row.id));
        const current = new Map(before.current.map((c) => [c.purpose, c.granted]));
        const fresh = entries.filter((e) => current.get(e.purpose) !== e.granted);
        const now = new Date();
        await insertConsents(
          trx,
          fresh.map((e) => ({
            id: newUuid(),
            tenantId: ctx.tenantId,
            customerId: row.id,
            purpose: e.purpose,
            granted: e.granted,
            at: e.at && e.at < now ? e.at : now,
            method: e.method,
            source: e.source ?? null,
            recordedBy: ctx.actor.id,
          })),
        );
        if (fresh.length > 0) await touchActivity(trx, row.id, now);
        return listConsents(trx, row.id);
      });
      return consentState(rows);
    },
  };

  const preferences = {
    async get(ctx: RequestContext, customerId: string): Promise<ContactPreferences> {
      const row = await rowOf(ctx, customerId);
      const stored = await withTenant(ctx, (trx) => findPreferences(trx, row.id));
      const value = (stored?.preferences ?? defaultPreferences) as Omit<ContactPreferences, 'language'>;
      return { ...defaultPreferences, ...value, language: row.language };
    },
    /** Replaces them; marketing opt-ins that change are recorded as consents (`marketing.<channel>`). */
    async put(
      ctx: RequestContext,
      customerId: string,
      next: ContactPreferences,
      method: NewConsent['method'],
    ): Promise<ContactPreferences> {
      const row = await rowOf(ctx, customerId);
      if (row.status === 'anonymised') throw CustomersErrors.anonymised();
      const { language, ...rest } = next;
      await withTenant(ctx, async (trx) => {
        await upsertPreferences(trx, ctx.tenantId, row.id, rest);
        if (language !== row.language) {
          const updated = await updateCustomer(trx, row.id, row.version, { language });
          if (!updated) throw CustomersErrors.concurrentChange();
          await publish(trx, ctx, customerUpdatedV1.type, row.id);
        }
      });
      await consents.record(
        ctx,
        customerId,
        Object.entries(rest.marketing).map(([channel, granted]) => ({
          purpose: `marketing.${channel}`,
          granted,
          method,
          source: 'contact preferences',
        })),
      );
      return preferences.get(ctx, customerId);
    },
  };

  /**
   * Anonymises a profile in the caller's transaction: personal fields, indexes and the client link
   * gone, addresses and preferences deleted, consents kept (proof, Art. 7(1)); purposes still
   * granted get a withdrawal entry. Idempotent.
   */
  async function anonymiseWithin(
    trx: CustomersTransaction,
    ctx: RequestContext,
    row: CustomerRow,
    source: string,
  ): Promise<AnonymisedCounts> {
    const addressesGone = await deleteAddresses(trx, row.id);
    const preferencesGone = await deletePreferences(trx, row.id);
    await replaceNameTerms(trx, ctx.tenantId, row.id, []);
    const state = consentState(await listConsents(trx, row.id));
    const now = new Date();
    await insertConsents(
      trx,
      state.current
        .filter((c) => c.granted)
        .map((c) => ({
          id: newUuid(),
          tenantId: ctx.tenantId,
          customerId: row.id,
          purpose: c.purpose,
          granted: false,
          at: now,
          method: 'system',
          source,
          recordedBy: ctx.actor.id,
        })),
    );
    if (row.status === 'anonymised')
      return { profiles: 0, addresses: addressesGone, preferences: preferencesGone };
    await trx
      .updateTable('customers.customers')
      .set({
        status: 'anonymised',
        profileSealed: null,
        emailIndex: null,
        phoneIndex: null,
        userId: null,
        language: null,
        restricted: false,
        anonymisedAt: now,
        updatedAt: now,
        version: row.version + 1,
      })
      .where('id', '=', row.id)
      .execute();
    await publish(trx, ctx, customerAnonymisedV1.type, row.id);
    return { profiles: 1, addresses: addressesGone, preferences: preferencesGone };
  }

  const settings = {
    async get(ctx: RequestContext): Promise<{ defaultRegion: string }> {
      return { defaultRegion: await region(ctx) };
    },
    async put(ctx: RequestContext, input: { defaultRegion: string }): Promise<{ defaultRegion: string }> {
      await withTenant(ctx, (trx) => upsertSettingsRegion(trx, ctx.tenantId, input.defaultRegion));
      return { defaultRegion: input.defaultRegion };
    },
  };

  return {
    ...directory,
    create,
    list,
    update,
    addresses,
    consents,
    preferences,
    settings,
    internals: { toCustomer, fieldsOf, consentState, anonymiseWithin, withTenant },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
