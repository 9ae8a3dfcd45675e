import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currencySchema } from '../../../platform/money.js';
import type { PriceList, PricesService } from '../contract.js';
import { PRICE_SCALE } from '../decimal.js';
import { meterNames } from '../meters.js';
import { problems } from '../usage/usage.schemas.js';
import { MAX_PRICE_DIGITS } from './prices.service.js';

const tags = ['metering'];

const priceText = z
  .string()
  .max(MAX_PRICE_DIGITS + 1 + PRICE_SCALE, { abort: true })
  .regex(new RegExp(`^\\d{1,${MAX_PRICE_DIGITS}}(\\.\\d{1,${PRICE_SCALE}})?$`), {
    message: `must be a decimal number of at most ${MAX_PRICE_DIGITS} digits before the point and ${PRICE_SCALE} after it`,
  })
  .describe('Price per unit, a decimal string ("0.0025")');

const priceListBody = z.strictObject({
  currency: currencySchema.describe('ISO 4217 code of every price in the list'),
  prices: z
    .strictObject(Object.fromEntries(meterNames.map((meter) => [meter, priceText.optional()])))
    .describe('Meter → price per unit; a meter left out costs nothing'),
});

const priceListSchema = z
  .object({
    currency: z.string().nullable().describe('null until a list is saved'),
    prices: z.array(
      z.object({
        meter: z.string(),
        module: z.string(),
        unit: z.string(),
        description: z.string(),
        unitPrice: z.string().describe('"0" when none is set'),
      }),
    ),
    updatedAt: z.iso.datetime().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'MeteringPriceList' });

const view = (list: PriceList) => ({
  ...list,
  prices: [...list.prices],
  updatedAt: list.updatedAt?.toISOString() ?? null,
});

/** Mounted at /api/v1/metering: the tenant's unit prices (read with metering:read, changed with metering:admin). */
export function pricesRoutes(prices: PricesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/prices',
      {
        config: { permission: 'metering:read' },
        schema: {
          tags,
          summary: "The tenant's unit price of every meter (0 where none is set) and the list's currency",
          response: { 200: priceListSchema, ...problems },
        },
      },
      async (request) => view(await prices.get(request.ctx)),
    );
    app.put(
      '/prices',
      {
        config: { permission: 'metering:admin' },
        schema: {
          tags,
          summary: 'Replaces the price list: one currency, a price per unit for each priced meter (audited)',
          body: priceListBody,
          response: { 200: priceListSchema, ...problems },
        },
      },
      async (request) => {
        const body = request.body;
        const given = Object.entries(body.prices).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        );
        return view(
          await prices.replace(request.ctx, { currency: body.currency, prices: Object.fromEntries(given) }),
        );
      },
    );
    await Promise.resolve();
  };
}
