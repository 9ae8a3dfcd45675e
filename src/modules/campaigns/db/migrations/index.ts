import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';
import { consentSuppression } from './0002-consent-suppression.js';
import { campaignsDialer } from './0003-campaigns-dialer.js';
import { areaCodeTimeZones } from './0004-area-code-time-zones.js';
import { hopperIndexes } from './0005-hopper-indexes.js';
import { hopperSyncWatermark } from './0006-hopper-sync-watermark.js';
import { privacy } from './0007-privacy.js';

/*
 * Leads and their lists. Personal data (the number, the e-mail, names, address and custom fields)
 * is stored only as ciphertext under the tenant's data key; equality look-ups (dedupe, search by
 * number or e-mail, later the DNC list) go through HMAC blind indexes. What stays plain is what the
 * dialer filters on and is not personal on its own: the number's region, the ISO 3166-2 subdivision
 * of the address, the time zones, the status.
 */
const leads = `
  ${grantSchemaUsage('campaigns')}

  CREATE TABLE campaigns.lead_lists (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text CHECK (length(description) <= 2000),
    -- ISO 3166-1 alpha-2: how national numbers of the list's files are read.
    default_region text CHECK (default_region ~ '^[A-Z]{2}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
  );
  ${tenantIsolation('campaigns.lead_lists')}

  CREATE TABLE campaigns.leads (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    list_id uuid NOT NULL REFERENCES campaigns.lead_lists (id) ON DELETE CASCADE,
    -- HMAC (purpose 'phone', shared platform-wide) of the E.164 number; the number itself sealed.
    phone_index bytea NOT NULL,
    phone_sealed bytea NOT NULL,
    -- HMAC (purpose 'email') of the trimmed, lower-cased address; the address sealed.
    email_index bytea,
    email_sealed bytea,
    -- Names, address and custom fields (JSON), sealed.
    personal_sealed bytea NOT NULL,
    -- The number's region (ISO 3166-1 alpha-2), from libphonenumber.
    region text CHECK (region ~ '^[A-Z]{2}$'),
    -- ISO 3166-2 of the address's state or province when given (US-FL, CA-ON).
    subdivision text CHECK (subdivision ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
    -- IANA zone when one zone is known; candidates = every zone the lead may be in (one when known):
    -- a calling window must hold in each of them.
    time_zone text,
    time_zone_candidates text[] NOT NULL DEFAULT '{}',
    time_zone_source text CHECK (time_zone_source IN ('field', 'subdivision', 'country', 'region_candidates')),
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'attempted', 'contacted', 'callback', 'converted', 'not_interested', 'do_not_call', 'invalid')),
    import_id uuid,
    source_row integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Dedupe: one lead per number in a list.
    UNIQUE (tenant_id, list_id, phone_index)
  );
  ${tenantIsolation('campaigns.leads')}
  CREATE INDEX leads_by_phone ON campaigns.leads (tenant_id, phone_index);
  CREATE INDEX leads_by_email ON campaigns.leads (tenant_id, email_index) WHERE email_index IS NOT NULL;
  CREATE INDEX leads_by_list ON campaigns.leads (tenant_id, list_id, created_at DESC, id DESC);
  CREATE INDEX leads_by_status ON campaigns.leads (tenant_id, status);

  -- Every change of a lead's status, the first ('new' on import) included. Append-only.
  CREATE TABLE campaigns.lead_status_history (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    lead_id uuid NOT NULL REFERENCES campaigns.leads (id) ON DELETE CASCADE,
    from_status text,
    to_status text NOT NULL,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    actor text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('campaigns.lead_status_history', { privileges: ['SELECT', 'INSERT'] })}
  CREATE INDEX lead_status_history_by_lead ON campaigns.lead_status_history (tenant_id, lead_id, created_at);

  -- Column mappings a tenant saved by name (header names and field names: nothing personal).
  CREATE TABLE campaigns.column_mappings (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    mapping jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
  );
  ${tenantIsolation('campaigns.column_mappings')}

  CREATE TABLE campaigns.lead_imports (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    list_id uuid NOT NULL REFERENCES campaigns.lead_lists (id) ON DELETE CASCADE,
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    -- What the bytes are (sniffed, not the extension): csv, tsv, psv, ssv (semicolons), xlsx.
    sniffed_type text NOT NULL CHECK (sniffed_type IN ('csv', 'tsv', 'psv', 'ssv', 'xlsx')),
    size_bytes bigint NOT NULL,
    sha256 text NOT NULL,
    object_key text NOT NULL,
    mapping jsonb NOT NULL,
    state text NOT NULL CHECK (state IN ('queued', 'scanning', 'importing', 'completed', 'failed')),
    rows_read integer NOT NULL DEFAULT 0,
    rows_accepted integer NOT NULL DEFAULT 0,
    rows_rejected integer NOT NULL DEFAULT 0,
    rows_duplicate integer NOT NULL DEFAULT 0,
    -- The last file row whose outcome is committed: a resumed run skips rows up to it.
    checkpoint_row integer NOT NULL DEFAULT 0,
    -- clamd's verdict: clean, infected (with the signature), error, or not_configured.
    scan_result text CHECK (scan_result IN ('clean', 'infected', 'error', 'not_configured')),
    scan_detail text,
    failure_reason text,
    -- A run holds the job until then; a sweeper resumes jobs whose run stopped (a crash).
    claimed_until timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz
  );
  ${tenantIsolation('campaigns.lead_imports')}
  CREATE INDEX lead_imports_by_created ON campaigns.lead_imports (tenant_id, created_at DESC);
  CREATE INDEX lead_imports_unfinished ON campaigns.lead_imports (claimed_until) WHERE state IN ('queued', 'scanning', 'importing');

  -- Every row an import did not take, with the field and the reason (never the value: it may be personal).
  CREATE TABLE campaigns.lead_import_rejections (
    tenant_id uuid NOT NULL,
    import_id uuid NOT NULL REFERENCES campaigns.lead_imports (id) ON DELETE CASCADE,
    row_number integer NOT NULL,
    field text NOT NULL,
    reason text NOT NULL,
    PRIMARY KEY (tenant_id, import_id, row_number)
  );
  ${tenantIsolation('campaigns.lead_import_rejections')}
`;

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const campaignsMigrations: MigrationSet = {
  schema: 'campaigns',
  migrations: [
    sqlMigration('0001_leads', leads),
    sqlMigration('0002_consent_suppression', consentSuppression),
    sqlMigration('0003_campaigns_dialer', campaignsDialer),
    sqlMigration('0004_area_code_time_zones', areaCodeTimeZones),
    sqlMigration('0005_hopper_indexes', hopperIndexes),
    sqlMigration('0006_hopper_sync_watermark', hopperSyncWatermark),
    sqlMigration('0007_privacy', privacy),
  ],
};
