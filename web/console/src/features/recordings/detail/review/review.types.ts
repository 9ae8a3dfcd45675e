import type { QueryClient } from '@tanstack/react-query';
import type { Schema } from '@/api/types';

/** One rule of the current analysis' QA evaluation, as GET /recordings/{id}/analysis sends it. */
export type QaRule = Schema<'QaEvaluation'>['rules'][number];

/**
 * After an override or a dispute: every query about this recording is stale (its analysis, its
 * reviews), whatever key the analysis panel gives them, as long as the key names the recording.
 */
export function invalidateRecording(queryClient: QueryClient, recordingId: string) {
  void queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(recordingId) });
  void queryClient.invalidateQueries({ queryKey: ['qa-disputes'] });
}
