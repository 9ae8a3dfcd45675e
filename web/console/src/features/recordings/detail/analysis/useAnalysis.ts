import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { useCan } from '@/kit/session';
import { toast } from '@/kit/toast';
import { analysisApi, analysisQueryKey, noAnalysisCode } from './analysis.api';
import { analysisMessages } from './analysis.messages';

/** How long the page keeps asking for an analysis it requested before it says it is slow. */
const patienceMs = 3 * 60_000;

/**
 * The recording's current analysis, for the whole page (panel, timeline, transcript). After
 * "Analyse again" it asks every 4 s until the analysis with the id the server gave is current.
 * `missing` is the server's "no analysis yet" (404), which is a state, not an error.
 */
export function useAnalysis(recordingId: string, refreshWhile: boolean) {
  const m = useMessages(analysisMessages);
  const canRead = useCan('analysis:read');
  const queryClient = useQueryClient();
  const [requested, setRequested] = useState<{ id: string; slow: boolean } | null>(null);

  const query = useQuery({
    queryKey: analysisQueryKey(recordingId),
    queryFn: ({ signal }) => analysisApi.current(recordingId, signal),
    enabled: canRead,
    retry: (count, error) => !(isApiError(error) && error.status === 404) && count < 2,
    refetchInterval: (q) =>
      requested && !requested.slow && q.state.data?.id !== requested.id
        ? 4_000
        : refreshWhile && !q.state.data
          ? 5_000
          : false,
  });
  const waiting = requested !== null && query.data?.id !== requested.id;
  // Past its patience the page stops asking and says the analysis is slow.
  const requestedId = requested?.id;
  useEffect(() => {
    if (!requestedId) return;
    const timer = setTimeout(
      () => setRequested((now) => (now?.id === requestedId ? { ...now, slow: true } : now)),
      patienceMs,
    );
    return () => clearTimeout(timer);
  }, [requestedId]);

  const missing = isApiError(query.error) && query.error.code === noAnalysisCode;

  const again = useMutation({
    mutationFn: () => analysisApi.analyseAgain(recordingId),
    onSuccess: (accepted) => {
      setRequested({ id: accepted.analysisId, slow: false });
      toast.success(m.queuedToast);
      void queryClient.invalidateQueries({ queryKey: ['recordings', 'analyses', recordingId] });
    },
  });

  return {
    canRead,
    query,
    analysis: query.data,
    missing,
    /** A requested analysis is not current yet; `slow` once the page stopped asking. */
    waiting,
    slow: waiting && requested.slow,
    again,
  };
}

export type AnalysisState = ReturnType<typeof useAnalysis>;
