import { grantSchemaUsage } from '../../../../platform/db/index.js';

/*
 * PLACEHOLDER of the spine: the payments helper replaces this with the tables of the feature (each under
 * tenantIsolation, personal data sealed, money as bigint minor units + a currency column).
 */
export const payments = `
  ${grantSchemaUsage('payments')}
`;
