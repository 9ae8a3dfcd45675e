import type { FieldProblem } from '../../../platform/errors.js';
import { allocate, taxOf } from '../../../platform/money.js';
import type { Address } from '../contract.js';
import type { Discount, OrdersSettingsDocument, TaxRate } from './order-settings.js';

/*
 * An order's totals, in integer minor units of its currency, computed here and only here:
 *   line net   = quantity × unit price − its share of the discount (allocated by line value)
 *   line tax   = taxOf(net, rate)                       (prices exclusive of tax, the default)
 *              = net − round(net × 10000 / (10000 + rate)) (prices inclusive of tax)
 *   line total = net + tax (exclusive) or net (inclusive: the tax is inside)
 *   shipping   = the option's price, 0 when the discounted subtotal reaches its free-over threshold;
 *                taxed at the destination's standard rate like a line
 *   total      = Σ line totals + shipping (+ its tax when exclusive)
 */

export interface PricedLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly taxClass: string;
}

export interface LineTotals {
  readonly discountMinor: number;
  readonly taxRateBp: number;
  readonly taxMinor: number;
  readonly totalMinor: number;
}

export interface OrderTotals {
  readonly lines: readonly LineTotals[];
  readonly subtotalMinor: number;
  readonly discountMinor: number;
  readonly shippingMinor: number;
  readonly shippingTaxMinor: number;
  readonly taxMinor: number;
  readonly totalMinor: number;
  readonly shippingOption: string | null;
}

/** The rate for a country, region and tax class: a region's own rate first, then the country's. */
export function rateFor(
  rates: readonly TaxRate[],
  address: Pick<Address, 'country' | 'region'>,
  taxClass: string,
): number {
  const ofClass = rates.filter((r) => r.country === address.country && r.taxClass === taxClass);
  const regional = address.region
    ? ofClass.find((r) => r.region !== undefined && r.region.toUpperCase() === address.region?.toUpperCase())
    : undefined;
  return (regional ?? ofClass.find((r) => r.region === undefined))?.rateBasisPoints ?? 0;
}

function taxInside(grossMinor: number, rateBp: number): number {
  if (rateBp === 0) return 0;
  // net = gross × 10000 / (10000 + rate), rounded half up in integers; the tax is the rest.
  const numerator = grossMinor * 10_000;
  const denominator = 10_000 + rateBp;
  const net = Math.floor((2 * numerator + denominator) / (2 * denominator));
  return grossMinor - net;
}

/** Whether a discount applies now to this subtotal and currency; the problem when it does not. */
export function discountProblem(
  discount: Discount | undefined,
  subtotalMinor: number,
  currency: string,
  now: Date,
): FieldProblem | undefined {
  const field = 'body.discountCode';
  if (!discount || !discount.active) return { field, message: 'is not an active discount code' };
  if (discount.startsAt && now < discount.startsAt) return { field, message: 'is not valid yet' };
  if (discount.endsAt && now >= discount.endsAt) return { field, message: 'has expired' };
  if (discount.kind === 'fixed' && discount.amount?.currency !== currency)
    return { field, message: `does not apply to orders in ${currency}` };
  if (discount.minSubtotalMinor !== null && subtotalMinor < discount.minSubtotalMinor)
    return { field, message: `needs a subtotal of at least ${discount.minSubtotalMinor} minor units` };
  return undefined;
}

export function computeTotals(input: {
  readonly lines: readonly PricedLine[];
  readonly currency: string;
  readonly address: Pick<Address, 'country' | 'region'>;
  readonly settings: OrdersSettingsDocument;
  readonly discount: Discount | undefined;
  /** The option asked for; absent: the first option that ships to the country, if any. */
  readonly shippingOptionId: string | undefined;
}): { totals: OrderTotals } | { problems: FieldProblem[] } {
  const { settings, currency, address } = input;
  const gross = input.lines.map((l) => l.quantity * l.unitPriceMinor);
  const subtotalMinor = gross.reduce((sum, value) => sum + value, 0);

  let discountMinor = 0;
  if (input.discount) {
    discountMinor =
      input.discount.kind === 'percent'
        ? taxOf(subtotalMinor, input.discount.percentBasisPoints ?? 0)
        : Math.min(input.discount.amount?.amountMinor ?? 0, subtotalMinor);
  }
  const lineDiscounts = allocate(discountMinor, gross);

  const inclusive = settings.pricesIncludeTax;
  const lines = input.lines.map((line, i): LineTotals => {
    const net = (gross[i] ?? 0) - (lineDiscounts[i] ?? 0);
    const rate = rateFor(settings.taxRates, address, line.taxClass);
    const tax = inclusive ? taxInside(net, rate) : taxOf(net, rate);
    return {
      discountMinor: lineDiscounts[i] ?? 0,
      taxRateBp: rate,
      taxMinor: tax,
      totalMinor: inclusive ? net : net + tax,
    };
  });

  const matching = settings.shippingOptions.filter(
    (o) => !o.countries || o.countries.length === 0 || o.countries.includes(address.country),
  );
  let option = undefined as (typeof matching)[number] | undefined;
  if (input.shippingOptionId !== undefined) {
    option = settings.shippingOptions.find((o) => o.id === input.shippingOptionId);
    if (!option) return { problems: [{ field: 'body.shippingOption', message: 'is not a shipping option' }] };
    if (!matching.includes(option))
      return {
        problems: [{ field: 'body.shippingOption', message: `does not ship to ${address.country}` }],
      };
  } else {
    option = matching.find((o) => o.price.currency === currency);
  }
  if (option && option.price.currency !== currency)
    return {
      problems: [{ field: 'body.shippingOption', message: `has no price in ${currency}` }],
    };
  const discounted = subtotalMinor - discountMinor;
  const shippingMinor =
    !option || (option.freeOverMinor !== undefined && discounted >= option.freeOverMinor)
      ? 0
      : option.price.amountMinor;
  const shippingRate = rateFor(settings.taxRates, address, 'standard');
  const shippingTaxMinor = inclusive
    ? taxInside(shippingMinor, shippingRate)
    : taxOf(shippingMinor, shippingRate);
  const linesTax = lines.reduce((sum, l) => sum + l.taxMinor, 0);
  const linesTotal = lines.reduce((sum, l) => sum + l.totalMinor, 0);
  return {
    totals: {
      lines,
      subtotalMinor,
      discountMinor,
      shippingMinor,
      shippingTaxMinor,
      taxMinor: linesTax + shippingTaxMinor,
      totalMinor: linesTotal + shippingMinor + (inclusive ? 0 : shippingTaxMinor),
      shippingOption: option?.id ?? null,
    },
  };
}
