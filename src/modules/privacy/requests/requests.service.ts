import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import { SubjectErasedError, type Keyring, type SubjectKeys } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { DataSubject, ErasureReport, PrivacyParticipants } from '../../../platform/privacy/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type {
  DataSubjectRequest,
  DataSubjectRequestWithTrail,
  ModuleOutcome,
  RequestChannel,
  RequestKind,
  RequestsService,
  RequestStatus,
  RequestStep,
  VerificationMethod,
} from '../contract.js';
import type { PrivacyTables, PrivacyTransaction, RequestsTable } from '../db/privacy.tables.js';
import { PrivacyErrors } from '../errors.js';
import { requestCompletedV1, requestReceivedV1 } from '../events.js';
import { addMonths } from './deadlines.js';
import { buildExportZip, type ModuleExport } from './export-package.js';
import {
  findRequest,
  insertRequest,
  insertStep,
  listForRequester,
  listRequests,
  stepsOf,
  updateRequest,
  type RequestRow,
  type StepRow,
} from './requests.repo.js';
import type { SubjectDirectory } from './subject-directory.js';
import {
  identifiersOf,
  maskSubject,
  mergeSubjects,
  normaliseEmail,
  normalisePhone,
  normaliseSubject,
} from './subject.js';

/** How long an access package can be downloaded. */
export const EXPORT_LINK_SECONDS = 7 * 24 * 3600;
/** A run that started longer ago than this and never finished is taken to have crashed. */
const STALE_RUN_MS = 15 * 60_000;

export interface RequestsServiceDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly subjectKeys: SubjectKeys;
  readonly bus: Bus;
  readonly audit: AuditLog;
  readonly objects: ObjectStore;
  readonly signedObjectUrl: (key: string, options: { readonly expiresInSeconds: number }) => Promise<string>;
  readonly participants: PrivacyParticipants;
  readonly directory: SubjectDirectory;
  readonly logger: Logger;
  /** The clock (tests move it). */
  readonly now?: () => Date;
}

export const requestPublicId = (uuid: string) => toPublicId('dsr', uuid);
const actorOf = (ctx: RequestContext) => `${ctx.actor.type}:${ctx.actor.id}`;
const subjectAad = (uuid: string) => `privacy.request:${uuid}:subject`;
const noteAad = (uuid: string) => `privacy.request:${uuid}:note`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

interface StoredResult {
  readonly modules: ModuleOutcome[];
  readonly exportExpiresAt: string | null;
  readonly rectificationPath: string | null;
}

function toRequest(row: RequestRow): DataSubjectRequest {
  const result = row.result as StoredResult | null;
  return {
    id: requestPublicId(row.id),
    kind: row.kind as RequestKind,
    status: row.status as RequestStatus,
    channel: row.channel as RequestChannel,
    subject: row.subjectMasked,
    customerId: row.customerId,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    extendedDueAt: row.extendedDueAt,
    extensionReason: row.extensionReason,
    completedAt: row.completedAt,
    verification:
      row.verificationMethod && row.verifiedAt
        ? { method: row.verificationMethod as VerificationMethod, verifiedAt: row.verifiedAt }
        : null,
    rejectionReason: row.rejectionReason,
    result: result
      ? {
          modules: result.modules,
          exportExpiresAt: result.exportExpiresAt ? new Date(result.exportExpiresAt) : null,
          rectificationPath: result.rectificationPath,
        }
      : null,
    lastError: row.lastError,
  };
}

function toStep(row: StepRow): RequestStep {
  return {
    at: row.at,
    actor: row.actor,
    step: row.step,
    module: row.module,
    outcome: row.outcome,
    details: (row.details ?? {}) as Record<string, unknown>,
  };
}

export function createRequestsService(deps: RequestsServiceDeps): RequestsService & {
  /** Processes again a request whose run failed or crashed (the resume job), as the platform. */
  resume(ctx: RequestContext, uuid: string): Promise<void>;
} {
  const { database, keyring, subjectKeys, bus, audit, objects, directory } = deps;
  const now = deps.now ?? (() => new Date());
  const tx = <T>(ctx: RequestContext, fn: (trx: PrivacyTransaction) => Promise<T>) =>
    database.withTenant<PrivacyTables, T>(ctx, fn);

  const uuidOf = (requestId: string) => {
    const uuid = fromPublicId('dsr', requestId);
    if (!uuid) throw PrivacyErrors.requestNotFound();
    return uuid;
  };

  /** A verification note is shown while the subject's keys exist; after an erasure it reads as erased. */
  async function readable(ctx: RequestContext, uuid: string, entry: RequestStep): Promise<RequestStep> {
    const { sealedNote, ...details } = entry.details;
    if (typeof sealedNote !== 'string') return entry;
    try {
      const note = await subjectKeys.open(ctx.tenantId, Buffer.from(sealedNote, 'base64'), noteAad(uuid));
      return { ...entry, details: { ...details, note: note.toString('utf8') } };
    } catch {
      return { ...entry, details: { ...details, note: null, noteErased: true } };
    }
  }

  async function load(ctx: RequestContext, uuid: string): Promise<DataSubjectRequestWithTrail> {
    const { request, steps } = await tx(ctx, async (trx) => {
      const row = await findRequest(trx, uuid);
      if (!row) throw PrivacyErrors.requestNotFound();
      return { request: toRequest(row), steps: (await stepsOf(trx, uuid)).map(toStep) };
    });
    return { ...request, trail: await Promise.all(steps.map((entry) => readable(ctx, uuid, entry))) };
  }

  const step = (
    trx: PrivacyTransaction,
    ctx: RequestContext,
    uuid: string,
    entry: Omit<RequestStep, 'at' | 'actor' | 'details'> & { readonly details?: Record<string, unknown> },
  ) =>
    insertStep(trx, {
      id: newUuid(),
      tenantId: ctx.tenantId,
      requestId: uuid,
      at: now(),
      actor: actorOf(ctx),
      step: entry.step,
      module: entry.module,
      outcome: entry.outcome,
      details: entry.details ?? {},
    });

  /** One trail step in a transaction of its own: it stays whatever happens next. */
  const record = (ctx: RequestContext, uuid: string, entry: Parameters<typeof step>[3]): Promise<void> =>
    tx(ctx, (trx) => step(trx, ctx, uuid, entry));

  async function openSubject(ctx: RequestContext, row: RequestRow): Promise<DataSubject> {
    if (!row.subjectCiphertext) throw PrivacyErrors.noSubject();
    const text = await keyring.decryptToString(ctx.tenantId, row.subjectCiphertext, subjectAad(row.id));
    return JSON.parse(text) as DataSubject;
  }

  async function open(
    ctx: RequestContext,
    input: {
      readonly kind: RequestKind;
      readonly channel: RequestChannel;
      readonly subject: DataSubject;
      readonly note?: string | undefined;
      readonly requesterUserId: string | null;
      readonly verifiedBySignIn: boolean;
    },
  ): Promise<string> {
    const uuid = newUuid();
    const receivedAt = now();
    const dueAt = addMonths(receivedAt, 1);
    const subjectCiphertext = await keyring.encrypt(
      ctx.tenantId,
      JSON.stringify(input.subject),
      subjectAad(uuid),
    );
    const noteCiphertext = input.note ? await keyring.encrypt(ctx.tenantId, input.note, noteAad(uuid)) : null;
    const row: Parameters<typeof insertRequest>[1] = {
      id: uuid,
      tenantId: ctx.tenantId,
      kind: input.kind,
      status: input.verifiedBySignIn ? 'in_progress' : 'verifying',
      channel: input.channel,
      customerId: input.subject.customerId,
      requesterUserId: input.requesterUserId,
      subjectCiphertext,
      subjectMasked: maskSubject(input.subject),
      noteCiphertext,
      receivedAt,
      dueAt,
      extendedDueAt: null,
      extensionReason: null,
      verificationMethod: input.verifiedBySignIn ? 'sign_in' : null,
      verifiedAt: input.verifiedBySignIn ? receivedAt : null,
      rejectionReason: null,
      completedAt: null,
      result: null,
      exportObjectKey: null,
      exportExpiresAt: null,
      processingStartedAt: null,
      lastError: null,
      weekReminderAt: null,
      finalReminderAt: null,
    };
    await tx(ctx, async (trx) => {
      await insertRequest(trx, row);
      await step(trx, ctx, uuid, {
        step: 'received',
        module: null,
        outcome: 'ok',
        details: {
          kind: input.kind,
          channel: input.channel,
          dueAt: dueAt.toISOString(),
          identifiers: {
            customer: input.subject.customerId ? 1 : 0,
            users: input.subject.userIds.length,
            emails: input.subject.emails.length,
            phones: input.subject.phones.length,
          },
        },
      });
      await step(trx, ctx, uuid, {
        step: input.verifiedBySignIn ? 'verified' : 'verification_required',
        module: null,
        outcome: input.verifiedBySignIn ? 'ok' : 'info',
        details: input.verifiedBySignIn
          ? { method: 'sign_in' }
          : { message: 'Staff must verify the requester’s identity (POST /verify) before processing.' },
      });
      await bus.publish(trx, [
        {
          type: requestReceivedV1.type,
          tenantId: ctx.tenantId,
          key: uuid,
          data: { requestId: requestPublicId(uuid), kind: input.kind, dueAt: dueAt.toISOString() },
        },
      ]);
      await audit.append(trx, ctx, {
        action: 'privacy.request_received',
        target: { type: 'privacy_request', id: requestPublicId(uuid) },
        details: { kind: input.kind, channel: input.channel },
      });
    });
    return uuid;
  }

  /** Takes the request for a run; refuses while another run is going on. */
  async function claim(ctx: RequestContext, uuid: string): Promise<RequestRow | 'done'> {
    return tx(ctx, async (trx) => {
      const row = await findRequest(trx, uuid, { forUpdate: true });
      if (!row) throw PrivacyErrors.requestNotFound();
      if (row.status === 'completed') return 'done';
      if (row.status !== 'in_progress')
        throw PrivacyErrors.invalidState(row.status, 'verified (in progress)');
      if (row.processingStartedAt && now().getTime() - row.processingStartedAt.getTime() < STALE_RUN_MS)
        throw PrivacyErrors.busy();
      return updateRequest(trx, uuid, {
        processingStartedAt: now(),
        attempts: row.attempts + 1,
        lastError: null,
      });
    });
  }

  async function fail(ctx: RequestContext, uuid: string, module: string, error: unknown): Promise<never> {
    const message = messageOf(error);
    await tx(ctx, async (trx) => {
      await updateRequest(trx, uuid, {
        processingStartedAt: null,
        lastError: `${module}: ${message}`,
      });
    });
    deps.logger.warn({ err: error, requestId: requestPublicId(uuid), module }, 'privacy participant failed');
    throw PrivacyErrors.participantFailed(module, message);
  }

  async function finish(
    ctx: RequestContext,
    row: RequestRow,
    result: StoredResult,
    extra: Partial<Pick<RequestsTable, 'exportObjectKey' | 'exportExpiresAt'>> = {},
  ): Promise<void> {
    await tx(ctx, async (trx) => {
      await updateRequest(trx, row.id, {
        status: 'completed',
        completedAt: now(),
        result: JSON.stringify(result),
        processingStartedAt: null,
        lastError: null,
        // Data minimisation: a finished request keeps the masked summary, not the identifiers.
        subjectCiphertext: null,
        noteCiphertext: null,
        ...extra,
      });
      await step(trx, ctx, row.id, {
        step: 'completed',
        module: null,
        outcome: 'ok',
        details: { modules: result.modules.length },
      });
      await bus.publish(trx, [
        {
          type: requestCompletedV1.type,
          tenantId: ctx.tenantId,
          key: row.id,
          data: { requestId: requestPublicId(row.id), kind: row.kind },
        },
      ]);
      await audit.append(trx, ctx, {
        action: 'privacy.request_completed',
        target: { type: 'privacy_request', id: requestPublicId(row.id) },
        details: {
          kind: row.kind,
          modules: result.modules.map((m) => ({ module: m.module, erased: m.erased, kept: m.kept.length })),
        },
      });
    });
  }

  async function runAccess(ctx: RequestContext, row: RequestRow, subject: DataSubject): Promise<void> {
    const exports: ModuleExport[] = [];
    for (const participant of deps.participants()) {
      let parts;
      try {
        parts = await participant.privacy.export(ctx, subject);
      } catch (error) {
        await record(ctx, row.id, {
          step: 'exported',
          module: participant.module,
          outcome: 'failed',
          details: { error: messageOf(error) },
        });
        return fail(ctx, row.id, participant.module, error);
      }
      exports.push({ module: participant.module, privacy: participant.privacy, parts });
      await record(ctx, row.id, {
        step: 'exported',
        module: participant.module,
        outcome: 'ok',
        details: { parts: parts.map((p) => ({ name: p.name, rows: p.rows.length })) },
      });
    }
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + EXPORT_LINK_SECONDS * 1000);
    const zip = await buildExportZip({
      requestId: requestPublicId(row.id),
      createdAt,
      expiresAt,
      modules: exports,
    });
    // A fresh name per run: the store is write-once, and a second run's package differs.
    const key = `${ctx.tenantId}/privacy/exports/${row.id}-${randomBytes(6).toString('hex')}.zip`;
    await objects.put(key, zip, { contentType: 'application/zip', tenantId: ctx.tenantId });
    await record(ctx, row.id, {
      step: 'package_stored',
      module: null,
      outcome: 'ok',
      details: { bytes: zip.length, expiresAt: expiresAt.toISOString() },
    });
    await finish(
      ctx,
      row,
      {
        modules: exports.map((e) => ({
          module: e.module,
          erased: 0,
          kept: e.parts.map((p) => ({ what: p.name, count: p.rows.length, reason: 'exported' })),
        })),
        exportExpiresAt: expiresAt.toISOString(),
        rectificationPath: null,
      },
      { exportObjectKey: key, exportExpiresAt: expiresAt },
    );
  }

  async function runErasure(ctx: RequestContext, row: RequestRow, subject: DataSubject): Promise<void> {
    const done = await tx(ctx, (trx) => stepsOf(trx, row.id));
    const succeeded = (name: string, module: string | null) =>
      done.find((s) => s.step === name && s.module === module && s.outcome === 'ok');
    // 1. Crypto-shredding first: every copy sealed under these identifiers is unreadable from here on.
    if (!succeeded('shredded', null)) {
      const identifiers = identifiersOf(subject);
      const { shredded } = await subjectKeys.shred(ctx.tenantId, identifiers);
      // The references (blind indexes, not the identifiers): what a restore re-applies (docs/privacy.md).
      const refs = await Promise.all(
        identifiers.map((identifier) => subjectKeys.ref(ctx.tenantId, identifier)),
      );
      await record(ctx, row.id, {
        step: 'shredded',
        module: null,
        outcome: 'ok',
        details: { identifiers: identifiers.length, keysDestroyed: shredded, refs },
      });
    }
    // 2. Each module removes what the keys did not cover; a module done in an earlier run is skipped.
    const outcomes: ModuleOutcome[] = [];
    for (const participant of deps.participants()) {
      const earlier = succeeded('erased', participant.module);
      if (earlier) {
        outcomes.push({ module: participant.module, ...(earlier.details as ErasureReport) });
        continue;
      }
      let report: ErasureReport;
      try {
        report = await participant.privacy.erase(ctx, subject, { requestId: requestPublicId(row.id) });
      } catch (error) {
        await record(ctx, row.id, {
          step: 'erased',
          module: participant.module,
          outcome: 'failed',
          details: { error: messageOf(error) },
        });
        return fail(ctx, row.id, participant.module, error);
      }
      const clean: ErasureReport = {
        erased: report.erased,
        kept: report.kept.map((k) => ({ what: k.what, count: k.count, reason: k.reason })),
      };
      await record(ctx, row.id, {
        step: 'erased',
        module: participant.module,
        outcome: 'ok',
        details: { ...clean },
      });
      outcomes.push({ module: participant.module, ...clean });
    }
    await finish(ctx, row, { modules: outcomes, exportExpiresAt: null, rectificationPath: null });
  }

  async function runRestriction(ctx: RequestContext, row: RequestRow, subject: DataSubject): Promise<void> {
    const outcomes: ModuleOutcome[] = [];
    for (const participant of deps.participants()) {
      const restrict = participant.privacy.restrict?.bind(participant.privacy);
      if (!restrict) continue;
      try {
        await restrict(ctx, subject, true);
      } catch (error) {
        await record(ctx, row.id, {
          step: 'restricted',
          module: participant.module,
          outcome: 'failed',
          details: { error: messageOf(error) },
        });
        return fail(ctx, row.id, participant.module, error);
      }
      await record(ctx, row.id, { step: 'restricted', module: participant.module, outcome: 'ok' });
      outcomes.push({ module: participant.module, erased: 0, kept: [] });
    }
    await finish(ctx, row, { modules: outcomes, exportExpiresAt: null, rectificationPath: null });
  }

  async function runRectification(ctx: RequestContext, row: RequestRow): Promise<void> {
    const path = row.customerId ? `/customers/${row.customerId}` : null;
    await record(ctx, row.id, {
      step: 'rectification_recorded',
      module: 'customers',
      outcome: 'info',
      details: {
        message: path
          ? `The profile is corrected in the customers module (PATCH /api/v1/customers/${row.customerId}).`
          : 'No customer profile is linked: correct the data where it is kept and note it here.',
      },
    });
    await finish(ctx, row, { modules: [], exportExpiresAt: null, rectificationPath: path });
  }

  async function run(ctx: RequestContext, uuid: string): Promise<void> {
    const row = await claim(ctx, uuid);
    if (row === 'done') return;
    try {
      const subject = await openSubject(ctx, row);
      switch (row.kind as RequestKind) {
        case 'access':
          return await runAccess(ctx, row, subject);
        case 'erasure':
          return await runErasure(ctx, row, subject);
        case 'restriction':
          return await runRestriction(ctx, row, subject);
        case 'rectification':
          return await runRectification(ctx, row);
      }
    } catch (error) {
      // A failure outside a participant (the object store, the database): the run is released for a retry.
      if (!(error instanceof AppError && error.code === 'PRIVACY_PARTICIPANT_FAILED'))
        await tx(ctx, (trx) =>
          updateRequest(trx, uuid, { processingStartedAt: null, lastError: messageOf(error) }),
        ).catch(() => undefined);
      throw error;
    }
  }

  async function subjectForStaff(
    ctx: RequestContext,
    input: { customerId?: string | undefined; email?: string | undefined; phone?: string | undefined },
  ): Promise<DataSubject> {
    if (!input.customerId && !input.email && !input.phone)
      throw PrivacyErrors.invalidField(
        'body.customerId',
        'give the customer id, an e-mail or a phone number',
      );
    const given: DataSubject = {
      customerId: input.customerId ?? null,
      userIds: [],
      emails: input.email ? [normaliseEmail(input.email)] : [],
      phones: input.phone ? [normalisePhone(input.phone)] : [],
    };
    if (!input.customerId) return normaliseSubject(given);
    if (!fromPublicId('cus', input.customerId))
      throw PrivacyErrors.invalidField('body.customerId', 'must be a customer id (cus_…)');
    return mergeSubjects(await directory.subjectOf(ctx, input.customerId), given);
  }

  async function openRow(
    ctx: RequestContext,
    uuid: string,
    statuses: readonly RequestStatus[],
    wanted: string,
  ) {
    const row = await findRequestOrThrow(ctx, uuid);
    if (!statuses.includes(row.status as RequestStatus)) throw PrivacyErrors.invalidState(row.status, wanted);
    return row;
  }

  async function findRequestOrThrow(ctx: RequestContext, uuid: string): Promise<RequestRow> {
    const row = await tx(ctx, (trx) => findRequest(trx, uuid));
    if (!row) throw PrivacyErrors.requestNotFound();
    return row;
  }

  return {
    async create(ctx, input) {
      const subject = await subjectForStaff(ctx, input);
      const uuid = await open(ctx, {
        kind: input.kind,
        channel: input.channel,
        subject,
        note: input.note,
        requesterUserId: null,
        verifiedBySignIn: false,
      });
      return load(ctx, uuid);
    },

    async createForClient(ctx, input) {
      if (ctx.actor.type !== 'user')
        throw PrivacyErrors.invalidField('actor', 'only a signed-in client can ask');
      const userId = ctx.actor.id;
      const subject = mergeSubjects(await directory.subjectForUser(ctx, userId), {
        customerId: null,
        userIds: [userId],
        emails: [],
        phones: [],
      });
      const uuid = await open(ctx, {
        kind: input.kind,
        channel: 'portal',
        subject,
        note: input.note,
        requesterUserId: userId,
        verifiedBySignIn: true,
      });
      try {
        await run(ctx, uuid);
      } catch (error) {
        // The request is recorded and stays in progress; the resume job tries again, the trail says why.
        deps.logger.warn(
          { err: error, requestId: requestPublicId(uuid) },
          'portal privacy request did not finish',
        );
      }
      return load(ctx, uuid);
    },

    async list(ctx, filter) {
      return (await tx(ctx, (trx) => listRequests(trx, filter))).map(toRequest);
    },

    async listMine(ctx) {
      return (await tx(ctx, (trx) => listForRequester(trx, ctx.actor.id))).map(toRequest);
    },

    get: (ctx, requestId) => load(ctx, uuidOf(requestId)),

    async verify(ctx, requestId, input) {
      const uuid = uuidOf(requestId);
      const before = await openRow(ctx, uuid, ['received', 'verifying'], 'waiting for verification');
      // The note may name what was checked ("passport seen", a call-back number): it is sealed under
      // the subject's keys, so an erasure of the same person makes it unreadable too.
      // A person erased before (asking again) has no keys left: their note is sealed under the tenant's key.
      const sealedNote = await subjectKeys
        .seal(ctx.tenantId, identifiersOf(await openSubject(ctx, before)), input.note, noteAad(uuid))
        .catch((error: unknown) => {
          if (error instanceof SubjectErasedError)
            return subjectKeys.seal(ctx.tenantId, [], input.note, noteAad(uuid));
          throw error;
        })
        .then((bytes) => bytes.toString('base64'));
      await tx(ctx, async (trx) => {
        const row = await findRequest(trx, uuid, { forUpdate: true });
        if (!row) throw PrivacyErrors.requestNotFound();
        if (row.status !== 'received' && row.status !== 'verifying')
          throw PrivacyErrors.invalidState(row.status, 'waiting for verification');
        await updateRequest(trx, uuid, {
          status: 'in_progress',
          verificationMethod: input.method,
          verifiedAt: now(),
        });
        await step(trx, ctx, uuid, {
          step: 'verified',
          module: null,
          outcome: 'ok',
          details: { method: input.method, sealedNote },
        });
        await audit.append(trx, ctx, {
          action: 'privacy.request_verified',
          target: { type: 'privacy_request', id: requestPublicId(uuid) },
          details: { method: input.method },
        });
      });
      return load(ctx, uuid);
    },

    async process(ctx, requestId) {
      const uuid = uuidOf(requestId);
      await run(ctx, uuid);
      return load(ctx, uuid);
    },

    async resume(ctx, uuid) {
      await run(ctx, uuid);
    },

    async reject(ctx, requestId, reason) {
      const uuid = uuidOf(requestId);
      await tx(ctx, async (trx) => {
        const row = await findRequest(trx, uuid, { forUpdate: true });
        if (!row) throw PrivacyErrors.requestNotFound();
        if (row.status === 'completed' || row.status === 'rejected')
          throw PrivacyErrors.invalidState(row.status, 'open');
        await updateRequest(trx, uuid, {
          status: 'rejected',
          rejectionReason: reason,
          completedAt: now(),
          subjectCiphertext: null,
          noteCiphertext: null,
          processingStartedAt: null,
        });
        await step(trx, ctx, uuid, { step: 'rejected', module: null, outcome: 'ok', details: { reason } });
        await audit.append(trx, ctx, {
          action: 'privacy.request_rejected',
          target: { type: 'privacy_request', id: requestPublicId(uuid) },
          details: { reason },
        });
      });
      return load(ctx, uuid);
    },

    async extend(ctx, requestId, reason) {
      const uuid = uuidOf(requestId);
      await tx(ctx, async (trx) => {
        const row = await findRequest(trx, uuid, { forUpdate: true });
        if (!row) throw PrivacyErrors.requestNotFound();
        if (row.status === 'completed' || row.status === 'rejected')
          throw PrivacyErrors.invalidState(row.status, 'open');
        if (row.extendedDueAt) throw PrivacyErrors.alreadyExtended();
        const extendedDueAt = addMonths(row.dueAt, 2);
        // The reminders count down to the new deadline.
        await updateRequest(trx, uuid, {
          extendedDueAt,
          extensionReason: reason,
          weekReminderAt: null,
          finalReminderAt: null,
        });
        await step(trx, ctx, uuid, {
          step: 'extended',
          module: null,
          outcome: 'ok',
          details: { reason, extendedDueAt: extendedDueAt.toISOString() },
        });
        await audit.append(trx, ctx, {
          action: 'privacy.request_extended',
          target: { type: 'privacy_request', id: requestPublicId(uuid) },
          details: { reason, extendedDueAt: extendedDueAt.toISOString() },
        });
      });
      return load(ctx, uuid);
    },

    async download(ctx, requestId, options = {}) {
      const uuid = uuidOf(requestId);
      const row = await findRequestOrThrow(ctx, uuid);
      if (options.mine && row.requesterUserId !== ctx.actor.id) throw PrivacyErrors.requestNotFound();
      if (row.kind !== 'access' || !row.exportExpiresAt) throw PrivacyErrors.noExport();
      const remaining = row.exportExpiresAt.getTime() - now().getTime();
      if (remaining <= 0) throw PrivacyErrors.exportExpired();
      if (!row.exportObjectKey) throw PrivacyErrors.noExport();
      const url = await deps.signedObjectUrl(row.exportObjectKey, {
        expiresInSeconds: Math.max(1, Math.min(EXPORT_LINK_SECONDS, Math.floor(remaining / 1000))),
      });
      await record(ctx, uuid, { step: 'download_link_issued', module: null, outcome: 'info' });
      return { url, expiresAt: row.exportExpiresAt };
    },
  };
}
