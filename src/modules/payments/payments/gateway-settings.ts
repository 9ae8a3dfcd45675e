import type { RequestContext } from '../../../platform/context.js';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { ModuleSecrets } from '../../../platform/module.js';
import type { GatewayName } from '../contract.js';
import type { PaymentsTables } from '../db/payments.tables.js';
import { PaymentsErrors } from '../errors.js';
import type { PaypalConfig } from '../gateways/paypal.js';
import { PAYPAL_LIVE_API } from '../gateways/paypal.js';
import type { StripeConfig } from '../gateways/stripe.js';

/*
 * Each tenant's gateways: which one is the default, where an adapter sends its calls (base URL),
 * and the credentials — those only in the secrets store (payments.stripe.*, payments.paypal.*),
 * never in a table, never in an answer.
 */

export const GATEWAY_NAMES = ['simulator', 'stripe', 'paypal'] as const;

export const SECRET_NAMES = {
  stripeSecretKey: 'payments.stripe.secret_key',
  stripeWebhookSecret: 'payments.stripe.webhook_secret',
  paypalClientId: 'payments.paypal.client_id',
  paypalClientSecret: 'payments.paypal.client_secret',
  paypalWebhookId: 'payments.paypal.webhook_id',
} as const;

export interface GatewayInfo {
  readonly name: GatewayName;
  readonly configured: boolean;
  readonly default: boolean;
  readonly mode: 'test' | 'live';
}

export interface GatewayConfigInput {
  readonly default?: boolean | undefined;
  readonly secretKey?: string | undefined;
  readonly webhookSecret?: string | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly webhookId?: string | undefined;
  /** null: back to the gateway's own address. */
  readonly baseUrl?: string | null | undefined;
}

type Tables = PaymentsTables;

export function createGatewaySettings(deps: {
  readonly database: Database;
  readonly secrets: ModuleSecrets;
  readonly audit: AuditLog;
}) {
  const { database, secrets } = deps;

  const settingsOf = (ctx: RequestContext) =>
    database.withTenant<Tables, { gateway: GatewayName; isDefault: boolean; baseUrl: string | null }[]>(
      ctx,
      (trx) =>
        trx.selectFrom('payments.gateway_settings').select(['gateway', 'isDefault', 'baseUrl']).execute(),
    );

  const baseUrlOf = async (ctx: RequestContext, gateway: GatewayName) =>
    (await settingsOf(ctx)).find((row) => row.gateway === gateway)?.baseUrl ?? null;

  return {
    async defaultGateway(ctx: RequestContext): Promise<GatewayName> {
      return (await settingsOf(ctx)).find((row) => row.isDefault)?.gateway ?? 'simulator';
    },

    async stripeConfig(ctx: RequestContext): Promise<StripeConfig | undefined> {
      const secretKey = await secrets.read(ctx, SECRET_NAMES.stripeSecretKey);
      if (!secretKey) return undefined;
      return {
        secretKey,
        webhookSecret: await secrets.read(ctx, SECRET_NAMES.stripeWebhookSecret),
        baseUrl: await baseUrlOf(ctx, 'stripe'),
      };
    },

    async paypalConfig(ctx: RequestContext): Promise<PaypalConfig | undefined> {
      const [clientId, clientSecret] = await Promise.all([
        secrets.read(ctx, SECRET_NAMES.paypalClientId),
        secrets.read(ctx, SECRET_NAMES.paypalClientSecret),
      ]);
      if (!clientId || !clientSecret) return undefined;
      return {
        clientId,
        clientSecret,
        webhookId: await secrets.read(ctx, SECRET_NAMES.paypalWebhookId),
        baseUrl: await baseUrlOf(ctx, 'paypal'),
      };
    },

    async list(ctx: RequestContext): Promise<GatewayInfo[]> {
      const [rows, names] = await Promise.all([settingsOf(ctx), secrets.names(ctx)]);
      const has = (name: string) => names.includes(name);
      const defaultName = rows.find((row) => row.isDefault)?.gateway ?? 'simulator';
      const stripeKey = has(SECRET_NAMES.stripeSecretKey)
        ? await secrets.read(ctx, SECRET_NAMES.stripeSecretKey)
        : undefined;
      const paypalBase = rows.find((row) => row.gateway === 'paypal')?.baseUrl;
      return [
        { name: 'simulator', configured: true, default: defaultName === 'simulator', mode: 'test' },
        {
          name: 'stripe',
          configured: stripeKey !== undefined,
          default: defaultName === 'stripe',
          mode: stripeKey?.startsWith('sk_live_') ? 'live' : 'test',
        },
        {
          name: 'paypal',
          configured: has(SECRET_NAMES.paypalClientId) && has(SECRET_NAMES.paypalClientSecret),
          default: defaultName === 'paypal',
          mode: paypalBase?.replace(/\/+$/, '') === PAYPAL_LIVE_API ? 'live' : 'test',
        },
      ];
    },

    async configure(
      ctx: RequestContext,
      gateway: GatewayName,
      input: GatewayConfigInput,
    ): Promise<GatewayInfo[]> {
      const writes: [string, string | undefined][] =
        gateway === 'stripe'
          ? [
              [SECRET_NAMES.stripeSecretKey, input.secretKey],
              [SECRET_NAMES.stripeWebhookSecret, input.webhookSecret],
            ]
          : gateway === 'paypal'
            ? [
                [SECRET_NAMES.paypalClientId, input.clientId],
                [SECRET_NAMES.paypalClientSecret, input.clientSecret],
                [SECRET_NAMES.paypalWebhookId, input.webhookId],
              ]
            : [];
      const foreign = (
        gateway === 'stripe'
          ? (['clientId', 'clientSecret', 'webhookId'] as const)
          : gateway === 'paypal'
            ? (['secretKey', 'webhookSecret'] as const)
            : (['secretKey', 'webhookSecret', 'clientId', 'clientSecret', 'webhookId', 'baseUrl'] as const)
      ).find((field) => input[field] !== undefined && input[field] !== null);
      if (foreign)
        throw PaymentsErrors.invalidInput(`body.${foreign}`, `is not a setting of the ${gateway} gateway`);
      for (const [name, value] of writes) if (value !== undefined) await secrets.put(ctx, name, value);
      if (input.default === true && gateway !== 'simulator') {
        const configured = (await this.list(ctx)).find((info) => info.name === gateway)?.configured;
        if (!configured) throw PaymentsErrors.gatewayNotConfigured(gateway);
      }
      await database.withTenant<Tables>(ctx, async (trx) => {
        if (input.default === true)
          await trx
            .updateTable('payments.gateway_settings')
            .set({ isDefault: false })
            .where('gateway', '!=', gateway)
            .execute();
        await trx
          .insertInto('payments.gateway_settings')
          .values({
            tenantId: ctx.tenantId,
            gateway,
            isDefault: input.default ?? false,
            baseUrl: input.baseUrl ?? null,
          })
          .onConflict((oc) =>
            oc.columns(['tenantId', 'gateway']).doUpdateSet({
              ...(input.default !== undefined ? { isDefault: input.default } : {}),
              ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
              updatedAt: new Date(),
            }),
          )
          .execute();
        await deps.audit.append(trx, ctx, {
          action: 'payments.gateway_configured',
          target: { type: 'payment_gateway', id: gateway },
          details: {
            default: input.default ?? null,
            baseUrlChanged: input.baseUrl !== undefined,
            // Which secrets were set, never their values.
            secretsSet: writes.filter(([, value]) => value !== undefined).map(([name]) => name),
          },
        });
      });
      return this.list(ctx);
    },
  };
}

export type GatewaySettings = ReturnType<typeof createGatewaySettings>;
