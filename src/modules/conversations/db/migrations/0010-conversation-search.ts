import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * Conversation search (GET /conversations, search/): what said by whom, and the customer's mood.
 *
 * - transcripts.agent_vector / customer_vector: the redacted text each role said, as tsvectors
 *   beside search_vector (same 'simple' configuration), written by the pipeline from the speakers'
 *   roles. Per-role columns rather than a segment table: a transcript stays one row (a segment
 *   table holds ~50-200 rows a call and needs DISTINCT over the matches), and "the customer said X"
 *   is a match on the customer's words anywhere in the call, not within one segment. NULL where
 *   the role said nothing or no speaker had that role, and on transcripts stored before this
 *   migration (their text is sealed, so SQL cannot rebuild the vectors; a re-run does).
 * - analyses.customer_sentiment_score: the customer's sentiment (-1..1) beside the overall score;
 *   NULL before this migration (the result is sealed) or where the customer did not speak.
 * - Indexes for the search's plain filters on the current analysis; the list's order is
 *   recordings_by_start_or_received (0005).
 */
export const conversationSearch = sqlMigration(
  '0010_conversation_search',
  `
  ALTER TABLE conversations.transcripts
    ADD COLUMN agent_vector tsvector,
    ADD COLUMN customer_vector tsvector;
  CREATE INDEX transcripts_agent_search ON conversations.transcripts USING gin (agent_vector) WHERE is_current;
  CREATE INDEX transcripts_customer_search ON conversations.transcripts USING gin (customer_vector) WHERE is_current;

  ALTER TABLE conversations.analyses
    ADD COLUMN customer_sentiment_score real CHECK (customer_sentiment_score BETWEEN -1 AND 1);
  CREATE INDEX analyses_by_sentiment ON conversations.analyses (tenant_id, sentiment_score) WHERE is_current;
  CREATE INDEX analyses_by_customer_sentiment ON conversations.analyses (tenant_id, customer_sentiment_score) WHERE is_current;
  CREATE INDEX analyses_by_qa_score ON conversations.analyses (tenant_id, qa_score) WHERE is_current;
`,
);
