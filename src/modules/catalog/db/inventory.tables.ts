import type { Generated } from 'kysely';

export type LocationsTable = {
  id: string;
  tenantId: string;
  code: string;
  name: string;
  createdAt: Generated<Date>;
};

export type InventoryLevelsTable = {
  tenantId: string;
  productId: string;
  locationId: string;
  onHand: Generated<number>;
  reserved: Generated<number>;
  lowStockThreshold: Generated<number>;
  lowStockSince: Date | null;
  updatedAt: Generated<Date>;
  erpModifiedAt: Date | null;
};

export type ReservationsTable = {
  id: string;
  tenantId: string;
  orderId: string;
  lineId: string;
  productId: string;
  locationId: string;
  quantity: number;
  state: Generated<'held' | 'released' | 'consumed'>;
  restocked: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type MovementKind = 'adjustment' | 'reservation' | 'release' | 'consume' | 'restock' | 'erp_sync';

export type InventoryMovementsTable = {
  id: string;
  tenantId: string;
  productId: string;
  locationId: string;
  kind: MovementKind;
  onHandDelta: Generated<number>;
  reservedDelta: Generated<number>;
  orderId: string | null;
  reason: string;
  actor: string;
  createdAt: Generated<Date>;
};

export type ErpConnectionsTable = {
  tenantId: string;
  endpoint: string;
  enabled: Generated<boolean>;
  intervalMinutes: Generated<number>;
  auth: Generated<'ws_security' | 'basic'>;
  locationMap: Generated<Record<string, string>>;
  updatedAt: Generated<Date>;
  circuit: Generated<'closed' | 'open' | 'half_open'>;
  circuitAt: Date | null;
};

export type ErpSyncsTable = {
  id: string;
  tenantId: string;
  kind: 'inventory' | 'products';
  state: Generated<'running' | 'succeeded' | 'failed'>;
  startedAt: Generated<Date>;
  finishedAt: Date | null;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  rejections: Generated<{ item: string; field: string; reason: string }[]>;
  since: string | null;
  cursor: string | null;
  page: Generated<number>;
  error: string | null;
};

export type InventoryTables = {
  'catalog.locations': LocationsTable;
  'catalog.inventory_levels': InventoryLevelsTable;
  'catalog.reservations': ReservationsTable;
  'catalog.inventory_movements': InventoryMovementsTable;
  'catalog.erp_connections': ErpConnectionsTable;
  'catalog.erp_syncs': ErpSyncsTable;
};
