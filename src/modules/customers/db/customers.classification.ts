import type { SchemaClassification } from '../../../platform/privacy/index.js';

/**
 * How sensitive each column of the customers schema is (see src/platform/privacy/classification.ts).
 * Sealed personal fields and their blind indexes are `personal:restricted`; what describes a person
 * without naming them (their language, preferences, consent history) is `personal:internal`.
 */
export const customersClassification: SchemaClassification = {
  customers: {
    id: 'internal',
    tenant_id: 'internal',
    user_id: 'personal:internal',
    status: 'internal',
    restricted: 'personal:internal',
    language: 'personal:internal',
    profile_sealed: 'personal:restricted',
    email_index: 'personal:restricted',
    phone_index: 'personal:restricted',
    version: 'internal',
    created_at: 'internal',
    updated_at: 'internal',
    last_activity_at: 'personal:internal',
    anonymised_at: 'internal',
    created_by: 'internal',
  },
  name_terms: {
    tenant_id: 'internal',
    customer_id: 'internal',
    term: 'personal:restricted',
  },
  addresses: {
    id: 'internal',
    tenant_id: 'internal',
    customer_id: 'internal',
    address_sealed: 'personal:restricted',
    created_at: 'internal',
  },
  preferences: {
    customer_id: 'internal',
    tenant_id: 'internal',
    preferences: 'personal:internal',
    updated_at: 'internal',
  },
  consents: {
    id: 'internal',
    tenant_id: 'internal',
    customer_id: 'internal',
    purpose: 'personal:internal',
    granted: 'personal:internal',
    at: 'personal:internal',
    method: 'personal:internal',
    source: 'personal:confidential',
    recorded_at: 'internal',
    recorded_by: 'internal',
  },
  segments: {
    id: 'internal',
    tenant_id: 'internal',
    name: 'confidential',
    description: 'confidential',
    rules: 'confidential',
    version: 'internal',
    created_at: 'internal',
    updated_at: 'internal',
    created_by: 'internal',
  },
  settings: {
    tenant_id: 'internal',
    default_region: 'confidential',
    updated_at: 'internal',
  },
};
