import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ArrowLeft, TriangleAlert } from 'lucide-react';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError, messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { DateTime } from '@/kit/DateTime';
import { formatDuration } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { recordingsApi, transcriptOf, type AudioVariant, type RecordingDetail } from '@/api/recordings';
import { failureWords, formatBytes, speakerNames, stateTone } from '../recordings.format';
import { recordingWords } from '../recordings.messages';
import { AnalysisPanel } from './analysis/AnalysisPanel';
import { momentsOf, sentimentBySegment } from './analysis/moments';
import { QaPanel, type RuleActions } from './analysis/QaPanel';
import { useAnalysis } from './analysis/useAnalysis';
import { CharacteristicsPanel } from './CharacteristicsPanel';
import { recordingDetailMessages } from './detail.messages';
import { RuleReviewActions } from './review/RuleReviewActions';
import { RunsPanel } from './RunsPanel';
import { activeSegmentIndex, durationOf, lanesOf, markersOf } from './timeline';
import { Timeline } from './Timeline';
import { TranscriptView } from './TranscriptView';
import { decodePeaks } from './waveform';
import '../recordings.css';

const route = getRouteApi('/console/recordings/$recordingId');

/** A signed audio link lives a few minutes on the server; one older than this is asked for again. */
const linkFreshMs = 4 * 60_000;
const unfinished = new Set(['uploading', 'queued', 'processing']);

export const recordingQueryKey = (id: string) => ['recordings', 'detail', id] as const;

/** A reviewer's actions under each QA rule: override its score, dispute it (features/…/detail/review). */
const reviewActions =
  (recordingId: string): RuleActions =>
  (rule) => <RuleReviewActions recordingId={recordingId} rule={rule} />;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children ?? <span className="subtle">—</span>}</dd>
    </>
  );
}

function Facts({ recording }: { recording: RecordingDetail }) {
  const m = useMessages(recordingDetailMessages).facts;
  const words = useMessages(recordingWords);
  const meta = recording.metadata;
  return (
    <Panel title={m.title} labelledBy="recording-facts">
      <dl className="kv kv--stacked">
        <Fact term={m.state}>
          <span className="identity__text">
            <span>
              <Badge tone={stateTone[recording.state]}>{words.states[recording.state]}</Badge>{' '}
              <span className="subtle">{words.stateHints[recording.state]}</span>
            </span>
            {recording.state === 'failed' ? (
              <span className="recordings-failure">{failureWords(words, recording.failure)}</span>
            ) : null}
          </span>
        </Fact>
        {recording.failure?.reason ? <Fact term={m.reason}>{recording.failure.reason}</Fact> : null}
        <Fact term={m.call}>
          {recording.callId ? (
            <Link to="/calls/$callId" params={{ callId: recording.callId }}>
              {m.openCall}
            </Link>
          ) : (
            <span className="subtle">{m.noCall}</span>
          )}
        </Fact>
        <Fact term={m.started}>
          {recording.startedAt ? <DateTime value={recording.startedAt} seconds /> : null}
        </Fact>
        <Fact term={m.direction}>{words.directions[recording.direction]}</Fact>
        <Fact term={m.agent}>
          {meta.agent ? [meta.agent.name, meta.agent.id].filter(Boolean).join(' · ') : null}
        </Fact>
        <Fact term={m.queue}>{recording.queue}</Fact>
        <Fact term={m.parties}>
          {meta.parties && meta.parties.length > 0 ? (
            <ul className="recording-parties">
              {meta.parties.map((party, index) => (
                <li key={index}>
                  {party.role ? <span className="subtle">{words.roles[party.role]}: </span> : null}
                  {[party.name, party.number].filter(Boolean).join(' · ')}
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact term={m.language}>{recording.language}</Fact>
        <Fact term={m.audio}>
          {recording.audio ? (
            [
              recording.codec ?? recording.audio.contentType,
              recording.durationMs !== null ? formatDuration(recording.durationMs / 1000) : null,
              recording.channels !== null ? `${recording.channels} ch` : null,
              formatBytes(recording.audio.bytes),
            ]
              .filter(Boolean)
              .join(' · ')
          ) : (
            <span className="subtle">{m.noAudio}</span>
          )}
        </Fact>
        <Fact term={m.source}>{recording.source}</Fact>
        <Fact term={m.sourceRecordingId}>
          <span className="mono recordings-break">{recording.sourceRecordingId}</span>
        </Fact>
        <Fact term={m.received}>
          <DateTime value={recording.createdAt} />
        </Fact>
        <Fact term={m.id}>
          <span className="mono recordings-break">{recording.id}</span>
        </Fact>
      </dl>
    </Panel>
  );
}

export function RecordingPage() {
  const { recordingId } = route.useParams();
  const m = useMessages(recordingDetailMessages);
  const words = useMessages(recordingWords);
  const canPlay = useCan('recordings:play');
  const canOriginal = useCan('recordings:read_original');
  const canReadTranscripts = useCan('transcripts:read');
  const [variant, setVariant] = useState<AudioVariant>('redacted');
  const [currentMs, setCurrentMs] = useState(0);
  /** The transcript line an evidence quote or a timeline moment pointed at (nonce: again on each jump). */
  const [highlighted, setHighlighted] = useState<{ segmentId: string; nonce: number } | null>(null);
  const audio = useRef<HTMLAudioElement>(null);

  const detail = useQuery({
    queryKey: recordingQueryKey(recordingId),
    queryFn: ({ signal }) => recordingsApi.get(recordingId, signal),
    // While the pipeline works, look again now and then: the state, the runs and the transcript change.
    refetchInterval: (query) => (query.state.data && unfinished.has(query.state.data.state) ? 5_000 : false),
  });
  const recording = detail.data;
  const analysisState = useAnalysis(recordingId, recording !== undefined && unfinished.has(recording.state));
  const analysis = analysisState.analysis;
  const moments = useMemo(() => momentsOf(analysis), [analysis]);
  const sentiments = useMemo(() => sentimentBySegment(analysis), [analysis]);
  const playable =
    canPlay &&
    recording?.audio !== null &&
    recording !== undefined &&
    (variant === 'original' || recording.hasRedactedAudio);
  const link = useQuery({
    queryKey: ['recordings', 'audio', recordingId, variant],
    queryFn: ({ signal }) => recordingsApi.audio(recordingId, variant, signal),
    enabled: playable,
    staleTime: linkFreshMs,
    refetchOnWindowFocus: false,
  });
  const url = link.data?.url;

  // The waveform: the audio fetched and decoded once per link; null where the browser cannot.
  const peaks =
    useQuery({
      queryKey: ['recordings', 'peaks', recordingId, variant],
      queryFn: ({ signal }) => (url ? decodePeaks(url, 1600, signal) : null),
      enabled: Boolean(url),
      staleTime: Infinity,
      gcTime: 60_000,
      retry: false,
      refetchOnWindowFocus: false,
    }).data ?? null;

  const transcript = useMemo(() => transcriptOf(recording?.transcript?.transcript), [recording]);
  const characteristics = recording?.transcript?.characteristics ?? null;
  const names = useMemo(() => {
    const known = speakerNames(words, transcript?.speakers ?? []);
    // Speakers the audio found but the transcript does not name.
    const extra = (characteristics?.speakers ?? []).filter((s) => !known.has(s.speaker));
    const all = new Map(known);
    extra.forEach((s, i) => all.set(s.speaker, words.speakerName(words.roles.unknown, known.size + i + 1)));
    return all;
  }, [words, transcript, characteristics]);
  const roles = useMemo(
    () => new Map((transcript?.speakers ?? []).map((s) => [s.id, s.role] as const)),
    [transcript],
  );
  const segments = transcript?.segments ?? [];
  const active = activeSegmentIndex(segments, currentMs);

  const seek = (ms: number) => {
    setCurrentMs(ms);
    if (audio.current) audio.current.currentTime = ms / 1000;
  };
  /** From the analysis: play from the moment and highlight its line (the one heard then, when it names none). */
  const jump = (ms: number, segmentId: string | null) => {
    seek(ms);
    const id = segmentId ?? segments[activeSegmentIndex(segments, ms)]?.id;
    if (id) setHighlighted((before) => ({ segmentId: id, nonce: (before?.nonce ?? 0) + 1 }));
  };

  const back = (
    <Link to="/recordings" className="btn btn--ghost btn--sm">
      <ArrowLeft aria-hidden="true" />
      {m.back}
    </Link>
  );

  if (detail.isPending || detail.isError) {
    const missing = detail.isError && isApiError(detail.error) && detail.error.status === 404;
    return (
      <div className="stack recordings-stack">
        <PageHeader eyebrow={m.eyebrow} title={m.title} actions={back} />
        <Panel>
          {detail.isPending ? (
            <LoadingBlock label={m.loading} lines={6} />
          ) : missing ? (
            <EmptyState title={m.notFound}>{m.notFoundHint}</EmptyState>
          ) : (
            <ErrorState error={detail.error} onRetry={() => void detail.refetch()} title={m.failed} />
          )}
        </Panel>
      </div>
    );
  }

  const rec = detail.data;
  const durationMs = durationOf(rec.durationMs, transcript, characteristics);
  const lanes = lanesOf(transcript, characteristics);
  const markers = markersOf(transcript, characteristics);

  let playerNote: string | undefined;
  if (rec.audio === null) playerNote = m.player.noAudio;
  else if (!canPlay) playerNote = m.player.noPermission;
  else if (variant === 'redacted' && !rec.hasRedactedAudio)
    playerNote = unfinished.has(rec.state) ? m.player.notReady : m.player.noRedacted;
  else if (link.isError) playerNote = `${m.player.cannotPlay} ${messageOf(link.error)}`;

  const transcriptNote = !canReadTranscripts
    ? m.transcript.noPermission
    : !rec.transcript
      ? unfinished.has(rec.state)
        ? m.transcript.noneProcessing
        : m.transcript.none
      : !transcript
        ? m.transcript.unreadable
        : undefined;
  const redacted = Object.values(rec.transcript?.redactionCounts ?? {}).reduce((a, b) => a + b, 0);

  return (
    <div className="stack recordings-stack">
      <PageHeader
        eyebrow={`${m.eyebrow} · ${rec.source}`}
        title={rec.sourceRecordingId}
        description={<DateTime value={rec.startedAt ?? rec.createdAt} />}
        actions={back}
      />
      <div className="recording-grid">
        <div className="stack recordings-stack">
          <Panel
            title={m.player.title}
            labelledBy="recording-player"
            actions={
              canPlay && canOriginal && rec.audio ? (
                <div className="segmented" role="group" aria-label={m.player.variant}>
                  {(['redacted', 'original'] as const).map((v) => (
                    <button
                      key={v}
                      type="button"
                      className="segmented__option"
                      aria-pressed={variant === v}
                      onClick={() => setVariant(v)}
                    >
                      {v === 'redacted' ? m.player.redacted : m.player.original}
                    </button>
                  ))}
                </div>
              ) : null
            }
          >
            <div className="stack stack--sm">
              {variant === 'original' ? (
                <Alert tone="warning" icon={<TriangleAlert aria-hidden="true" />}>
                  {m.player.originalWarning}
                </Alert>
              ) : null}
              {playerNote ? <p className="subtle">{playerNote}</p> : null}
              {url && !playerNote ? (
                <audio
                  ref={audio}
                  className="recording-audio"
                  controls
                  preload="metadata"
                  src={url}
                  onTimeUpdate={(e) => setCurrentMs(Math.round(e.currentTarget.currentTime * 1000))}
                  onSeeked={(e) => setCurrentMs(Math.round(e.currentTarget.currentTime * 1000))}
                >
                  <track kind="captions" />
                </audio>
              ) : playable && link.isPending && !playerNote ? (
                <LoadingBlock label={m.player.loading} lines={1} />
              ) : null}
              {lanes.length > 0 || peaks ? (
                <Timeline
                  durationMs={durationMs}
                  lanes={lanes}
                  markers={markers}
                  names={names}
                  peaks={peaks}
                  currentMs={currentMs}
                  onSeek={seek}
                  moments={moments}
                  onMoment={(moment) => jump(moment.startMs, moment.segmentId)}
                />
              ) : null}
            </div>
          </Panel>
          <Panel
            title={m.transcript.title}
            description={transcript ? m.transcript.description : undefined}
            labelledBy="recording-transcript"
          >
            {transcriptNote || !transcript || !rec.transcript ? (
              <p className="subtle">{transcriptNote}</p>
            ) : (
              <div className="stack stack--sm">
                <p className="subtle">
                  {m.transcript.provider(rec.transcript.provider, rec.transcript.language ?? '')}
                  {redacted > 0 ? ` · ${m.transcript.redactedCount(redacted)}` : ''}
                </p>
                <TranscriptView
                  segments={segments}
                  names={names}
                  roles={roles}
                  active={active}
                  onSeek={seek}
                  sentiments={sentiments}
                  highlighted={highlighted}
                />
              </div>
            )}
          </Panel>
        </div>
        <div className="stack recordings-stack">
          {analysis ? (
            <QaPanel
              analysis={analysis}
              names={names}
              onJump={jump}
              renderRuleActions={reviewActions(recordingId)}
            />
          ) : null}
          <AnalysisPanel state={analysisState} recording={rec} names={names} onJump={jump} />
          <Facts recording={rec} />
          <CharacteristicsPanel characteristics={characteristics} names={names} />
          <RunsPanel recording={rec} />
        </div>
      </div>
    </div>
  );
}
