/**
 * The durable landing table of the ingest endpoints: a payload is written here, with the bus event
 * that announces it, in one transaction before the endpoint answers 202. The transform consumer
 * reads it from here, so nothing accepted is lost if any process crashes afterwards.
 *
 * As first created; migration 0006 adds body_encoding (bodies are sealed under the tenant's data
 * key, see db/migrations/0007-raw-payloads-sealed.ts).
 */
export const rawPayloadsSql = `
  CREATE TABLE calls.raw_payloads (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    source text NOT NULL,
    format text NOT NULL,
    content_type text,
    body bytea NOT NULL,
    options jsonb NOT NULL DEFAULT '{}',
    received_at timestamptz NOT NULL DEFAULT now(),
    received_by text NOT NULL,
    processed_at timestamptz,
    outcome jsonb
  );
  CREATE INDEX raw_payloads_unprocessed ON calls.raw_payloads (tenant_id, received_at) WHERE processed_at IS NULL;
`;
