import type { Generated } from 'kysely';
import type { CarrierName, ShipmentStatus } from '../contract.js';

/** Row types of shipping and analytics (0002-shipping.ts), camelCase. */
export type ShipmentsTable = {
  id: string;
  tenantId: string;
  orderId: string;
  carrier: CarrierName;
  service: string;
  carrierShipmentId: string | null;
  carrierTrackerId: string | null;
  trackingCode: string | null;
  trackingUrl: string | null;
  labelObjectKey: string | null;
  labelUrl: string | null;
  status: ShipmentStatus;
  costMinor: number | null;
  costCurrency: string | null;
  lines: { lineId: string; quantity: number }[];
  createdBy: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  shippedAt: Date | null;
  deliveredAt: Date | null;
};

export type ShipmentEventsTable = {
  id: string;
  tenantId: string;
  shipmentId: string;
  status: ShipmentStatus;
  message: string;
  location: string | null;
  occurredAt: Date;
  sourceEventId: string;
  receivedAt: Generated<Date>;
};

export type CarrierWebhookEventsTable = {
  id: string;
  tenantId: string;
  carrier: string;
  eventId: string;
  description: string;
  rawSealed: Buffer;
  shipmentId: string | null;
  receivedAt: Generated<Date>;
};

export type SavedViewsTable = {
  id: string;
  tenantId: string;
  userId: string;
  name: string;
  filters: Record<string, string>;
  createdAt: Generated<Date>;
};

export type ShippingTables = {
  'orders.shipments': ShipmentsTable;
  'orders.shipment_events': ShipmentEventsTable;
  'orders.carrier_webhook_events': CarrierWebhookEventsTable;
  'orders.saved_views': SavedViewsTable;
};
