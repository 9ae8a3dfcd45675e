import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from '../../../platform/context.js';
import type { Money } from '../../../platform/money.js';
import type { CarrierName, ShipmentStatus } from '../contract.js';

/*
 * What a carrier does for shipping: quote rates for a parcel, buy one (a label and a tracking
 * code), track the parcel, and — for carriers that push — verify and read their webhooks. The
 * simulator and EasyPost implement it; both hand tracking to the same ingestion (shipping.service.ts).
 */

export interface Parcel {
  readonly weightGrams: number;
}

/** An address as a carrier needs it (from the order's shipping address, or the tenant's origin). */
export interface CarrierAddress {
  readonly name: string;
  readonly company?: string | undefined;
  readonly street1: string;
  readonly street2?: string | undefined;
  readonly city: string;
  readonly state?: string | undefined;
  readonly zip: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly phone?: string | undefined;
}

export interface CarrierRate {
  /** The carrier's rate id. */
  readonly rateId: string;
  /** The carrier's shipment the rate belongs to (EasyPost buys a rate of a shipment); null for the simulator. */
  readonly carrierShipmentId: string | null;
  /** The carrier company (USPS, DHL…) — the simulator names itself. */
  readonly carrier: string;
  readonly service: string;
  readonly price: Money;
  readonly deliveryDays: number | null;
}

export interface PurchasedLabel {
  readonly carrierShipmentId: string | null;
  readonly trackingCode: string;
  readonly trackingUrl: string | null;
  /** The carrier's own label link (EasyPost); the simulator gives bytes instead. */
  readonly labelUrl: string | null;
  readonly labelBytes: {
    readonly body: Buffer;
    readonly contentType: string;
    readonly extension: string;
  } | null;
  readonly cost: Money;
  readonly service: string;
  /** When buying already started tracking (EasyPost attaches a tracker to a bought shipment). */
  readonly trackerId: string | null;
}

/** One tracking detail as a carrier reports it; status null = a status we do not map (EasyPost `unknown`). */
export interface TrackingDetail {
  readonly status: ShipmentStatus | null;
  readonly message: string;
  readonly location: string | null;
  readonly at: Date;
}

/** A tracker's state as a webhook, a retrieve or the simulator reports it: what ingestion applies. */
export interface TrackerUpdate {
  /** The delivery's id (EasyPost's `evt_…`): a replay of it is applied once. Null for a retrieve. */
  readonly sourceEventId: string | null;
  readonly description: string;
  readonly trackerId: string;
  readonly trackingCode: string | null;
  readonly carrierShipmentId: string | null;
  /** The tracker's current status (null: unknown). */
  readonly status: ShipmentStatus | null;
  readonly details: readonly TrackingDetail[];
}

export interface CarrierWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

export interface Carrier {
  readonly name: CarrierName;
  rates(
    ctx: RequestContext,
    input: {
      readonly reference: string;
      readonly parcel: Parcel;
      readonly from: CarrierAddress;
      readonly to: CarrierAddress;
      readonly currency: string;
    },
  ): Promise<CarrierRate[]>;
  buy(
    ctx: RequestContext,
    input: {
      readonly rateId: string;
      readonly carrierShipmentId: string | null;
      readonly reference: string;
      readonly parcel: Parcel;
      readonly from: CarrierAddress;
      readonly to: CarrierAddress;
      readonly currency: string;
      readonly label: { readonly orderNumber: string; readonly shipmentId: string };
    },
  ): Promise<PurchasedLabel>;
  /** Starts tracking a code (the simulator starts its clock here). */
  createTracker(
    ctx: RequestContext,
    input: { readonly trackingCode: string; readonly carrier?: string },
  ): Promise<{ readonly trackerId: string }>;
  retrieveTracker(ctx: RequestContext, trackerId: string): Promise<TrackerUpdate>;
  /** Verifies the signature (401 otherwise) and reads the tracker updates a webhook carries. */
  parseWebhook?(ctx: RequestContext, webhook: CarrierWebhook): Promise<TrackerUpdate[]>;
}

/**
 * How far along a status is: a shipment's status only ever moves up this scale, so a replayed or
 * late webhook never moves it (or its order) back. Exceptions (returned, failed) rank below delivered.
 */
export const statusRank: Readonly<Record<ShipmentStatus, number>> = {
  cancelled: -1,
  label_created: 0,
  pre_transit: 1,
  in_transit: 2,
  out_for_delivery: 3,
  return_to_sender: 4,
  failure: 4,
  delivered: 5,
};

/** The carrier has the parcel: the order counts as shipped. */
export const isShippedStatus = (status: ShipmentStatus) =>
  statusRank[status] >= statusRank.in_transit && status !== 'cancelled';
