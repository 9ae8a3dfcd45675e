import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useMessages } from '@/i18n';
import { useCan } from '@/kit/session';
import { toast } from '@/kit/toast';
import { analysisApi, analysisHistoryKey, analysisQueryKey } from './analysis.api';
import { analysisMessages } from './analysis.messages';

/** How long the page keeps asking for an analysis it requested before it says it is slow. */
const patienceMs = 3 * 60_000;

/**
 * The recording's current analysis, for the whole page (panel, timeline, transcript). The history
 * (GET …/analyses) says whether there is one and which; only then is the analysis itself asked
 * for, so a recording without one costs no 404. After "Analyse again" the history is asked every
 * 4 s until the analysis with the id the server gave is current; while the recording is being
 * processed, every 5 s (a run ends with a new analysis).
 */
export function useAnalysis(recordingId: string, refreshWhile: boolean) {
  const m = useMessages(analysisMessages);
  const canRead = useCan('analysis:read');
  const queryClient = useQueryClient();
  const [requested, setRequested] = useState<{ id: string; slow: boolean } | null>(null);

  const history = useQuery({
    queryKey: analysisHistoryKey(recordingId),
    queryFn: ({ signal }) => analysisApi.history(recordingId, signal),
    enabled: canRead,
    refetchInterval: (q) =>
      requested && !requested.slow && !q.state.data?.items.some((i) => i.id === requested.id && i.isCurrent)
        ? 4_000
        : refreshWhile
          ? 5_000
          : false,
  });
  const currentId = history.data?.items.find((item) => item.isCurrent)?.id;
  const query = useQuery({
    queryKey: [...analysisQueryKey(recordingId), currentId],
    queryFn: ({ signal }) => analysisApi.current(recordingId, signal),
    enabled: canRead && currentId !== undefined,
    // Keyed by the current analysis's id: a stored analysis never changes.
    staleTime: Infinity,
  });
  const analysis = query.data;
  const waiting = requested !== null && currentId !== requested.id;

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

  const again = useMutation({
    mutationFn: () => analysisApi.analyseAgain(recordingId),
    onSuccess: (accepted) => {
      setRequested({ id: accepted.analysisId, slow: false });
      toast.success(m.queuedToast);
      void queryClient.invalidateQueries({ queryKey: analysisHistoryKey(recordingId) });
    },
  });

  return {
    canRead,
    /** Loading: the history, then the analysis it names. */
    pending: canRead && (history.isPending || (currentId !== undefined && query.isPending)),
    error: history.error ?? query.error,
    retry: () => void (history.isError ? history.refetch() : query.refetch()),
    analysis,
    /** The recording has no analysis yet (a state, not an error). */
    missing: history.isSuccess && currentId === undefined,
    /** A requested analysis is not current yet; `slow` once the page stopped asking. */
    waiting,
    slow: waiting && requested.slow,
    again,
  };
}

export type AnalysisState = ReturnType<typeof useAnalysis>;
