import { RotateCw } from 'lucide-react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { runSteps, type RecordingDetail } from '@/api/recordings';
import { analysisMessages } from './analysis.messages';
import './analysis.css';
import { AnalysisFindings } from './AnalysisFindings';
import type { Jump } from './Evidence';
import type { AnalysisState } from './useAnalysis';

const unfinished = new Set(['uploading', 'queued', 'processing']);

/** The newest run's analysis step failed (runs come newest first). */
function analysisFailed(recording: RecordingDetail): boolean {
  const newest = recording.runs[0];
  return newest ? runSteps(newest.steps).some((s) => s.name === 'analyse' && s.outcome === 'failed') : false;
}

/**
 * The "Analysis" panel: what the analyser found, or in plain words why there is nothing yet
 * (processing, no transcript, failed, never analysed); "Analyse again" with `analysis:configure`.
 */
export function AnalysisPanel({
  state,
  recording,
  names,
  onJump,
}: {
  readonly state: AnalysisState;
  readonly recording: RecordingDetail;
  readonly names: ReadonlyMap<string, string>;
  readonly onJump: Jump;
}) {
  const m = useMessages(analysisMessages);
  const canConfigure = useCan('analysis:configure');
  const { analysis, missing, waiting, slow, again } = state;
  const hasTranscript = recording.transcript !== null;
  const busy = unfinished.has(recording.state);
  const failed = analysisFailed(recording);

  const action =
    canConfigure && hasTranscript && !busy && state.canRead ? (
      <Button
        icon={<RotateCw aria-hidden="true" />}
        onClick={() => again.mutate()}
        busy={again.isPending}
        disabled={waiting && !slow}
      >
        {m.analyseAgain}
      </Button>
    ) : null;

  let body;
  if (!state.canRead) body = <p className="subtle">{m.noPermission}</p>;
  else if (state.pending) body = <LoadingBlock label={m.loading} lines={4} />;
  else if (missing || !analysis)
    body = missing ? (
      <p className="subtle">
        {waiting
          ? m.analysingNone
          : busy
            ? m.notYetProcessing
            : !hasTranscript
              ? m.noTranscript
              : failed
                ? m.analysisFailed
                : m.notAnalysed}
      </p>
    ) : (
      <ErrorState error={state.error} onRetry={state.retry} title={m.failed} />
    );
  else
    body = (
      <div className="stack stack--sm">
        {failed && !waiting ? <Alert tone="warning">{m.analysisFailed}</Alert> : null}
        <AnalysisFindings analysis={analysis} names={names} onJump={onJump} />
      </div>
    );

  return (
    <Panel
      title={m.title}
      description={analysis ? m.description : undefined}
      labelledBy="recording-analysis"
      actions={action}
    >
      <div className="stack stack--sm">
        {waiting ? (
          <p className="subtle" role="status">
            {slow ? m.stillWorking : analysis ? m.analysing : null}
          </p>
        ) : null}
        {again.isError ? <Alert tone="danger">{messageOf(again.error)}</Alert> : null}
        {body}
      </div>
    </Panel>
  );
}
