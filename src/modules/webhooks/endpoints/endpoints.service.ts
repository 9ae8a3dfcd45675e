import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { WebhookEndpoint, WebhookEndpointsService } from '../contract.js';
import type { WebhooksTables, WebhooksTransaction } from '../db/webhooks.tables.js';
import { newSigningSecret } from '../delivery/signature.js';
import { WebhooksErrors } from '../errors.js';
import { webhookPingType } from '../events.js';
import {
  deleteEndpoint,
  findEndpoint,
  insertEndpoint,
  listEndpoints,
  updateEndpoint,
  type EndpointRow,
} from '../webhooks.repo.js';
import { endpointUrlProblem, type EndpointUrlPolicy } from './endpoint-url.js';

export const endpointPrefix = 'whep';

/** The signing secret is sealed under the tenant's data key, bound to its endpoint. */
export const secretAad = (endpointUuid: string) => `webhooks.signing_secret:${endpointUuid}`;

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: toPublicId(endpointPrefix, row.id),
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    secretRotatedAt: row.secretRotatedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface EndpointsDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly auditLog: AuditLog;
  readonly urlPolicy: EndpointUrlPolicy;
  /** The event types modules offer (ModuleDeps.webhookEvents). */
  readonly eventTypes: ReadonlySet<string>;
}

export function createEndpointsService(deps: EndpointsDeps): WebhookEndpointsService {
  const { database, keyring, auditLog } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: WebhooksTransaction) => Promise<T>) =>
    database.withTenant<WebhooksTables, T>(ctx, fn);

  const checkUrl = (url: string | undefined) => {
    if (url === undefined) return;
    const problem = endpointUrlProblem(url, deps.urlPolicy);
    if (problem) throw WebhooksErrors.invalidUrl(problem);
  };
  const checkTypes = (types: readonly string[] | undefined) => {
    types?.forEach((type, index) => {
      if (!deps.eventTypes.has(type) && type !== webhookPingType)
        throw WebhooksErrors.unknownEventType(index, type);
    });
  };
  const uuidOf = (endpointId: string) => {
    const uuid = fromPublicId(endpointPrefix, endpointId);
    if (!uuid) throw WebhooksErrors.endpointNotFound();
    return uuid;
  };
  const target = (row: EndpointRow) => ({ type: 'webhook_endpoint', id: toPublicId(endpointPrefix, row.id) });

  return {
    async create(ctx, input) {
      checkUrl(input.url);
      checkTypes(input.eventTypes);
      const id = newUuid();
      const secret = newSigningSecret();
      const sealed = await keyring.encrypt(ctx.tenantId, secret, secretAad(id));
      const row = await inTenant(ctx, async (trx) => {
        const inserted = await insertEndpoint(trx, {
          id,
          tenantId: ctx.tenantId,
          url: input.url,
          description: input.description ?? '',
          eventTypes: [...new Set(input.eventTypes)],
          enabled: input.enabled ?? true,
          secretSealed: sealed,
        });
        await auditLog.append(trx, ctx, {
          action: 'webhooks.endpoint.created',
          target: target(inserted),
          details: { host: new URL(inserted.url).host, eventTypes: inserted.eventTypes },
        });
        return inserted;
      });
      return { ...toEndpoint(row), secret };
    },

    async list(ctx) {
      return (await inTenant(ctx, listEndpoints)).map(toEndpoint);
    },

    async get(ctx, endpointId) {
      const uuid = uuidOf(endpointId);
      const row = await inTenant(ctx, (trx) => findEndpoint(trx, uuid));
      if (!row) throw WebhooksErrors.endpointNotFound();
      return toEndpoint(row);
    },

    async update(ctx, endpointId, patch) {
      const uuid = uuidOf(endpointId);
      checkUrl(patch.url);
      checkTypes(patch.eventTypes);
      const row = await inTenant(ctx, async (trx) => {
        const updated = await updateEndpoint(trx, uuid, {
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.eventTypes !== undefined ? { eventTypes: [...new Set(patch.eventTypes)] } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        });
        if (updated)
          await auditLog.append(trx, ctx, {
            action: 'webhooks.endpoint.updated',
            target: target(updated),
            details: { changed: Object.keys(patch), enabled: updated.enabled },
          });
        return updated;
      });
      if (!row) throw WebhooksErrors.endpointNotFound();
      return toEndpoint(row);
    },

    async remove(ctx, endpointId) {
      const uuid = uuidOf(endpointId);
      const removed = await inTenant(ctx, async (trx) => {
        const done = await deleteEndpoint(trx, uuid);
        if (done)
          await auditLog.append(trx, ctx, {
            action: 'webhooks.endpoint.deleted',
            target: { type: 'webhook_endpoint', id: endpointId },
          });
        return done;
      });
      if (!removed) throw WebhooksErrors.endpointNotFound();
    },

    async rotateSecret(ctx, endpointId) {
      const uuid = uuidOf(endpointId);
      const secret = newSigningSecret();
      const sealed = await keyring.encrypt(ctx.tenantId, secret, secretAad(uuid));
      const row = await inTenant(ctx, async (trx) => {
        const updated = await updateEndpoint(trx, uuid, {
          secretSealed: sealed,
          secretRotatedAt: new Date(),
        });
        if (updated)
          await auditLog.append(trx, ctx, {
            action: 'webhooks.endpoint.secret_rotated',
            target: target(updated),
          });
        return updated;
      });
      if (!row) throw WebhooksErrors.endpointNotFound();
      return { ...toEndpoint(row), secret };
    },
  };
}
