import { sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * A tenant's analysis configuration: insight schemas (the fields an analyser fills), QA scorecards
 * (weighted rules) and category sets (Contact Lens style rules). One shape for the three kinds, so
 * one pair of tables with a `kind`:
 *
 * - analysis_configs: one row per configuration (its id, kind, name, newest and active version).
 *   The row is locked while a version is added, so versions number 1, 2, 3... without gaps or races.
 * - analysis_config_versions: every version as it was saved, append-only for the application
 *   (no UPDATE or DELETE granted): a result scored against version 3 can always show version 3.
 *
 * Bodies are configuration (rule texts, phrases, field names), not personal data: stored in clear.
 */
export const analysisConfig = sqlMigration(
  '0007_analysis_config',
  `
  CREATE TABLE conversations.analysis_configs (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('insight_schema', 'scorecard', 'category_set')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    latest_version integer NOT NULL CHECK (latest_version >= 1),
    -- Null: no version active (none was activated yet).
    active_version integer CHECK (active_version BETWEEN 1 AND latest_version),
    activated_by text,
    activated_at timestamptz,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('conversations.analysis_configs', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
  CREATE INDEX analysis_configs_by_kind ON conversations.analysis_configs (tenant_id, kind, created_at DESC, id DESC);

  CREATE TABLE conversations.analysis_config_versions (
    tenant_id uuid NOT NULL,
    config_id uuid NOT NULL REFERENCES conversations.analysis_configs (id),
    version integer NOT NULL CHECK (version >= 1),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    body jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (config_id, version)
  );
  ${tenantIsolation('conversations.analysis_config_versions', { privileges: ['SELECT', 'INSERT'] })}
`,
);
