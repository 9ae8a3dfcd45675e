/** PLACEHOLDER of the spine: the shipping helper declares its row types here (camelCase; Generated<> for defaults). */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- a placeholder until the helper fills it
export type ShippingTables = Record<never, never>;
