import { createHash } from 'node:crypto';
import type { RequestContext } from '../../../platform/context.js';
import { systemContext } from '../../../platform/context.js';
import { currencyExponent } from '../../../platform/money.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { ShipmentStatus } from '../contract.js';
import type {
  Carrier,
  CarrierAddress,
  CarrierRate,
  Parcel,
  TrackerUpdate,
  TrackingDetail,
} from './carrier.js';
import { labelPdf } from './label-pdf.js';
import { ShippingErrors } from './shipping.errors.js';

/*
 * The embedded default carrier: no network, no keys. Rates are deterministic (the parcel's weight,
 * a zone from the origin and destination countries); a label is a one-page PDF; tracking advances
 * by itself — pre_transit, in_transit, out_for_delivery, delivered — at fixed fractions of the
 * service's transit days, `speed` dividing the wall clock (SWITCHBOARD_SIMULATOR_SPEED; tests: 100000).
 * Each step is handed to `deliver`, the same ingestion EasyPost's webhook feeds. The tracker id
 * carries its start and transit days, so `retrieveTracker` answers the same from the clock alone
 * (the catch-up timer uses it after a restart lost the in-process timers).
 */

export type DeliverTracking = (ctx: RequestContext, update: TrackerUpdate) => Promise<void>;

export interface SimulatorCarrierOptions {
  readonly deliver: DeliverTracking;
  readonly logger: Logger;
  /** Wall-clock divisor; 1 is real time. */
  readonly speed?: number | undefined;
  readonly now?: () => Date;
}

export interface SimulatorCarrier extends Carrier {
  readonly name: 'simulator';
  close(): void;
}

const EU = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);
type Zone = 'domestic' | 'eu' | 'world';

export function zoneOf(from: string, to: string): Zone {
  if (from === to) return 'domestic';
  return EU.has(from) && EU.has(to) ? 'eu' : 'world';
}

/** Prices in hundredths of the currency's major unit: base + per started kilogram, and transit days. */
const TARIFF: Readonly<Record<Zone, { base: number; perKg: number; days: number }>> = {
  domestic: { base: 490, perKg: 100, days: 2 },
  eu: { base: 990, perKg: 200, days: 4 },
  world: { base: 1990, perKg: 500, days: 8 },
};
const SERVICES = [
  { code: 'standard', name: 'Simulated Standard', factor: 1, speedup: 1 },
  { code: 'express', name: 'Simulated Express', factor: 2, speedup: 2 },
] as const;

/** The steps of a simulated journey, as fractions of the transit time. */
const STEPS: readonly { status: ShipmentStatus; at: number; message: string }[] = [
  { status: 'pre_transit', at: 0.02, message: 'Shipping label created, the parcel is announced' },
  { status: 'in_transit', at: 0.2, message: 'Picked up by the carrier' },
  { status: 'out_for_delivery', at: 0.85, message: 'Out for delivery' },
  { status: 'delivered', at: 1, message: 'Delivered' },
];

const HOUR_MS = 3_600_000;

export function simulatorRates(
  parcel: Parcel,
  from: CarrierAddress,
  to: CarrierAddress,
  currency: string,
): CarrierRate[] {
  const zone = zoneOf(from.country, to.country);
  const tariff = TARIFF[zone];
  const kilograms = Math.max(1, Math.ceil(parcel.weightGrams / 1000));
  const exponent = currencyExponent(currency);
  return SERVICES.map((service) => {
    const hundredths = (tariff.base + tariff.perKg * kilograms) * service.factor;
    const amountMinor = Math.round((hundredths * 10 ** exponent) / 100);
    const days = Math.max(1, Math.ceil(tariff.days / service.speedup));
    return {
      rateId: `simrate_${service.code}_${zone}_${days}d_${parcel.weightGrams}g_${currency}_${amountMinor}`,
      carrierShipmentId: null,
      carrier: 'Simulator',
      service: service.name,
      price: { amountMinor, currency },
      deliveryDays: days,
    };
  });
}

export function createSimulatorCarrier(options: SimulatorCarrierOptions): SimulatorCarrier {
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const now = options.now ?? (() => new Date());
  const timers = new Set<NodeJS.Timeout>();

  const parseTracker = (trackerId: string) => {
    const match = /^simtrk_(\d{13})_(\d{1,2})_(SIM\d{14})$/.exec(trackerId);
    if (!match) return undefined;
    return { startedAt: Number(match[1]), days: Number(match[2]), trackingCode: match[3] ?? '' };
  };

  /** The tracker as of `at`: the steps reached so far. */
  function stateAt(trackerId: string, at: number, upTo?: number): TrackerUpdate {
    const tracker = parseTracker(trackerId);
    if (!tracker) throw ShippingErrors.carrierRefused('simulator', 'unknown tracker');
    const transitMs = (tracker.days * 24 * HOUR_MS) / speed;
    const reached = STEPS.filter((step, index) =>
      upTo === undefined ? tracker.startedAt + step.at * transitMs <= at : index <= upTo,
    );
    // The detail's time is the simulated one (the journey at speed 1), so fulfilment times look real.
    const details: TrackingDetail[] = reached.map((step) => ({
      status: step.status,
      message: step.message,
      location: step.status === 'delivered' ? 'Destination' : 'Simulator hub',
      at: new Date(tracker.startedAt + step.at * tracker.days * 24 * HOUR_MS),
    }));
    const last = reached[reached.length - 1];
    return {
      sourceEventId: upTo === undefined ? null : `${trackerId}:${last?.status ?? 'none'}`,
      description: 'tracker.updated',
      trackerId,
      trackingCode: tracker.trackingCode,
      carrierShipmentId: null,
      status: last?.status ?? 'pre_transit',
      details,
    };
  }

  return {
    name: 'simulator',
    rates: (_ctx, input) =>
      Promise.resolve(simulatorRates(input.parcel, input.from, input.to, input.currency)),
    buy(_ctx, input) {
      const rate = simulatorRates(input.parcel, input.from, input.to, input.currency).find(
        (candidate) => candidate.rateId === input.rateId,
      );
      if (!rate) return Promise.reject(ShippingErrors.unknownRate());
      const digits = BigInt(
        `0x${createHash('sha256').update(input.label.shipmentId).digest('hex').slice(0, 12)}`,
      )
        .toString()
        .padStart(13, '0')
        .slice(-13);
      const trackingCode = `SIM${rate.deliveryDays ?? 1}${digits}`;
      const to = input.to;
      const body = labelPdf([
        'SWITCHBOARD SIMULATED CARRIER - NOT A REAL LABEL',
        rate.service,
        `Tracking: ${trackingCode}`,
        `Order: ${input.label.orderNumber}`,
        `Weight: ${input.parcel.weightGrams} g`,
        '',
        'SHIP TO:',
        to.name,
        ...(to.company ? [to.company] : []),
        to.street1,
        ...(to.street2 ? [to.street2] : []),
        `${to.zip} ${to.city}`,
        ...(to.state ? [to.state] : []),
        to.country,
        '',
        `FROM: ${input.from.name}, ${input.from.city}, ${input.from.country}`,
      ]);
      return Promise.resolve({
        carrierShipmentId: null,
        trackingCode,
        trackingUrl: null,
        labelUrl: null,
        labelBytes: { body, contentType: 'application/pdf', extension: 'pdf' },
        cost: rate.price,
        service: rate.service,
        trackerId: null,
      });
    },
    createTracker(ctx, input) {
      const match = /^SIM(\d)\d{13}$/.exec(input.trackingCode);
      if (!match)
        return Promise.reject(ShippingErrors.carrierRefused('simulator', 'not a simulator tracking code'));
      const startedAt = now().getTime();
      const trackerId = `simtrk_${startedAt}_${match[1]}_${input.trackingCode}`;
      const transitMs = (Number(match[1]) * 24 * HOUR_MS) / speed;
      const tenantCtx = systemContext(ctx.tenantId, ctx.requestId, 'shipping-simulator');
      STEPS.forEach((step, index) => {
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            options.deliver(tenantCtx, stateAt(trackerId, Date.now(), index)).catch((error: unknown) => {
              // The catch-up timer delivers it again from retrieveTracker.
              options.logger.warn(
                { err: error, trackerId, step: step.status },
                'simulated tracking step not applied',
              );
            });
          },
          Math.max(1, step.at * transitMs),
        );
        timer.unref();
        timers.add(timer);
      });
      return Promise.resolve({ trackerId });
    },
    retrieveTracker: (_ctx, trackerId) => {
      try {
        return Promise.resolve(stateAt(trackerId, now().getTime()));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
