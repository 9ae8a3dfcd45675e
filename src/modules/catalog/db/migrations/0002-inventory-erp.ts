/*
 * PLACEHOLDER of the spine: the inventory/ERP helper replaces this with the tables of the feature (each under
 * tenantIsolation, personal data sealed, money as bigint minor units + a currency column).
 */
export const inventoryErp = `
  SELECT 1;
`;
