import type { SchemaClassification } from '../../../platform/privacy/index.js';

/*
 * How sensitive each column of the audit schema is (see src/platform/privacy). The schema is the
 * kernel's (src/platform/audit), declared here by the module that serves it. An entry names its
 * actor by id (a user's `usr_…`: personal, it identifies a person) and the client's IP address
 * (personal); details carry ids and key facts, never personal fields. Entries are kept through an
 * erasure (accountability, the integrity of the hash chain) and archived after ten years.
 */
export const auditClassification: SchemaClassification = {
  entries: {
    tenant_id: 'internal',
    seq: 'internal',
    id: 'internal',
    occurred_at: 'internal',
    actor_type: 'internal',
    actor_id: 'personal:internal',
    action: 'internal',
    target_type: 'internal',
    target_id: 'internal',
    request_id: 'internal',
    client_ip: 'personal:confidential',
    details: 'confidential',
    prev_hash: 'internal',
    hash: 'internal',
  },
  heads: {
    tenant_id: 'internal',
    seq: 'internal',
    hash: 'internal',
  },
};
