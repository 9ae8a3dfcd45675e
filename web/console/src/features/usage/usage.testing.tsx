import { renderFeatureRoute } from '@/kit/route-testing';
import type { PriceList, UsageSummary } from './usage.api';
import { usageRoutes } from './routes';

/** Test-only: the usage page under a memory router, as the console mounts it. */
export function renderUsageRoute(path: string) {
  return renderFeatureRoute(usageRoutes, path);
}

const meter = (
  meter: string,
  module: string,
  unit: string,
  quantity: string,
  unitPrice: string,
  cost: string,
) => ({
  meter,
  area: null,
  module,
  unit,
  quantity,
  unitPrice,
  cost,
});

/** What GET /api/v1/metering/usage answers for May 2024 of a tenant with prices in EUR. */
export const usageAnswer: UsageSummary = {
  period: { from: '2024-05-01', to: '2024-05-03' },
  currency: 'EUR',
  lines: [
    meter('call_records', 'calls', 'record', '1200', '0.001', '1.200000'),
    meter('recordings', 'conversations', 'recording', '0', '0', '0.000000'),
    meter('audio_minutes', 'conversations', 'minute', '90.5', '0.02', '1.810000'),
    meter('orders', 'orders', 'order', '3', '0.5', '1.500000'),
    { ...meter('storage', 'conversations', 'GB-day', '1.5', '0', '0.000000'), area: 'audio' },
  ],
  totalCost: '4.510000',
  daily: [
    { day: '2024-05-01', meter: 'call_records', area: null, quantity: '700' },
    { day: '2024-05-03', meter: 'call_records', area: null, quantity: '500' },
    { day: '2024-05-01', meter: 'storage', area: 'audio', quantity: '0.5' },
  ],
};

export const pricesAnswer: PriceList = {
  currency: 'EUR',
  prices: [
    { meter: 'call_records', module: 'calls', unit: 'record', description: '', unitPrice: '0.001' },
    { meter: 'audio_minutes', module: 'conversations', unit: 'minute', description: '', unitPrice: '0.02' },
    { meter: 'orders', module: 'orders', unit: 'order', description: '', unitPrice: '0.5' },
    { meter: 'storage', module: 'storage', unit: 'GB-day', description: '', unitPrice: '0' },
  ],
  updatedAt: '2024-05-02T10:00:00.000Z',
  updatedBy: 'usr_ann',
};
