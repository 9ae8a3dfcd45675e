import { AppError } from '../../../../platform/errors.js';
import { newUuid, toPublicId } from '../../../../platform/ids.js';
import type {
  InventoryService,
  ProductsService,
  Reservation,
  SellableProduct,
} from '../../../catalog/index.js';
import type { Payment, PaymentsService, PaymentTransaction } from '../../../payments/index.js';

/*
 * TEST ONLY. In-memory fakes of the catalog's and payments' doors, for orders' tests while the real
 * features are built in parallel. Installed by replacing the members of `platform.modules.catalog`
 * and `platform.modules.payments` (orders reads them at each call).
 */

export interface FakeProduct {
  readonly sku: string;
  readonly name?: string;
  readonly status?: 'draft' | 'active' | 'archived';
  readonly prices: Record<string, number>;
  readonly taxClass?: string;
  readonly stock: number;
}

export function fakeCatalog(products: readonly FakeProduct[]) {
  const bySku = new Map(products.map((p) => [p.sku, { ...p, productId: toPublicId('prod', newUuid()) }]));
  const stock = new Map<string, number>([...bySku.values()].map((p) => [p.productId, p.stock]));
  const holds = new Map<string, Reservation[]>();
  const restocked: { orderId: string; productId: string; quantity: number }[] = [];
  const calls = { reserve: 0, release: 0 };
  const products$: Pick<ProductsService, 'sellable'> = {
    sellable: (_ctx, skus, currency) =>
      Promise.resolve(
        new Map(
          skus.flatMap((sku): [string, SellableProduct][] => {
            const p = bySku.get(sku);
            if (!p) return [];
            const price = p.prices[currency];
            return [
              [
                sku,
                {
                  productId: p.productId,
                  sku,
                  name: p.name ?? sku,
                  status: p.status ?? 'active',
                  unitPrice: price === undefined ? undefined : { amountMinor: price, currency },
                  taxClass: p.taxClass ?? 'standard',
                },
              ],
            ];
          }),
        ),
      ),
  };
  const inventory: Pick<InventoryService, 'reserve' | 'release' | 'restock' | 'staleHolds' | 'consume'> = {
    reserve(_ctx, input) {
      calls.reserve += 1;
      const held = holds.get(input.orderId)?.filter((r) => r.state === 'held');
      if (held && held.length > 0) return Promise.resolve(held);
      const short = input.lines.filter((l) => (stock.get(l.productId) ?? 0) < l.quantity);
      if (short.length > 0)
        return Promise.reject(new AppError('CATALOG_OUT_OF_STOCK', 'conflict', 'Not enough stock.'));
      const made = input.lines.map((l, i): Reservation => {
        stock.set(l.productId, (stock.get(l.productId) ?? 0) - l.quantity);
        return {
          id: `res_fake${i}`,
          orderId: input.orderId,
          lineId: l.lineId,
          productId: l.productId,
          locationId: 'loc_fake',
          quantity: l.quantity,
          state: 'held',
        };
      });
      holds.set(input.orderId, made);
      return Promise.resolve(made);
    },
    release(_ctx, orderId) {
      calls.release += 1;
      let released = 0;
      holds.set(
        orderId,
        (holds.get(orderId) ?? []).map((r) => {
          if (r.state !== 'held') return r;
          stock.set(r.productId, (stock.get(r.productId) ?? 0) + r.quantity);
          released += r.quantity;
          return { ...r, state: 'released' };
        }),
      );
      return Promise.resolve(released);
    },
    consume: () => Promise.resolve(),
    restock(_ctx, input) {
      stock.set(input.productId, (stock.get(input.productId) ?? 0) + input.quantity);
      restocked.push({ orderId: input.orderId, productId: input.productId, quantity: input.quantity });
      return Promise.resolve();
    },
    staleHolds: () => Promise.resolve([]),
  };
  return {
    products: products$,
    inventory,
    calls,
    restocked,
    available: (sku: string) => stock.get(bySku.get(sku)?.productId ?? '') ?? 0,
    holdsOf: (orderId: string) => holds.get(orderId) ?? [],
  };
}

/** Simulator-like test cards: 4242… authorised, 4000…0002 declined, 4000002500003155 needs 3-D Secure. */
export function fakePayments() {
  const payments = new Map<string, Payment>();
  const byKey = new Map<string, string>();
  let seq = 0;
  const tx = (
    kind: PaymentTransaction['kind'],
    amountMinor: number,
    currency: string,
    status: PaymentTransaction['status'],
    key: string,
    failureCode: string | null = null,
  ): PaymentTransaction => ({
    id: `ptx_fake${(seq += 1)}`,
    kind,
    amount: { amountMinor, currency },
    status,
    gatewayReference: null,
    failureCode,
    failureMessage: null,
    idempotencyKey: key,
    createdAt: new Date(),
    settledAt: new Date(),
  });
  const update = (id: string, change: (p: Payment) => Payment) => {
    const current = payments.get(id);
    if (!current) return Promise.reject(new AppError('PAYMENTS_NOT_FOUND', 'not_found', 'no payment'));
    const next = { ...change(current), updatedAt: new Date() };
    payments.set(id, next);
    return Promise.resolve(next);
  };
  const seen = (p: Payment, key: string) => p.transactions.some((t) => t.idempotencyKey === key);
  const service: PaymentsService = {
    authorize(_ctx, input) {
      const existing = byKey.get(input.idempotencyKey);
      if (existing) return Promise.resolve(payments.get(existing) as Payment);
      const number = input.method.type === 'test_card' ? input.method.number : '4242424242424242';
      const status =
        number === '4000000000000002'
          ? 'failed'
          : number === '4000002500003155'
            ? 'requires_action'
            : 'authorized';
      const id = `pay_fake${(seq += 1)}`;
      const payment: Payment = {
        id,
        orderId: input.orderId,
        gateway: input.gateway ?? 'simulator',
        gatewayReference: `sim_${id}`,
        status,
        amount: input.amount,
        authorizedMinor: status === 'authorized' ? input.amount.amountMinor : 0,
        capturedMinor: 0,
        refundedMinor: 0,
        method: { type: 'card', brand: 'visa', last4: number.slice(-4) },
        nextAction: status === 'requires_action' ? { type: '3ds', url: 'http://fake/3ds' } : null,
        failureCode: status === 'failed' ? 'card_declined' : null,
        transactions: [
          tx(
            'authorize',
            input.amount.amountMinor,
            input.amount.currency,
            status === 'failed' ? 'failed' : status === 'authorized' ? 'succeeded' : 'pending',
            input.idempotencyKey,
            status === 'failed' ? 'card_declined' : null,
          ),
        ],
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      payments.set(id, payment);
      byKey.set(input.idempotencyKey, id);
      return Promise.resolve(payment);
    },
    capture: (_ctx, id, input) =>
      update(id, (p) => {
        if (seen(p, input.idempotencyKey)) return p;
        if (p.status !== 'authorized')
          throw new AppError('PAYMENTS_NOT_CAPTURABLE', 'conflict', `cannot capture ${p.status}`);
        const amount = input.amountMinor ?? p.authorizedMinor - p.capturedMinor;
        return {
          ...p,
          status: 'captured',
          capturedMinor: p.capturedMinor + amount,
          transactions: [
            ...p.transactions,
            tx('capture', amount, p.amount.currency, 'succeeded', input.idempotencyKey),
          ],
        };
      }),
    void: (_ctx, id, input) =>
      update(id, (p) => {
        if (seen(p, input.idempotencyKey) || p.status === 'voided' || p.status === 'failed') return p;
        if (p.capturedMinor > 0) throw new AppError('PAYMENTS_NOT_VOIDABLE', 'conflict', 'captured');
        return {
          ...p,
          status: 'voided',
          transactions: [
            ...p.transactions,
            tx('void', p.authorizedMinor, p.amount.currency, 'succeeded', input.idempotencyKey),
          ],
        };
      }),
    refund: (_ctx, id, input) =>
      update(id, (p) => {
        if (seen(p, input.idempotencyKey)) return p;
        if (input.amountMinor > p.capturedMinor - p.refundedMinor)
          throw new AppError('PAYMENTS_REFUND_TOO_LARGE', 'unprocessable', 'too much');
        const refunded = p.refundedMinor + input.amountMinor;
        return {
          ...p,
          status: refunded === p.capturedMinor ? 'refunded' : 'partially_refunded',
          refundedMinor: refunded,
          transactions: [
            ...p.transactions,
            tx('refund', input.amountMinor, p.amount.currency, 'succeeded', input.idempotencyKey),
          ],
        };
      }),
    get: (_ctx, id) => {
      const p = payments.get(id);
      return p
        ? Promise.resolve(p)
        : Promise.reject(new AppError('PAYMENTS_NOT_FOUND', 'not_found', 'no payment'));
    },
    forOrder: (_ctx, orderId) => Promise.resolve([...payments.values()].filter((p) => p.orderId === orderId)),
  };
  /** The customer finished 3-D Secure: the payment is authorised (or denied). */
  const settle3ds = (id: string, approve: boolean) =>
    update(id, (p) => ({
      ...p,
      status: approve ? 'authorized' : 'failed',
      authorizedMinor: approve ? p.amount.amountMinor : 0,
      failureCode: approve ? null : 'authentication_failed',
    }));
  return { service, payments, settle3ds };
}

/** Replaces the members of the platform's catalog and payments apis with the fakes. */
export function installFakes(
  modules: { catalog: { products: object; inventory: object }; payments: object },
  catalog: ReturnType<typeof fakeCatalog>,
  payments: ReturnType<typeof fakePayments>,
): void {
  Object.assign(modules.catalog.products, catalog.products);
  Object.assign(modules.catalog.inventory, catalog.inventory);
  Object.assign(modules.payments, payments.service);
}
