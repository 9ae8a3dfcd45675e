import { tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Campaigns and the dialer's state.
 *
 * - campaigns: one row per campaign; what the dialer and the pre-dial check read is the `settings`
 *   document (calling window, caps, retry spacing, pacing, consent, regions, recycling, adapter),
 *   validated by campaigns/campaign-settings.ts at the edge and stored as given. `pacing_factor` is
 *   the automatic reduction the abandonment control applies on top of the configured pace.
 * - campaign_lists: the lists a campaign dials, with their mix weights.
 * - campaign_leads: the hopper, one row per lead a campaign may dial: its attempts so far, when it
 *   is next due, and the last reason it was skipped. The dialer picks due rows by
 *   (campaign, state, next_due_at); a lead moves to `done` when its outcome is final.
 * - call_attempts: one row per call placed (or about to be). The idempotency key
 *   (campaign:lead:attempt number) is unique: a restarted dialer finds the row it reserved before
 *   the crash and asks the provider with the same key instead of dialling again.
 * - dial_skips: every pre-dial refusal, with its reason and detail (plain: no personal data).
 * - call_reports: every provider report received (status callbacks, end-of-call reports), sealed,
 *   unique per (provider, report key) so a report delivered twice is applied once.
 */
export const campaignsDialer = `
  CREATE TABLE campaigns.campaigns (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text CHECK (length(description) <= 2000),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'running', 'paused', 'completed', 'cancelled')),
    settings jsonb NOT NULL,
    -- Automatic pacing reduction (abandonment control): the configured pace times this factor.
    pacing_factor real NOT NULL DEFAULT 1 CHECK (pacing_factor > 0 AND pacing_factor <= 1),
    priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN -100 AND 100),
    starts_at timestamptz,
    ends_at timestamptz,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    stopped_at timestamptz,
    UNIQUE (tenant_id, name),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
  );
  ${tenantIsolation('campaigns.campaigns')}
  CREATE INDEX campaigns_running ON campaigns.campaigns (state) WHERE state = 'running';

  CREATE TABLE campaigns.campaign_lists (
    tenant_id uuid NOT NULL,
    campaign_id uuid NOT NULL REFERENCES campaigns.campaigns (id) ON DELETE CASCADE,
    list_id uuid NOT NULL REFERENCES campaigns.lead_lists (id) ON DELETE CASCADE,
    -- Mix ratio: a list with weight 3 gets three calls for every one of a list with weight 1.
    weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100),
    PRIMARY KEY (campaign_id, list_id)
  );
  ${tenantIsolation('campaigns.campaign_lists')}

  CREATE TABLE campaigns.campaign_leads (
    tenant_id uuid NOT NULL,
    campaign_id uuid NOT NULL REFERENCES campaigns.campaigns (id) ON DELETE CASCADE,
    lead_id uuid NOT NULL REFERENCES campaigns.leads (id) ON DELETE CASCADE,
    list_id uuid NOT NULL,
    -- pending: may be dialled when due; in_call: an attempt is open; done: nothing more to do.
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_call', 'done')),
    attempts integer NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    last_outcome text CHECK (last_outcome IN ('answered', 'busy', 'no_answer', 'voicemail', 'failed', 'abandoned')),
    -- Not before then (retry spacing, a callback, the window's next opening); null: due now.
    next_due_at timestamptz,
    -- A callback the person asked for (next_due_at holds it too).
    callback_at timestamptz,
    -- Why the lead is done (final outcome, converted, DNC, attempts used up ...), or the last skip.
    final_reason text CHECK (length(final_reason) <= 200),
    last_skip_reason text,
    last_skip_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, lead_id)
  );
  ${tenantIsolation('campaigns.campaign_leads')}
  CREATE INDEX campaign_leads_due ON campaigns.campaign_leads (campaign_id, list_id, next_due_at NULLS FIRST)
    WHERE state = 'pending';

  CREATE TABLE campaigns.call_attempts (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    campaign_id uuid NOT NULL REFERENCES campaigns.campaigns (id) ON DELETE CASCADE,
    lead_id uuid NOT NULL REFERENCES campaigns.leads (id) ON DELETE CASCADE,
    attempt_number integer NOT NULL CHECK (attempt_number >= 1),
    -- campaign uuid:lead uuid:attempt number; sent to the provider where it takes one.
    idempotency_key text NOT NULL,
    adapter text NOT NULL CHECK (adapter ~ '^[a-z][a-z0-9_]{0,39}$'),
    -- reserved: written before the provider is asked; placed: the provider took it; ended: a final report came.
    state text NOT NULL DEFAULT 'reserved' CHECK (state IN ('reserved', 'placed', 'ringing', 'in_progress', 'ended', 'not_placed')),
    provider_call_id text CHECK (length(provider_call_id) <= 256),
    reserved_at timestamptz NOT NULL DEFAULT now(),
    placed_at timestamptz,
    answered_at timestamptz,
    ended_at timestamptz,
    outcome text CHECK (outcome IN ('answered', 'busy', 'no_answer', 'voicemail', 'failed', 'abandoned')),
    answered_by text CHECK (answered_by IN ('human', 'machine', 'unknown')),
    -- Seconds from answer to a live voice (agent or AI) speaking: TSR's 2-second rule.
    seconds_to_live_voice real,
    talk_seconds integer,
    disposition text CHECK (length(disposition) <= 100),
    ended_reason text CHECK (length(ended_reason) <= 200),
    opt_out boolean NOT NULL DEFAULT false,
    converted boolean NOT NULL DEFAULT false,
    -- rec_... in conversations, once the recording and transcript went there.
    recording_id text,
    -- Structured data, summary and the transcript as the provider gave them, sealed (AAD campaigns.call_attempt.result:<id>).
    result_sealed bytea,
    report_received_at timestamptz,
    -- For reconciliation: a call ended without an end-of-call report is fetched from the provider.
    reconcile_after timestamptz,
    reconciled_at timestamptz,
    failure_reason text CHECK (length(failure_reason) <= 1000),
    UNIQUE (tenant_id, idempotency_key),
    UNIQUE (campaign_id, lead_id, attempt_number)
  );
  ${tenantIsolation('campaigns.call_attempts')}
  CREATE INDEX call_attempts_by_campaign ON campaigns.call_attempts (campaign_id, reserved_at DESC);
  CREATE INDEX call_attempts_by_provider_call ON campaigns.call_attempts (adapter, provider_call_id)
    WHERE provider_call_id IS NOT NULL;
  CREATE INDEX call_attempts_open ON campaigns.call_attempts (campaign_id)
    WHERE state IN ('reserved', 'placed', 'ringing', 'in_progress');
  CREATE INDEX call_attempts_to_reconcile ON campaigns.call_attempts (reconcile_after)
    WHERE report_received_at IS NULL AND reconcile_after IS NOT NULL AND reconciled_at IS NULL;

  CREATE TABLE campaigns.dial_skips (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL,
    campaign_id uuid NOT NULL REFERENCES campaigns.campaigns (id) ON DELETE CASCADE,
    lead_id uuid NOT NULL REFERENCES campaigns.leads (id) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now(),
    reason text NOT NULL CHECK (reason ~ '^[a-z][a-z0-9_]{0,59}$'),
    detail text NOT NULL CHECK (length(detail) <= 500)
  );
  ${tenantIsolation('campaigns.dial_skips', { privileges: ['SELECT', 'INSERT'] })}
  CREATE INDEX dial_skips_by_campaign ON campaigns.dial_skips (campaign_id, at DESC);
  CREATE INDEX dial_skips_by_lead ON campaigns.dial_skips (lead_id, at DESC);

  CREATE TABLE campaigns.call_reports (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    adapter text NOT NULL,
    -- The provider's key of this report (call id + kind + status): a second delivery conflicts here.
    report_key text NOT NULL CHECK (length(report_key) <= 400),
    provider_call_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('status', 'end_of_call')),
    attempt_id uuid REFERENCES campaigns.call_attempts (id) ON DELETE CASCADE,
    -- The payload as received, sealed (AAD campaigns.call_report.payload:<id>).
    payload_sealed bytea NOT NULL,
    via text NOT NULL CHECK (via IN ('webhook', 'reconciliation', 'simulator')),
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, adapter, report_key)
  );
  ${tenantIsolation('campaigns.call_reports', { privileges: ['SELECT', 'INSERT'] })}
  CREATE INDEX call_reports_by_call ON campaigns.call_reports (adapter, provider_call_id);
`;
