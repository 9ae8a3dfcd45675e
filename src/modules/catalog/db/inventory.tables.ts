/** PLACEHOLDER of the spine: the inventory helper declares its row types here (camelCase; Generated<> for defaults). */
export type InventoryTables = Record<never, never>;
