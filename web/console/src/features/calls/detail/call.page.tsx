import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ArrowLeft, ArrowRight, FileJson } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { api, unwrap } from '@/api/client';
import { isApiError } from '@/api/problem';
import type { Schema } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { DateTime } from '@/kit/DateTime';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import {
  directionLabel,
  dispositionLabel,
  dispositionTone,
  formatDecimal,
  formatDuration,
  partyAddress,
  partyLabel,
  sourceLabel,
  type PartyLike,
} from '../calls.format';
import { CallRecordings } from './CallRecordings';
import { LegsTimeline } from './LegsTimeline';
import { RawPayloadDialog } from './RawPayloadDialog';
import '../calls.css';

const route = getRouteApi('/console/calls/$callId');

type CallRecord = Schema<'CallRecordV1'>;
type Quality = Schema<'CallQuality'>;

/** A signed link lives five minutes on the server; one older than this is asked for again. */
const linkFreshMs = 4 * 60_000;

export const callQueryKey = (callId: string) => ['calls', 'detail', callId] as const;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children ?? <span className="subtle">—</span>}</dd>
    </>
  );
}

function When({ value }: { value: string | null }) {
  return value ? <DateTime value={value} seconds /> : <span className="subtle">—</span>;
}

function PartyBlock({ party, role }: { party: PartyLike; role: string }) {
  return (
    <div className="identity__text">
      <span className="subtle">{role}</span>
      <span className="call-party__name">{partyLabel(party)}</span>
      {party.displayName ? <span className="mono subtle">{partyAddress(party)}</span> : null}
      {party.raw && party.e164 && party.raw !== party.e164 ? (
        <span className="subtle">as sent: {party.raw}</span>
      ) : null}
    </div>
  );
}

function causeText(causes: CallRecord['causeCodes']): string | null {
  const parts = [
    causes.q850 !== null ? `Q.850 ${causes.q850}` : null,
    causes.sip !== null ? `SIP ${causes.sip}` : null,
    causes.sourceText,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function hasQuality(quality: Quality | null): quality is Quality {
  return (
    quality !== null &&
    [quality.mos, quality.jitterMs, quality.packetLossPct, quality.rttMs].some((v) => v !== null)
  );
}

function QualityFigures({ quality }: { quality: Quality }) {
  return (
    <dl className="call-figures">
      <div className="call-figure">
        <dt>MOS</dt>
        <dd>{formatDecimal(quality.mos)}</dd>
      </div>
      <div className="call-figure">
        <dt>Jitter</dt>
        <dd>{formatDecimal(quality.jitterMs, ' ms')}</dd>
      </div>
      <div className="call-figure">
        <dt>Packet loss</dt>
        <dd>{formatDecimal(quality.packetLossPct, ' %')}</dd>
      </div>
      <div className="call-figure">
        <dt>Round trip</dt>
        <dd>{formatDecimal(quality.rttMs, ' ms')}</dd>
      </div>
    </dl>
  );
}

function QualityPanel({ record }: { record: CallRecord }) {
  const legs = record.legs.filter((leg) => hasQuality(leg.quality));
  return (
    <Panel
      title="Quality"
      description="Worst values across the call’s streams, where the source measures them."
      labelledBy="call-quality"
    >
      {hasQuality(record.quality) || legs.length > 0 ? (
        <div className="stack stack--sm">
          {hasQuality(record.quality) ? <QualityFigures quality={record.quality} /> : null}
          {legs.map((leg) =>
            leg.quality ? (
              <div key={leg.legId}>
                <p className="subtle">
                  Leg <span className="mono">{leg.legId}</span>
                </p>
                <QualityFigures quality={leg.quality} />
              </div>
            ) : null,
          )}
        </div>
      ) : (
        <p className="subtle">This source reports no quality figures for the call.</p>
      )}
    </Panel>
  );
}

export function CallPage() {
  const { callId } = route.useParams();
  const queryClient = useQueryClient();
  const canRaw = useCan('calls:raw');
  const call = useQuery({
    queryKey: callQueryKey(callId),
    queryFn: () => unwrap(api.GET('/api/v1/calls/{callId}', { params: { path: { callId } } })),
    // Opening the detail hands out (and audits) a raw link for calls:raw holders: do not ask again behind the reader's back.
    staleTime: linkFreshMs,
    refetchOnWindowFocus: false,
  });
  const [rawUrl, setRawUrl] = useState<Promise<string>>();

  const openRaw = () => {
    const fresh =
      call.data?.raw.url && Date.now() - call.dataUpdatedAt < linkFreshMs
        ? Promise.resolve(call.data.raw.url)
        : undefined;
    setRawUrl(
      fresh ??
        queryClient
          .query({
            queryKey: callQueryKey(callId),
            queryFn: () => unwrap(api.GET('/api/v1/calls/{callId}', { params: { path: { callId } } })),
            staleTime: 0,
          })
          .then((detail) => {
            if (!detail.raw.url) throw new Error('No link to the raw payload was given.');
            return detail.raw.url;
          }),
    );
  };

  const back = (
    <Link to="/calls" className="btn btn--ghost btn--sm">
      <ArrowLeft aria-hidden="true" />
      All calls
    </Link>
  );

  if (call.isPending) {
    return (
      <div className="stack calls-stack">
        <PageHeader eyebrow="Call" title="Call" actions={back} />
        <Panel>
          <LoadingBlock label="Loading the call" lines={6} />
        </Panel>
      </div>
    );
  }
  if (call.isError) {
    const missing = isApiError(call.error) && call.error.status === 404;
    return (
      <div className="stack calls-stack">
        <PageHeader eyebrow="Call" title="Call" actions={back} />
        <Panel>
          {missing ? (
            <EmptyState title="This call was not found">
              It may belong to another organisation, or the address may be mistyped.
            </EmptyState>
          ) : (
            <ErrorState
              error={call.error}
              onRetry={() => void call.refetch()}
              title="The call could not be loaded"
            />
          )}
        </Panel>
      </div>
    );
  }

  const { record, raw } = call.data;
  const causes = causeText(record.causeCodes);
  return (
    <div className="stack calls-stack">
      <PageHeader
        eyebrow={`Call · ${sourceLabel(record.source)}`}
        title={`${partyLabel(record.from)} → ${partyLabel(record.to)}`}
        description={<DateTime value={record.startedAt} />}
        actions={
          <>
            {back}
            {canRaw && raw.url ? (
              <Button icon={<FileJson aria-hidden="true" />} onClick={openRaw}>
                View raw payload
              </Button>
            ) : null}
          </>
        }
      />
      <div className="call-grid">
        <div className="stack calls-stack">
          <Panel title="Summary" labelledBy="call-summary">
            <div className="call-parties">
              <PartyBlock party={record.from} role="From" />
              <ArrowRight aria-hidden="true" className="call-party__arrow" />
              <PartyBlock party={record.to} role="To" />
            </div>
            <dl className="call-figures">
              <div className="call-figure">
                <dt>Ringing</dt>
                <dd>{formatDuration(record.ringSeconds)}</dd>
              </div>
              <div className="call-figure">
                <dt>Talking</dt>
                <dd>{formatDuration(record.talkSeconds)}</dd>
              </div>
              <div className="call-figure">
                <dt>Total</dt>
                <dd>{formatDuration(record.totalSeconds)}</dd>
              </div>
              {record.holdSeconds !== null ? (
                <div className="call-figure">
                  <dt>On hold</dt>
                  <dd>{formatDuration(record.holdSeconds)}</dd>
                </div>
              ) : null}
              {record.afterCallWorkSeconds !== null ? (
                <div className="call-figure">
                  <dt>After-call work</dt>
                  <dd>{formatDuration(record.afterCallWorkSeconds)}</dd>
                </div>
              ) : null}
            </dl>
            <dl className="kv">
              <Fact term="Outcome">
                <span className="cluster">
                  <Badge tone={dispositionTone(record.disposition)}>
                    {dispositionLabel(record.disposition)}
                  </Badge>
                  {causes ? <span className="subtle">{causes}</span> : null}
                </span>
              </Fact>
              <Fact term="Direction">
                <span className="cluster">
                  {directionLabel(record.direction)}
                  {record.sourceDirection !== null ? (
                    <span className="subtle">source says “{record.sourceDirection}”</span>
                  ) : null}
                </span>
              </Fact>
              <Fact term="Started">
                <When value={record.startedAt} />
              </Fact>
              <Fact term="Answered">
                <When value={record.answeredAt} />
              </Fact>
              <Fact term="Ended">
                {record.endedAt ? (
                  <DateTime value={record.endedAt} seconds />
                ) : (
                  <span className="subtle">Still in progress, or not reported</span>
                )}
              </Fact>
              <Fact term="Agent">
                {record.agent ? [record.agent.name, record.agent.id].filter(Boolean).join(' · ') : null}
              </Fact>
              <Fact term="Queue">
                {record.queue ? [record.queue.name, record.queue.id].filter(Boolean).join(' · ') : null}
              </Fact>
            </dl>
          </Panel>
          <Panel
            title={`Legs (${record.legs.length})`}
            description="Each party the call reached, on one time axis."
            labelledBy="call-legs"
          >
            {record.legs.length === 0 ? (
              <p className="subtle">The source reported no legs for this call.</p>
            ) : (
              <LegsTimeline record={record} />
            )}
          </Panel>
        </div>
        <div className="stack calls-stack">
          <Panel title="Source" labelledBy="call-source">
            <dl className="kv kv--stacked">
              <Fact term="System">{sourceLabel(record.source)}</Fact>
              <Fact term="Call id in the source">
                <span className="cluster">
                  <span className="mono">{record.sourceCallId}</span>
                  <CopyButton text={record.sourceCallId} label="Copy the source call id" compact />
                </span>
              </Fact>
              <Fact term="Conversation">
                <span className="mono">{record.conversationId}</span>
              </Fact>
              <Fact term="Call id">
                <span className="mono">{record.id}</span>
              </Fact>
              <Fact term="Received">
                <DateTime value={record.ingestedAt} />
              </Fact>
              <Fact term="Raw payload">
                <span className="mono" title={`SHA-256 ${raw.sha256}`}>
                  {raw.objectKey}
                </span>
              </Fact>
            </dl>
          </Panel>
          <QualityPanel record={record} />
          <CallRecordings record={record} />
        </div>
      </div>
      {rawUrl ? (
        <RawPayloadDialog url={rawUrl} objectKey={raw.objectKey} onClose={() => setRawUrl(undefined)} />
      ) : null}
    </div>
  );
}
