/*
 * PLACEHOLDER of the spine: the shipping helper replaces this with the tables of the feature (each under
 * tenantIsolation, personal data sealed, money as bigint minor units + a currency column).
 */
export const shipping = `
  SELECT 1;
`;
