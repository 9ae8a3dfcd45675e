import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the customers schema, camelCase (the CamelCasePlugin maps snake_case). */
export interface CustomersTable {
  id: string;
  tenantId: string;
  userId: string | null;
  status: Generated<'active' | 'anonymised'>;
  restricted: Generated<boolean>;
  language: string | null;
  profileSealed: Buffer | null;
  emailIndex: Buffer | null;
  phoneIndex: Buffer | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  lastActivityAt: Generated<Date>;
  anonymisedAt: Date | null;
  createdBy: string;
}

export interface NameTermsTable {
  tenantId: string;
  customerId: string;
  term: Buffer;
}

export interface AddressesTable {
  id: string;
  tenantId: string;
  customerId: string;
  addressSealed: Buffer;
  createdAt: Generated<Date>;
}

export interface PreferencesTable {
  customerId: string;
  tenantId: string;
  preferences: unknown;
  updatedAt: Generated<Date>;
}

export interface ConsentsTable {
  id: string;
  tenantId: string;
  customerId: string;
  purpose: string;
  granted: boolean;
  at: Date;
  method: string;
  source: string | null;
  recordedAt: Generated<Date>;
  recordedBy: string;
}

export interface SegmentsTable {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  rules: unknown;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string;
}

export interface SettingsTable {
  tenantId: string;
  defaultRegion: string;
  updatedAt: Generated<Date>;
}

export interface CustomersTables {
  'customers.customers': CustomersTable;
  'customers.name_terms': NameTermsTable;
  'customers.addresses': AddressesTable;
  'customers.preferences': PreferencesTable;
  'customers.consents': ConsentsTable;
  'customers.segments': SegmentsTable;
  'customers.settings': SettingsTable;
}

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type CustomersTransaction = TenantTransaction<CustomersTables>;
