import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * What the quality dashboards group and flag by, kept plain because none of it is personal:
 *
 * - recordings.team: the team the uploader names in the metadata (`team`), copied out like the
 *   queue. Recordings received before have none (the metadata had no team field), so nothing is
 *   backfilled.
 * - analyses.longest_silence_ms and analyses.interruptions: the longest silence (of at least 3 s,
 *   start and end of the recording included) and the number of interruptions of the transcript
 *   the analysis read, copied from its characteristics when the analysis is stored; existing
 *   analyses are filled here from their transcript's characteristics. NULL: not measured.
 */
/** Fills the outlier columns of analyses from their transcript's characteristics (where still null). */
export const backfillOutlierFigures = `
  UPDATE conversations.analyses a
     SET longest_silence_ms = (
           SELECT coalesce(max(round((p ->> 'durationMs')::numeric)::integer), 0)
             FROM jsonb_array_elements(t.characteristics -> 'nonTalk' -> 'periods') p
            WHERE jsonb_typeof(p -> 'durationMs') = 'number'),
         interruptions = jsonb_array_length(t.characteristics -> 'interruptions')
    FROM conversations.transcripts t
   WHERE t.id = a.transcript_id
     AND jsonb_typeof(t.characteristics -> 'nonTalk' -> 'periods') = 'array'
     AND jsonb_typeof(t.characteristics -> 'interruptions') = 'array'
     AND a.longest_silence_ms IS NULL AND a.interruptions IS NULL;
`;

export const conversationTeam = sqlMigration(
  '0012_conversation_team',
  `
  ALTER TABLE conversations.recordings ADD COLUMN team text CHECK (length(team) BETWEEN 1 AND 256);
  CREATE INDEX recordings_by_team ON conversations.recordings (tenant_id, team) WHERE team IS NOT NULL;

  ALTER TABLE conversations.analyses
    ADD COLUMN longest_silence_ms integer CHECK (longest_silence_ms >= 0),
    ADD COLUMN interruptions integer CHECK (interruptions >= 0);

  ${backfillOutlierFigures}
`,
);
