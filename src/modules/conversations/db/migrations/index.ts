import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';
import { pipelineSettings } from './0003-pipeline-settings.js';
import { recordingSources } from './0004-recording-sources.js';
import { recordingListOrder } from './0005-recording-list-order.js';
import { transcriptionSettings } from './0006-transcription-settings.js';
import { analysisConfig } from './0007-analysis-config.js';
import { analyses } from './0008-analyses.js';
import { qaReviews } from './0009-qa-reviews.js';
import { conversationSearch } from './0010-conversation-search.js';
import { rescoreJobs } from './0011-rescore-jobs.js';
import { conversationTeam } from './0012-conversation-team.js';

/*
 * Recordings and what the pipeline makes of them. Personal data (party numbers and names, the
 * metadata as delivered, transcripts in clear and the redaction spans) is stored only as ciphertext
 * under the tenant's data key; look-ups on numbers go through HMAC blind indexes in a side table.
 * What stays plain is what lists and filters need and is not personal: times, state, source,
 * direction, queue, language, codec facts. The full-text vector is built from the redacted text.
 */
const recordings = `
  ${grantSchemaUsage('conversations')}

  CREATE TABLE conversations.recordings (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    source text NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
    source_recording_id text NOT NULL CHECK (length(source_recording_id) BETWEEN 1 AND 256),
    -- uploading: created, audio not yet complete; queued: stored, waiting for the pipeline;
    -- processing: a run is under way; ready: a transcript exists; failed: see failure_code/reason.
    state text NOT NULL CHECK (state IN ('uploading', 'queued', 'processing', 'ready', 'failed')),
    failure_code text,
    failure_reason text,
    started_at timestamptz,
    direction text NOT NULL DEFAULT 'unknown' CHECK (direction IN ('inbound', 'outbound', 'internal', 'unknown')),
    queue text,
    language text,
    tags text[] NOT NULL DEFAULT '{}',
    -- HMAC of the normalised agent key (blind index), as the calls module does for agents.
    agent_index bytea,
    -- The call record this recording belongs to, when known or found, and how it was found.
    call_id uuid,
    call_link text CHECK (call_link IN ('given', 'source_call_id', 'numbers_and_time')),
    -- The metadata as delivered (parties, agent, names...), sealed with the tenant's data key.
    metadata_sealed bytea NOT NULL,
    audio_key text,
    audio_content_type text,
    audio_bytes bigint,
    audio_sha256 text,
    redacted_audio_key text,
    codec text,
    channels smallint,
    sample_rate integer,
    duration_ms bigint,
    -- A supplied transcript instead of audio to transcribe (object key of the file as delivered).
    supplied_transcript_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, source, source_recording_id)
  );
  ${tenantIsolation('conversations.recordings')}
  CREATE INDEX recordings_by_start ON conversations.recordings (tenant_id, started_at DESC, id DESC);
  CREATE INDEX recordings_by_created ON conversations.recordings (tenant_id, created_at DESC, id DESC);
  CREATE INDEX recordings_by_call ON conversations.recordings (tenant_id, call_id) WHERE call_id IS NOT NULL;
  CREATE INDEX recordings_by_state ON conversations.recordings (tenant_id, state, created_at DESC);

  CREATE TABLE conversations.recording_numbers (
    tenant_id uuid NOT NULL,
    recording_id uuid NOT NULL REFERENCES conversations.recordings (id) ON DELETE CASCADE,
    number_index bytea NOT NULL,
    PRIMARY KEY (tenant_id, number_index, recording_id)
  );
  ${tenantIsolation('conversations.recording_numbers')}

  -- One row per pipeline run (first run, re-runs with another provider or after a policy change):
  -- history is kept; the recording's current transcript is the newest finished run's.
  CREATE TABLE conversations.recording_runs (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    recording_id uuid NOT NULL REFERENCES conversations.recordings (id) ON DELETE CASCADE,
    workflow_id text NOT NULL UNIQUE,
    reason text NOT NULL CHECK (reason IN ('received', 'rerun')),
    state text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    -- Requested overrides (provider, language, redaction policy); null = the tenant's settings.
    options jsonb NOT NULL DEFAULT '{}',
    -- Per step: name, provider, version, config hash, started/finished, outcome (provenance).
    steps jsonb NOT NULL DEFAULT '[]',
    failure_code text,
    failure_reason text,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  );
  ${tenantIsolation('conversations.recording_runs')}
  CREATE INDEX recording_runs_by_recording ON conversations.recording_runs (tenant_id, recording_id, started_at DESC);

  -- The redacted transcript and the acoustic characteristics a run produced.
  CREATE TABLE conversations.transcripts (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    recording_id uuid NOT NULL REFERENCES conversations.recordings (id) ON DELETE CASCADE,
    run_id uuid NOT NULL UNIQUE REFERENCES conversations.recording_runs (id) ON DELETE CASCADE,
    is_current boolean NOT NULL DEFAULT true,
    provider text NOT NULL,
    language text,
    duration_ms bigint,
    speaker_count smallint NOT NULL DEFAULT 0,
    -- Redacted transcript model (JSON), sealed; the spans of what was redacted, sealed apart for audited reveal.
    transcript_sealed bytea NOT NULL,
    redaction_spans_sealed bytea,
    redaction_counts jsonb NOT NULL DEFAULT '{}',
    characteristics jsonb,
    cost_micros bigint,
    search_vector tsvector NOT NULL,
    enriched_key text,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('conversations.transcripts')}
  CREATE UNIQUE INDEX transcripts_one_current ON conversations.transcripts (tenant_id, recording_id) WHERE is_current;
  CREATE INDEX transcripts_search ON conversations.transcripts USING gin (search_vector) WHERE is_current;
`;

/*
 * Uploads: a recording is created in state `uploading` (a two-step upload's first call, or a
 * multipart upload while its audio streams in) and becomes `queued` only once its audio is stored
 * whole. The claim lapses at upload_expires_at: a later delivery of the same recording may take it
 * over, and the sweep removes claims nobody completed. A two-step upload may declare the size and
 * SHA-256 the stored audio must have.
 */
const recordingUploads = `
  ALTER TABLE conversations.recordings
    ADD COLUMN upload_expires_at timestamptz,
    ADD COLUMN upload_expected_bytes bigint CHECK (upload_expected_bytes >= 0),
    ADD COLUMN upload_expected_sha256 text CHECK (upload_expected_sha256 ~ '^[0-9a-f]{64}$');
  CREATE INDEX recordings_uploading ON conversations.recordings (upload_expires_at) WHERE state = 'uploading';
`;

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const conversationsMigrations: MigrationSet = {
  schema: 'conversations',
  migrations: [
    sqlMigration('0001_recordings', recordings),
    sqlMigration('0002_recording_uploads', recordingUploads),
    pipelineSettings,
    recordingSources,
    recordingListOrder,
    transcriptionSettings,
    analysisConfig,
    analyses,
    qaReviews,
    conversationSearch,
    rescoreJobs,
    conversationTeam,
  ],
};
