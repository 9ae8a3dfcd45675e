import { tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Consent ledger and suppression (the tenant's do-not-call list and its national registry copies).
 * Numbers are HMAC blind indexes (purpose 'phone', the same as leads', so a lead's number matches)
 * with the number itself sealed where a person must read it back; evidence and the text a consent
 * was given to are sealed. What stays plain is what is not personal on its own: purposes,
 * channels, sources, times, DNC patterns (prefixes such as +4420*), registry names and counts.
 *
 * Append-only by construction:
 * - consents: a row is written once when consent is given; withdrawal fills its withdrawn_* columns
 *   once (a trigger refuses any other change and a second withdrawal), so the row still says what was
 *   given, when and how, and when and how it ended. A new consent after a withdrawal is a new row.
 *   The application role may not DELETE: rows are kept 5 years after they end (retention_until),
 *   then removed by the owner's purge (campaigns.purge_consents()).
 * - dnc_entries: removing an entry fills removed_* (who, when, why); it is never deleted, so the
 *   list's history is the table. One active entry per number or pattern.
 */
export const consentSuppression = `
  CREATE TABLE campaigns.consents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    phone_index bytea NOT NULL,
    phone_sealed bytea NOT NULL,
    purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_]{0,39}$'),
    channel text NOT NULL CHECK (channel IN ('call', 'ai_voice', 'sms', 'email')),
    given_at timestamptz NOT NULL,
    source text NOT NULL CHECK (source IN ('web_form', 'paper', 'verbal_recorded', 'ivr', 'sms_reply', 'import', 'api')),
    -- The wording the person agreed to, sealed (AAD campaigns.consent.text:<id>).
    text_shown_sealed bytea NOT NULL,
    -- A copy of the request (form post, IVR log ...), sealed (AAD campaigns.consent.request:<id>), or an object key.
    request_sealed bytea,
    request_object_key text CHECK (length(request_object_key) <= 1024),
    expires_at timestamptz,
    withdrawn_at timestamptz,
    withdrawn_how text CHECK (withdrawn_how IN ('web_form', 'paper', 'verbal_recorded', 'ivr', 'sms_stop', 'voice_agent', 'opt_out_intent', 'api', 'manual')),
    withdrawn_by text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_how IS NULL))
  );
  ${tenantIsolation('campaigns.consents', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
  CREATE INDEX consents_by_phone ON campaigns.consents (tenant_id, phone_index, given_at DESC);

  CREATE FUNCTION campaigns.consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF OLD.withdrawn_at IS NOT NULL THEN
      RAISE EXCEPTION 'consent % was withdrawn already', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.id, NEW.tenant_id, NEW.phone_index, NEW.phone_sealed, NEW.purpose, NEW.channel, NEW.given_at,
        NEW.source, NEW.text_shown_sealed, NEW.request_sealed, NEW.request_object_key, NEW.expires_at,
        NEW.created_by, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.tenant_id, OLD.phone_index, OLD.phone_sealed, OLD.purpose, OLD.channel, OLD.given_at,
        OLD.source, OLD.text_shown_sealed, OLD.request_sealed, OLD.request_object_key, OLD.expires_at,
        OLD.created_by, OLD.created_at) THEN
      RAISE EXCEPTION 'a consent record is append-only: only its withdrawal may be added' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER consents_append_only BEFORE UPDATE ON campaigns.consents
    FOR EACH ROW EXECUTE FUNCTION campaigns.consents_append_only();

  -- Retention: 5 years after a record ends (withdrawn, expired) or, while in force, is never purged.
  CREATE FUNCTION campaigns.purge_consents(before timestamptz) RETURNS bigint LANGUAGE sql AS $$
    WITH gone AS (
      DELETE FROM campaigns.consents
       WHERE LEAST(coalesce(withdrawn_at, 'infinity'), coalesce(expires_at, 'infinity')) < before - interval '5 years'
      RETURNING 1)
    SELECT count(*) FROM gone
  $$;

  CREATE TABLE campaigns.dnc_entries (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    -- A number: its blind index and the sealed number (AAD campaigns.dnc.number:<id>); a pattern: plain.
    phone_index bytea,
    phone_sealed bytea,
    pattern text CHECK (pattern ~ '^\\+[0-9?]{1,15}\\*?$'),
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    source text NOT NULL CHECK (source IN ('manual', 'import', 'opt_out_intent', 'voice_agent', 'sms_stop')),
    -- The quote, recording id and the like, JSON sealed (AAD campaigns.dnc.evidence:<id>).
    evidence_sealed bytea,
    added_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    removed_at timestamptz,
    removed_by text,
    removed_reason text CHECK (length(removed_reason) BETWEEN 1 AND 500),
    CHECK ((phone_index IS NULL) <> (pattern IS NULL)),
    CHECK ((phone_index IS NULL) = (phone_sealed IS NULL)),
    CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
  );
  ${tenantIsolation('campaigns.dnc_entries', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
  CREATE UNIQUE INDEX dnc_active_number ON campaigns.dnc_entries (tenant_id, phone_index)
    WHERE removed_at IS NULL AND phone_index IS NOT NULL;
  CREATE UNIQUE INDEX dnc_active_pattern ON campaigns.dnc_entries (tenant_id, pattern)
    WHERE removed_at IS NULL AND pattern IS NOT NULL;
  CREATE INDEX dnc_by_created ON campaigns.dnc_entries (tenant_id, created_at DESC, id DESC);

  -- A national registry copy the tenant imported (us-national-dnc, uk-tps). The newest completed
  -- copy of a registry is the one the dialer reads; an import replaces the previous copy's entries.
  CREATE TABLE campaigns.dnc_registry_copies (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    registry text NOT NULL CHECK (registry ~ '^[a-z][a-z0-9-]{1,39}$'),
    region text NOT NULL CHECK (region ~ '^[A-Z]{2}$'),
    downloaded_at timestamptz NOT NULL,
    state text NOT NULL CHECK (state IN ('importing', 'current', 'replaced', 'failed')),
    entry_count integer NOT NULL DEFAULT 0,
    lines_rejected integer NOT NULL DEFAULT 0,
    file_sha256 text,
    imported_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  );
  ${tenantIsolation('campaigns.dnc_registry_copies')}
  CREATE UNIQUE INDEX dnc_registry_current ON campaigns.dnc_registry_copies (tenant_id, registry) WHERE state = 'current';

  CREATE TABLE campaigns.dnc_registry_entries (
    tenant_id uuid NOT NULL,
    copy_id uuid NOT NULL REFERENCES campaigns.dnc_registry_copies (id) ON DELETE CASCADE,
    phone_index bytea NOT NULL,
    PRIMARY KEY (tenant_id, copy_id, phone_index)
  );
  ${tenantIsolation('campaigns.dnc_registry_entries')}
`;
