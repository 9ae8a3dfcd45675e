import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatDate, formatDateTime, formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { useNow } from '@/kit/useNow';
import { labelIn } from '@/kit/labels';
import { DeadlineCell } from '../DeadlineCell';
import { isOpen, privacyApi, privacyKeys, type ModuleReport, type RequestDetail } from '../privacy.api';
import { privacyMessages } from '../privacy.messages';
import { RequestStatusBadge } from '../StatusBadge';
import { ReasonDialog, VerifyDialog } from './RequestDialogs';
import '../privacy.css';

const route = getRouteApi('/console/privacy/requests/$requestId');

export function RequestPage() {
  const { requestId } = route.useParams();
  const m = useMessages(privacyMessages);
  const request = useQuery({
    queryKey: privacyKeys.one(requestId),
    queryFn: ({ signal }) => privacyApi.get(requestId, signal),
    // While the modules work, the trail fills in: ask again now and then.
    refetchInterval: (q) => (q.state.data?.status === 'in_progress' ? 3_000 : false),
  });
  if (request.isPending)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.queue.title} title={requestId} />
        <LoadingBlock label={m.detail.loading} />
      </div>
    );
  if (request.isError)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.queue.title} title={requestId} />
        <ErrorState title={m.detail.failed} error={request.error} onRetry={() => void request.refetch()} />
      </div>
    );
  return <RequestView request={request.data} />;
}

type Dialog = 'verify' | 'process' | 'reject' | 'extend' | undefined;

function RequestView({ request }: { request: RequestDetail }) {
  const m = useMessages(privacyMessages);
  const d = m.detail;
  const a = m.actions;
  const queryClient = useQueryClient();
  const now = useNow();
  const [dialog, setDialog] = useState<Dialog>();
  const open = isOpen(request.status);
  const verified = Boolean(request.verification?.verifiedAt);
  const reload = () => void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
  const done = (message: string) => () => {
    toast.success(message);
    setDialog(undefined);
    reload();
  };
  const download = useMutation({ mutationFn: () => privacyApi.download(request.id) });
  const exportExpiresAt = request.result?.exportExpiresAt ?? null;
  const exportLive = exportExpiresAt !== null && Date.parse(exportExpiresAt) > now;

  return (
    <div className="stack privacy-request">
      <PageHeader
        eyebrow={m.queue.title}
        title={`${m.kinds[request.kind]} · ${request.subject || request.id}`}
        description={
          <>
            <RequestStatusBadge status={request.status} /> <span className="mono subtle">{request.id}</span>
          </>
        }
        actions={
          <div className="cluster">
            {open && !verified ? (
              <Button variant="primary" onClick={() => setDialog('verify')}>
                {a.verify}
              </Button>
            ) : null}
            {/* Verified is in progress on the server: Process runs it (again, after a failure: it resumes). */}
            {open && verified ? (
              <Button variant="primary" onClick={() => setDialog('process')}>
                {a.process}
              </Button>
            ) : null}
            {open && !request.extendedDueAt ? (
              <Button onClick={() => setDialog('extend')}>{a.extend}</Button>
            ) : null}
            {open && request.status !== 'in_progress' ? (
              <Button variant="danger-ghost" onClick={() => setDialog('reject')}>
                {a.reject}
              </Button>
            ) : null}
          </div>
        }
      />
      {request.kind === 'access' && request.status === 'completed' ? (
        exportLive ? (
          <Alert tone="success" title={d.download}>
            {download.data ? (
              <a href={download.data.url} rel="noopener noreferrer" download>
                {d.downloadReady(formatDateTime(download.data.expiresAt))}
              </a>
            ) : (
              <Button
                icon={<Download aria-hidden="true" />}
                busy={download.isPending}
                onClick={() => download.mutate()}
              >
                {d.download}
              </Button>
            )}
            {download.isError ? <p role="alert">{download.error.message}</p> : null}
          </Alert>
        ) : (
          <Alert tone="info">{d.downloadExpired}</Alert>
        )
      ) : null}
      <div className="privacy-grid">
        <Panel title={d.facts} labelledBy="request-facts">
          <dl className="kv">
            <div className="kv__row">
              <dt>{d.kind}</dt>
              <dd>{m.kinds[request.kind]}</dd>
            </div>
            <div className="kv__row">
              <dt>{d.subject}</dt>
              <dd>{request.subject || '—'}</dd>
            </div>
            <div className="kv__row">
              <dt>{d.customer}</dt>
              <dd>
                {request.customerId ? (
                  <Link
                    to="/customers/$customerId"
                    params={{ customerId: request.customerId }}
                    className="mono"
                  >
                    {request.customerId}
                  </Link>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div className="kv__row">
              <dt>{d.channel}</dt>
              <dd>{m.channels[request.channel]}</dd>
            </div>
            <div className="kv__row">
              <dt>{d.received}</dt>
              <dd>
                <DateTime value={request.receivedAt} />
              </dd>
            </div>
            <div className="kv__row">
              <dt>{d.due}</dt>
              <dd>
                <DeadlineCell request={request} />
                {request.extendedDueAt ? (
                  <span className="subtle"> {d.originalDue(formatDate(request.dueAt))}</span>
                ) : null}
              </dd>
            </div>
            <div className="kv__row">
              <dt>{d.verification}</dt>
              <dd>
                {request.verification ? (
                  <>
                    {labelIn(m.methods, request.verification.method) ?? request.verification.method} ·{' '}
                    <DateTime value={request.verification.verifiedAt} />
                  </>
                ) : (
                  d.notVerified
                )}
              </dd>
            </div>
            {request.completedAt ? (
              <div className="kv__row">
                <dt>{d.completed}</dt>
                <dd>
                  <DateTime value={request.completedAt} />
                </dd>
              </div>
            ) : null}
            {request.note ? (
              <div className="kv__row">
                <dt>{d.note}</dt>
                <dd>{request.note}</dd>
              </div>
            ) : null}
            {request.rejectionReason ? (
              <div className="kv__row">
                <dt>{d.rejection}</dt>
                <dd>{request.rejectionReason}</dd>
              </div>
            ) : null}
          </dl>
        </Panel>
        <Panel title={d.result} labelledBy="request-result" flush>
          <ModuleReports reports={request.result?.modules ?? []} />
        </Panel>
      </div>
      <Panel title={d.trail} labelledBy="request-trail">
        <Trail request={request} />
      </Panel>
      {dialog === 'verify' ? (
        <VerifyDialog request={request} onClose={() => setDialog(undefined)} onDone={done(a.verified)} />
      ) : null}
      {dialog === 'reject' || dialog === 'extend' ? (
        <ReasonDialog
          request={request}
          action={dialog}
          onClose={() => setDialog(undefined)}
          onDone={done(dialog === 'reject' ? a.rejected : a.extended)}
        />
      ) : null}
      <ConfirmDialog
        open={dialog === 'process'}
        onOpenChange={(next) => setDialog(next ? 'process' : undefined)}
        title={a.processTitle}
        description={a.processText[request.kind]}
        confirmLabel={a.process}
        tone={request.kind === 'erasure' ? 'danger' : 'primary'}
        onConfirm={async () => {
          await privacyApi.process(request.id);
          toast.success(a.processed);
          reload();
        }}
      />
    </div>
  );
}

function ModuleReports({ reports }: { reports: readonly ModuleReport[] }) {
  const d = useMessages(privacyMessages).detail;
  if (reports.length === 0)
    return (
      <div className="panel__body">
        <p className="subtle">{d.resultEmpty}</p>
      </div>
    );
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{d.result}</caption>
        <thead>
          <tr>
            <th scope="col">{d.module}</th>
            <th scope="col">{d.erased}</th>
            <th scope="col">{d.kept}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.module}>
              <th scope="row">{report.module}</th>
              <td>{formatNumber(report.erased)}</td>
              <td>
                <KeptList kept={report.kept} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeptList({ kept }: { kept: ModuleReport['kept'] }) {
  const d = useMessages(privacyMessages).detail;
  if (kept.length === 0) return <span className="subtle">{d.keptNothing}</span>;
  return (
    <ul className="privacy-kept">
      {kept.map((k, i) => (
        <li key={i}>{d.keptLine(k.what, formatNumber(k.count), k.reason)}</li>
      ))}
    </ul>
  );
}

function Trail({ request }: { request: RequestDetail }) {
  const d = useMessages(privacyMessages).detail;
  if (request.trail.length === 0) return <p className="subtle">{d.trailEmpty}</p>;
  const steps = [...request.trail].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol className="privacy-trail" aria-label={d.trailCaption}>
      {steps.map((step, i) => (
        <li key={`${step.at}-${i}`}>
          <div className="privacy-trail__head">
            <Badge>{labelIn(d.steps, step.step) ?? step.step}</Badge>
            {step.module ? <strong>{step.module}</strong> : null}
            <time dateTime={step.at} className="subtle">
              {formatDateTime(step.at)}
            </time>
            {step.actor ? (
              <span className="subtle">{d.by(step.actor.startsWith('system') ? d.system : step.actor)}</span>
            ) : null}
          </div>
          {step.note ? <p>{step.note}</p> : null}
          {step.report ? (
            <div>
              {d.erased}: {formatNumber(step.report.erased)}
              {step.report.kept.length > 0 ? (
                <>
                  {' · '}
                  {d.kept}:
                  <KeptList kept={step.report.kept} />
                </>
              ) : null}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
