import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { UsagePeriod, UsageService, UsageSummary } from '../contract.js';
import type { MeteringTables } from '../db/metering.tables.js';
import { listPrices, type PriceRow } from '../prices/prices.repo.js';
import { checkPeriod } from './period.js';
import { priceLines, scalePrice } from './pricing.js';
import { reportCsv } from './report-csv.js';
import { usageRows, type UsageRow } from './usage.repo.js';

/** The tenant as the report names it. */
export interface ReportTenant {
  /** `ten_…` */
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

export function createUsageService(deps: {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly tenantOf: (ctx: RequestContext) => Promise<ReportTenant>;
}): UsageService {
  const { database } = deps;

  async function summary(ctx: RequestContext, period: UsagePeriod): Promise<UsageSummary> {
    const { from, to } = checkPeriod(period);
    const { rows, prices } = await database.withTenant<
      MeteringTables,
      { rows: UsageRow[]; prices: PriceRow[] }
    >(ctx, async (trx) => ({ rows: await usageRows(trx, from, to), prices: await listPrices(trx) }));
    const scaled = new Map(prices.map((price) => [price.meter, scalePrice(price.unitPrice)]));
    return {
      period: { from, to },
      currency: prices[0]?.currency ?? null,
      ...priceLines(rows, scaled),
    };
  }

  return {
    summary,
    async report(ctx, period) {
      const usage = await summary(ctx, period);
      const tenant = await deps.tenantOf(ctx);
      const csv = reportCsv(tenant, usage.period, usage.currency, usage.lines);
      await deps.audit.record(ctx, {
        action: 'metering.report_exported',
        target: { type: 'usage_report', id: `${usage.period.from}..${usage.period.to}` },
        details: { from: usage.period.from, to: usage.period.to, rows: usage.lines.length },
      });
      return {
        filename: `usage-${tenant.slug}-${usage.period.from}-${usage.period.to}.csv`,
        csv,
        rows: usage.lines.length,
      };
    },
  };
}
