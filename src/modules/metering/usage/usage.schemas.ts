import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import { dayOf } from './period.js';

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  429: problemSchema,
};

// abort: an over-long value is refused for its length alone, not also for its shape.
const day = z
  .string()
  .max(10, { abort: true })
  .refine((value) => dayOf(value) !== undefined, { message: 'must be a date (YYYY-MM-DD) from 1970 on' });

export const periodQuerySchema = z.strictObject({
  from: day.describe('First UTC day of the period, included (YYYY-MM-DD)'),
  to: day.describe('Last UTC day of the period, included (YYYY-MM-DD); at most 366 days after from'),
});

const decimal = (what: string) => z.string().describe(`${what}, an exact decimal string`);

const lineSchema = z
  .object({
    meter: z.string(),
    area: z.string().nullable().describe('The storage area (top-level object folder); null for other meters'),
    module: z.string().describe('The module whose work the line measures'),
    unit: z
      .string()
      .describe('What the quantity is in and a price is per: record, minute, 1M tokens, GB-day'),
    quantity: decimal('In the unit, up to six decimals'),
    unitPrice: decimal('Price per unit in the currency; "0" when none is set'),
    cost: decimal('quantity × unitPrice, six decimals'),
  })
  .meta({ id: 'UsageLine' });

export const usageSummarySchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    currency: z
      .string()
      .nullable()
      .describe("The price list's currency; null while the tenant has no prices"),
    lines: z.array(lineSchema).describe('Every meter, used or not; storage once per area'),
    totalCost: decimal('The sum of the costs'),
    daily: z.array(
      z.object({
        day: z.string(),
        meter: z.string(),
        area: z.string().nullable(),
        quantity: decimal("In the meter's unit"),
      }),
    ),
  })
  .meta({ id: 'UsageSummary' });

export const csvResponse = {
  200: {
    description: 'The cost-allocation report as CSV',
    content: { 'text/csv': { schema: z.string() } },
  },
  ...problems,
};
