import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';

/*
 * The recording's analysis as the console reads it: the current one (GET …/analysis), the history
 * (GET …/analyses), analysing again (POST …/analyses), and the insight schema version the values
 * were made with (so they are shown by its field names and types).
 */

export type Analysis = Schema<'ConversationAnalysis'>;
export type AnalysisSummary = Schema<'ConversationAnalysisSummary'>;
export type QaEvaluation = Schema<'QaEvaluation'>;
export type QaRule = QaEvaluation['rules'][number];
export type QaEvidence = QaRule['evidence'][number];
export type SentimentLabel = Analysis['sentiment']['overall']['label'];
export type InsightField = Schema<'InsightField'>;
export type Grade = NonNullable<Analysis['grade']>;

export const analysisQueryKey = (recordingId: string) => ['recordings', 'analysis', recordingId] as const;
export const analysisHistoryKey = (recordingId: string) => ['recordings', 'analyses', recordingId] as const;

export const analysisApi = {
  current: (id: string, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/recordings/{id}/analysis', { params: { path: { id } }, signal })),
  history: (id: string, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/recordings/{id}/analyses', { params: { path: { id } }, signal })),
  /** 202: queued in the background; the new analysis becomes current when done. */
  analyseAgain: (id: string) =>
    unwrap(api.POST('/api/v1/recordings/{id}/analyses', { params: { path: { id } } })),
  insightSchema: (id: string, version: number, signal?: AbortSignal) =>
    unwrap(
      api.GET('/api/v1/conversations/insight-schemas/{id}', {
        params: { path: { id }, query: { version } },
        signal,
      }),
    ),
};
