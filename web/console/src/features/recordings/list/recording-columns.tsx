import { Link } from '@tanstack/react-router';
import { FileText } from 'lucide-react';
import type { Translation } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { TimeCell, type Column } from '@/kit/data-table';
import { formatDuration } from '@/kit/format';
import type { RecordingSummary } from '@/api/recordings';
import { failureWords, stateTone } from '../recordings.format';
import type { recordingListMessages, recordingWords } from '../recordings.messages';

type ListWords = Translation<(typeof recordingListMessages)['en']>;
type Words = Translation<(typeof recordingWords)['en']>;

/** The state in plain words; a failure says why and what to do. */
export function RecordingState({ recording, words }: { recording: RecordingSummary; words: Words }) {
  return (
    <span className="identity__text">
      <span>
        <Badge tone={stateTone[recording.state]}>{words.states[recording.state]}</Badge>
      </span>
      {recording.state === 'failed' ? (
        <span className="recordings-failure">{failureWords(words, recording.failure)}</span>
      ) : null}
    </span>
  );
}

/** The columns of the recordings list; the API sorts by call start, received time and duration. */
export function recordingColumns(t: ListWords, words: Words): Column<RecordingSummary>[] {
  return [
    {
      id: 'started',
      label: t.columns.started,
      sort: 'startedAt',
      firstDirection: 'desc',
      hideable: false,
      width: '176px',
      cell: (recording) => (
        <Link
          to="/recordings/$recordingId"
          params={{ recordingId: recording.id }}
          className="recordings-row__link"
        >
          <TimeCell value={recording.startedAt ?? recording.createdAt} />
          <span className="visually-hidden">{` · ${recording.source} ${recording.sourceRecordingId}`}</span>
        </Link>
      ),
    },
    {
      id: 'state',
      label: t.columns.state,
      width: '220px',
      cell: (recording) => <RecordingState recording={recording} words={words} />,
    },
    {
      id: 'duration',
      label: t.columns.duration,
      sort: 'duration',
      firstDirection: 'desc',
      align: 'end',
      width: '96px',
      cell: (recording) =>
        recording.durationMs !== null ? (
          formatDuration(recording.durationMs / 1000)
        ) : recording.audio === null && recording.hasSuppliedTranscript ? (
          <span className="subtle cluster">
            <FileText aria-hidden="true" className="inline-icon" />
            {t.transcriptOnly}
          </span>
        ) : (
          <span className="subtle">—</span>
        ),
    },
    {
      id: 'queue',
      label: t.columns.queue,
      width: '140px',
      cell: (recording) =>
        recording.queue ? (
          <span className="recordings-cell-text">{recording.queue}</span>
        ) : (
          <span className="subtle">—</span>
        ),
    },
    {
      id: 'source',
      label: t.columns.source,
      cell: (recording) => (
        <span className="identity__text">
          <span>{recording.source}</span>
          <span className="subtle mono recordings-cell-text" title={recording.sourceRecordingId}>
            {recording.sourceRecordingId}
          </span>
        </span>
      ),
    },
    {
      id: 'call',
      label: t.columns.call,
      width: '120px',
      cell: (recording) =>
        recording.callId ? (
          <Link to="/calls/$callId" params={{ callId: recording.callId }}>
            {t.openCall}
            <span className="visually-hidden">{` ${recording.callId}`}</span>
          </Link>
        ) : (
          <span className="subtle">{t.noCall}</span>
        ),
    },
    {
      id: 'received',
      label: t.columns.received,
      sort: 'createdAt',
      firstDirection: 'desc',
      width: '176px',
      hiddenByDefault: true,
      cell: (recording) => <TimeCell value={recording.createdAt} />,
    },
    {
      id: 'language',
      label: t.columns.language,
      width: '96px',
      hiddenByDefault: true,
      cell: (recording) => recording.language ?? <span className="subtle">—</span>,
    },
  ];
}
