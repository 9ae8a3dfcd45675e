import { sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * A reviewer's override of one rule of an analysis' QA evaluation, and an agent's dispute of a rule
 * or of the whole evaluation. Both belong to the analysis they were made on: a re-analysis (a new
 * analyses row) starts from the machine's judgement again.
 *
 * qa_reviews is append-only (the application role may not update or delete it): the effective
 * judgement of a rule is its newest review. original_* is the machine's judgement of the rule, as
 * the sealed analysis result holds it. The reviewer's reason is free text about a person's work:
 * sealed under the tenant's data key (sealing.ts, AAD `conversations.qa_review:<review uuid>`).
 *
 * qa_disputes: open -> accepted | rejected, once; the row keeps who raised it and who resolved it,
 * and when. Comment and resolution sealed (AAD `conversations.qa_dispute:<uuid>` and
 * `conversations.qa_dispute_resolution:<uuid>`).
 *
 * The sealed analysis result is never rewritten. analyses.qa_score and grade become the effective
 * figures (what search and dashboards filter on); machine_qa_score and machine_grade keep what the
 * analysis computed, reviewed_at says when a reviewer last changed them.
 */
export const qaReviews = sqlMigration(
  '0009_qa_reviews',
  `
  ALTER TABLE conversations.analyses
    ADD COLUMN machine_qa_score real CHECK (machine_qa_score BETWEEN 0 AND 100),
    ADD COLUMN machine_grade text CHECK (machine_grade IN ('A', 'B', 'C', 'D', 'E')),
    ADD COLUMN reviewed_at timestamptz;
  UPDATE conversations.analyses SET machine_qa_score = qa_score, machine_grade = grade;

  CREATE TABLE conversations.qa_disputes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    analysis_id uuid NOT NULL REFERENCES conversations.analyses (id) ON DELETE CASCADE,
    recording_id uuid NOT NULL REFERENCES conversations.recordings (id) ON DELETE CASCADE,
    -- null: the whole evaluation is disputed
    rule_id text CHECK (length(rule_id) BETWEEN 1 AND 120),
    raised_by text NOT NULL,
    comment_sealed bytea NOT NULL,
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
    resolved_by text,
    resolution_sealed bytea,
    resolved_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'open') = (resolved_at IS NULL)),
    CHECK ((state = 'open') = (resolved_by IS NULL))
  );
  ${tenantIsolation('conversations.qa_disputes', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
  CREATE INDEX qa_disputes_by_state ON conversations.qa_disputes (tenant_id, state, created_at DESC, id DESC);
  CREATE INDEX qa_disputes_by_analysis ON conversations.qa_disputes (tenant_id, analysis_id, created_at DESC);

  CREATE TABLE conversations.qa_reviews (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    analysis_id uuid NOT NULL REFERENCES conversations.analyses (id) ON DELETE CASCADE,
    recording_id uuid NOT NULL REFERENCES conversations.recordings (id) ON DELETE CASCADE,
    rule_id text NOT NULL CHECK (length(rule_id) BETWEEN 1 AND 120),
    reviewer text NOT NULL,
    original_status text NOT NULL CHECK (original_status IN ('evaluated', 'pending', 'not_applicable')),
    original_score real,
    original_pass boolean,
    new_score real NOT NULL CHECK (new_score BETWEEN 0 AND 100),
    new_pass boolean NOT NULL,
    reason_sealed bytea NOT NULL,
    -- The dispute whose acceptance made this override, if any.
    dispute_id uuid REFERENCES conversations.qa_disputes (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('conversations.qa_reviews', { privileges: ['SELECT', 'INSERT'] })}
  CREATE INDEX qa_reviews_by_analysis ON conversations.qa_reviews (tenant_id, analysis_id, created_at DESC, id DESC);
`,
);
