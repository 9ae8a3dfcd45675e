import type { SchemaClassification } from '../../../platform/privacy/index.js';

/**
 * How sensitive each column of the metering schema is (see src/platform/privacy/classification.ts).
 * Usage counts and prices name no person; the price list is the tenant's commercial terms.
 */
export const meteringClassification: SchemaClassification = {
  counted_events: {
    event_id: 'internal',
    tenant_id: 'internal',
    counted_at: 'internal',
  },
  daily_usage: {
    tenant_id: 'internal',
    day: 'internal',
    meter: 'internal',
    dimension: 'internal',
    quantity: 'internal',
    updated_at: 'internal',
  },
  unit_prices: {
    tenant_id: 'internal',
    meter: 'internal',
    currency: 'confidential',
    unit_price: 'confidential',
    updated_at: 'internal',
    updated_by: 'internal',
  },
};
