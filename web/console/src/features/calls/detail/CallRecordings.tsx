import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { AudioLines, Mic } from 'lucide-react';
import { recordingsApi, type RecordingState } from '@/api/recordings';
import type { Schema } from '@/api/types';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { DateTime } from '@/kit/DateTime';
import { formatDuration } from '@/kit/format';
import { Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { callRecordingsMessages } from './call-recordings.messages';

type CallRecord = Schema<'CallRecordV1'>;

const tone: Readonly<Record<RecordingState, BadgeTone>> = {
  uploading: 'neutral',
  queued: 'info',
  processing: 'info',
  ready: 'success',
  failed: 'danger',
};

/** The recordings Switchboard holds for the call (GET /recordings?callId=), each a link to its page. */
function StoredRecordings({ callId }: { callId: string }) {
  const m = useMessages(callRecordingsMessages);
  const recordings = useQuery({
    queryKey: ['recordings', 'list', { callId }],
    queryFn: ({ signal }) => recordingsApi.list({ callId, limit: 50 }, signal),
  });
  if (recordings.isPending) return <LoadingBlock label={m.loading} lines={2} />;
  if (recordings.isError)
    return <ErrorState error={recordings.error} onRetry={() => void recordings.refetch()} title={m.failed} />;
  if (recordings.data.items.length === 0) return <p className="subtle">{m.none}</p>;
  return (
    <ul className="recordings" aria-label={m.stored}>
      {recordings.data.items.map((recording) => (
        <li key={recording.id}>
          <span className="cluster">
            <AudioLines aria-hidden="true" className="inline-icon" />
            <Link
              to="/recordings/$recordingId"
              params={{ recordingId: recording.id }}
              aria-label={m.open(recording.sourceRecordingId)}
            >
              <span className="mono">{recording.sourceRecordingId}</span>
            </Link>
            <Badge tone={tone[recording.state]}>{m.states[recording.state]}</Badge>
          </span>
          <span className="subtle">
            {recording.durationMs !== null
              ? formatDuration(recording.durationMs / 1000)
              : recording.audio === null
                ? m.transcriptOnly
                : null}
            {recording.startedAt ? (
              <>
                {' · '}
                <DateTime value={recording.startedAt} />
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The call's recordings: those received (with links), then those the source only referenced. */
export function CallRecordings({ record }: { record: CallRecord }) {
  const m = useMessages(callRecordingsMessages);
  const canRead = useCan('recordings:read');
  return (
    <Panel title={m.title} labelledBy="call-recordings">
      <div className="stack stack--sm">
        {canRead ? <StoredRecordings callId={record.id} /> : null}
        {record.recordings.length === 0 ? (
          canRead ? null : (
            <p className="subtle">{m.referencedNone}</p>
          )
        ) : (
          <>
            {canRead ? <h3 className="subtle call-recordings__heading">{m.referenced}</h3> : null}
            <ul className="recordings">
              {record.recordings.map((recording, index) => (
                <li key={`${recording.uri}-${index}`}>
                  <span className="cluster">
                    <Mic aria-hidden="true" className="inline-icon" />
                    <span className="mono">{recording.sourceRecordingId ?? recording.uri}</span>
                  </span>
                  <span className="subtle">
                    {[
                      recording.mediaType,
                      recording.durationSeconds !== null ? formatDuration(recording.durationSeconds) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ') || m.noDetails}
                    {recording.startedAt ? (
                      <>
                        {' · '}
                        <DateTime value={recording.startedAt} />
                      </>
                    ) : null}
                  </span>
                  <span className="subtle mono">{recording.uri}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Panel>
  );
}
