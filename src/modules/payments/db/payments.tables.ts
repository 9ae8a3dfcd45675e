import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the payments schema, camelCase (the CamelCasePlugin maps snake_case). PLACEHOLDER: the payments helper fills it. */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- a placeholder until the helper fills it
export type PaymentsTables = Record<never, never>;

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type PaymentsTransaction = TenantTransaction<PaymentsTables>;
