import { sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * One row per analysis of a recording: the pipeline's after each stored transcript, and each
 * re-analysis asked for through the API. History is kept; the recording's current analysis is the
 * newest (is_current). The full result (summary, quotes, entities, insights: personal data) is
 * sealed under the tenant's data key (sealing.ts, AAD `conversations.analysis:<analysis uuid>`).
 * Plain are only the figures and labels search and dashboards filter on, none of them personal.
 *
 * request_key makes a step that runs again (a crash after the commit) find its own row instead of
 * adding a second one: `run:<run uuid>` for the pipeline, `request:<uuid>` for a re-analysis.
 *
 * The tenant's analysis settings (analyser kind, LLM provider with secret names, PII policy) are
 * a JSON column of conversations.settings; NULL = the local analyser, redact first.
 */
export const analyses = sqlMigration(
  '0008_analyses',
  `
  CREATE TABLE conversations.analyses (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    recording_id uuid NOT NULL REFERENCES conversations.recordings (id) ON DELETE CASCADE,
    transcript_id uuid NOT NULL REFERENCES conversations.transcripts (id) ON DELETE CASCADE,
    run_id uuid NOT NULL,
    request_key text NOT NULL CHECK (length(request_key) BETWEEN 1 AND 200),
    reason text NOT NULL CHECK (reason IN ('pipeline', 'reanalysis')),
    analyser text NOT NULL,
    analyser_version text NOT NULL,
    -- Configuration versions used, as <config uuid>@<version>; null = none was active.
    scorecard_ref text,
    category_set_ref text,
    insight_schema_ref text,
    is_current boolean NOT NULL DEFAULT true,
    result_sealed bytea NOT NULL,
    sentiment_score real,
    qa_score real CHECK (qa_score BETWEEN 0 AND 100),
    grade text CHECK (grade IN ('A', 'B', 'C', 'D', 'E')),
    intents text[] NOT NULL DEFAULT '{}',
    categories text[] NOT NULL DEFAULT '{}',
    topics text[] NOT NULL DEFAULT '{}',
    final_key text,
    requested_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, request_key)
  );
  ${tenantIsolation('conversations.analyses', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
  CREATE UNIQUE INDEX analyses_one_current ON conversations.analyses (tenant_id, recording_id) WHERE is_current;
  CREATE INDEX analyses_by_recording ON conversations.analyses (tenant_id, recording_id, created_at DESC, id DESC);
  CREATE INDEX analyses_by_grade ON conversations.analyses (tenant_id, grade, created_at DESC) WHERE is_current;
  CREATE INDEX analyses_by_intent ON conversations.analyses USING gin (intents) WHERE is_current;
  CREATE INDEX analyses_by_category ON conversations.analyses USING gin (categories) WHERE is_current;
  CREATE INDEX analyses_by_topic ON conversations.analyses USING gin (topics) WHERE is_current;

  ALTER TABLE conversations.settings ADD COLUMN analysis jsonb;
`,
);
