import type { SchemaClassification } from '../../../platform/privacy/index.js';

/*
 * How sensitive each column of the webhooks schema is (see src/platform/privacy). Endpoints' URLs
 * and signing secrets are the tenant's configuration (confidential, the secret sealed); a message
 * carries an event as published — ids and key facts, no identifiers of people — sealed all the
 * same. No column holds a data subject's identifiers, so webhooks takes no part in data-subject
 * requests.
 */
export const webhooksClassification: SchemaClassification = {
  endpoints: {
    id: 'internal',
    tenant_id: 'internal',
    url: 'confidential',
    description: 'internal',
    event_types: 'internal',
    enabled: 'internal',
    secret_sealed: 'restricted',
    secret_rotated_at: 'internal',
    created_at: 'internal',
    updated_at: 'internal',
  },
  messages: {
    id: 'internal',
    tenant_id: 'internal',
    event_type: 'internal',
    occurred_at: 'internal',
    data_sealed: 'confidential',
    created_at: 'internal',
  },
  deliveries: {
    id: 'internal',
    tenant_id: 'internal',
    endpoint_id: 'internal',
    message_id: 'internal',
    event_type: 'internal',
    state: 'internal',
    attempts: 'internal',
    next_attempt_at: 'internal',
    claimed_until: 'internal',
    last_status_code: 'internal',
    last_error: 'internal',
    last_response_ms: 'internal',
    created_at: 'internal',
    updated_at: 'internal',
  },
};
