import type { SchemaClassification } from '../../../platform/privacy/index.js';

/*
 * How sensitive each column of the payments schema is (see src/platform/privacy/classification.ts).
 * Personal: a PayPal payer's e-mail (sealed), the card's last four digits and brand, and the
 * gateways' webhook payloads (sealed; they carry billing names and e-mails). Amounts are
 * confidential; gateway references internal. The simulator's ledger and webhooks stand for the
 * external gateway's side and hold references and amounts only (never a card number).
 */
const migrations = { name: 'internal', timestamp: 'internal' } as const;
const migrationsLock = { id: 'internal', is_locked: 'internal' } as const;

export const paymentsClassification: SchemaClassification = {
  payments: {
    id: 'internal',
    tenant_id: 'internal',
    order_id: 'internal',
    gateway: 'internal',
    gateway_reference: 'internal',
    status: 'internal',
    currency: 'internal',
    amount_minor: 'confidential',
    authorized_minor: 'confidential',
    captured_minor: 'confidential',
    refunded_minor: 'confidential',
    method_type: 'internal',
    method_brand: 'personal:internal',
    method_last4: 'personal:confidential',
    payer_email_sealed: 'personal:restricted',
    next_action: 'internal',
    gateway_state: 'internal',
    failure_code: 'internal',
    created_at: 'internal',
    updated_at: 'internal',
  },
  payment_transactions: {
    id: 'internal',
    tenant_id: 'internal',
    payment_id: 'internal',
    kind: 'internal',
    currency: 'internal',
    amount_minor: 'confidential',
    status: 'internal',
    idempotency_key: 'internal',
    gateway_reference: 'internal',
    parent_reference: 'internal',
    failure_code: 'internal',
    failure_message: 'internal',
    reason: 'internal',
    origin: 'internal',
    created_at: 'internal',
    settled_at: 'internal',
  },
  gateway_events: {
    id: 'internal',
    tenant_id: 'internal',
    gateway: 'internal',
    event_id: 'internal',
    type: 'internal',
    payment_id: 'internal',
    payload_sealed: 'personal:restricted',
    outcome: 'internal',
    received_at: 'internal',
    processed_at: 'internal',
  },
  reconciliation_reports: {
    id: 'internal',
    tenant_id: 'internal',
    gateway: 'internal',
    day: 'internal',
    matched: 'internal',
    missing_at_gateway: 'confidential',
    missing_here: 'confidential',
    amount_mismatches: 'confidential',
    created_by: 'internal',
    created_at: 'internal',
  },
  gateway_settings: {
    tenant_id: 'internal',
    gateway: 'internal',
    is_default: 'internal',
    base_url: 'confidential',
    updated_at: 'internal',
  },
  simulator_ledger: {
    id: 'internal',
    tenant_id: 'internal',
    idempotency_key: 'internal',
    operation: 'internal',
    reference: 'internal',
    payment_reference: 'internal',
    currency: 'internal',
    amount_minor: 'confidential',
    request_hash: 'internal',
    response: 'confidential',
    created_at: 'internal',
  },
  simulator_webhooks: {
    id: 'internal',
    tenant_id: 'internal',
    deliver_at: 'internal',
    body: 'internal',
    attempts: 'internal',
    delivered_at: 'internal',
  },
  schema_migrations: migrations,
  schema_migrations_lock: migrationsLock,
};
