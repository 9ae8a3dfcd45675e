/** PLACEHOLDER of the spine: the shipping helper declares its row types here (camelCase; Generated<> for defaults). */
export type ShippingTables = Record<never, never>;
