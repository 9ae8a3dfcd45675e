import type { RequestContext } from '../../platform/context.js';

/*
 * Metering's public face: usage per tenant by day and meter, the tenant's unit prices, and the
 * cost-allocation report. Quantities, prices and costs are decimal strings, exact (never floats).
 */

/** A period of whole UTC days, both ends included: `2024-05-01` to `2024-05-31`. */
export interface UsagePeriod {
  readonly from: string;
  readonly to: string;
}

/** One meter as the catalogue describes it. */
export interface MeterInfo {
  /** `call_records`, `audio_minutes`, `storage`… (docs/metering.md). */
  readonly meter: string;
  /** The module whose work it measures (for storage, each line names its area's module). */
  readonly module: string;
  /** What a price is per: `record`, `minute`, `1M tokens`, `GB-day`. */
  readonly unit: string;
  readonly description: string;
}

/** A meter's usage in the period and what it costs at the tenant's price. */
export interface UsageLine {
  readonly meter: string;
  /** The storage area (top-level object folder: `audio`, `exports`…); null for other meters. */
  readonly area: string | null;
  readonly module: string;
  readonly unit: string;
  /** In `unit`, up to six decimals: "12.5" minutes. */
  readonly quantity: string;
  /** The price per unit ("0.002"), or "0" when the tenant has none for the meter. */
  readonly unitPrice: string;
  /** quantity × unitPrice, six decimals, in the price list's currency. */
  readonly cost: string;
}

/** One day's quantity of one meter (and area), in the meter's unit. */
export interface DailyUsage {
  readonly day: string;
  readonly meter: string;
  readonly area: string | null;
  readonly quantity: string;
}

export interface UsageSummary {
  readonly period: UsagePeriod;
  /** The price list's currency; null while the tenant has no prices (every cost is then 0). */
  readonly currency: string | null;
  /** Every meter, used or not (storage once per area measured), in catalogue order. */
  readonly lines: readonly UsageLine[];
  /** The sum of the lines' costs, summed before rounding. */
  readonly totalCost: string;
  readonly daily: readonly DailyUsage[];
}

export interface UnitPrice extends MeterInfo {
  /** "0" when none is set. */
  readonly unitPrice: string;
}

export interface PriceList {
  readonly currency: string | null;
  readonly prices: readonly UnitPrice[];
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

export interface NewPriceList {
  readonly currency: string;
  /** Meter → price per unit as a decimal string; a meter left out costs nothing. */
  readonly prices: Readonly<Record<string, string>>;
}

/** The cost-allocation report as a file. */
export interface UsageReportFile {
  readonly filename: string;
  readonly csv: string;
  readonly rows: number;
}

export interface UsageService {
  summary(ctx: RequestContext, period: UsagePeriod): Promise<UsageSummary>;
  /** tenant, period, meter, area, module, quantity, unit, unit price, currency, cost: one row per line. */
  report(ctx: RequestContext, period: UsagePeriod): Promise<UsageReportFile>;
}

export interface PricesService {
  get(ctx: RequestContext): Promise<PriceList>;
  /** Replaces the whole list (audited as `metering.prices_changed`). */
  replace(ctx: RequestContext, list: NewPriceList): Promise<PriceList>;
}

/** What the daily storage measurement found for one tenant. */
export interface StorageMeasurement {
  readonly tenantId: string;
  readonly day: string;
  /** Area → bytes. */
  readonly bytes: Readonly<Record<string, number>>;
}
