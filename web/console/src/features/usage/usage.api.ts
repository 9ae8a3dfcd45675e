import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { paths } from '@/api/schema.gen';
import type { Schema } from '@/api/types';
import { downloadFromApi } from '@/kit/download';
import { queryString } from '@/kit/json-api';
import type { Period } from './usage.search';

/** The metering module's answers, as the OpenAPI document types them (schema.gen.ts). */
export type UsageSummary = Schema<'UsageSummary'>;
export type UsageLine = Schema<'UsageLine'>;
export type PriceList = Schema<'MeteringPriceList'>;
export type PriceListBody =
  paths['/api/v1/metering/prices']['put']['requestBody']['content']['application/json'];

export const usageQuery = (period: Period) =>
  queryOptions({
    queryKey: ['metering', 'usage', period.from, period.to],
    queryFn: () =>
      unwrap(api.GET('/api/v1/metering/usage', { params: { query: { from: period.from, to: period.to } } })),
  });

export const pricesQuery = queryOptions({
  queryKey: ['metering', 'prices'],
  queryFn: () => unwrap(api.GET('/api/v1/metering/prices')),
});

export function savePrices(body: PriceListBody): Promise<PriceList> {
  return unwrap(api.PUT('/api/v1/metering/prices', { body }));
}

/** The cost-allocation report of the period as a CSV file (fetched with the session's token). */
export function downloadReport(period: Period): Promise<void> {
  return downloadFromApi(
    `/api/v1/metering/report.csv${queryString({ from: period.from, to: period.to })}`,
    `usage-${period.from}-${period.to}.csv`,
  );
}
