import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Upload } from 'lucide-react';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, type Column } from '@/kit/data-table';
import { FieldError, FormError } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import {
  catalogKeys,
  getImport,
  runningImportStates,
  startImport,
  type ImportState,
  type Rejection,
} from '../catalog.api';
import { catalogWords, importMessages } from '../catalog.messages';
import '../catalog.css';

const progressRoute = getRouteApi('/console/commerce/products/imports/$importId');

/** How often the progress is read while the import runs. */
export const importPollMs = 1_000;

const stateTones: Record<ImportState, BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  completed: 'success',
  failed: 'danger',
};

/** Upload a CSV file; the server answers 202 with the job and the page moves to its progress. */
export function ImportPage() {
  const t = useMessages(importMessages);
  const words = useMessages(catalogWords);
  const navigate = useNavigate();
  const fileId = useId();
  const [file, setFile] = useState<File>();
  const form = useForm(['file']);
  const start = useMutation({
    mutationFn: (chosen: File) => startImport(chosen),
    onSuccess: (job) =>
      void navigate({ to: '/commerce/products/imports/$importId', params: { importId: job.id } }),
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!file) form.show({ file: t.fileMissing });
    else start.mutate(file);
  };
  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={t.title}
        description={t.description}
        actions={<Link to="/commerce/products">{t.back}</Link>}
      />
      <Panel>
        <form id={form.id} onSubmit={submit} noValidate className="form">
          <FormError message={form.formError} />
          <div className="field">
            <label className="label" htmlFor={fileId}>
              {t.file}
            </label>
            <input
              id={fileId}
              type="file"
              accept=".csv,text/csv"
              aria-invalid={form.errors.file ? true : undefined}
              aria-describedby={form.errors.file ? `${fileId}-error` : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                form.clear('file');
              }}
            />
            {form.errors.file ? <FieldError id={`${fileId}-error`}>{form.errors.file}</FieldError> : null}
          </div>
          <div>
            <Button
              type="submit"
              variant="primary"
              icon={<Upload aria-hidden="true" />}
              busy={start.isPending}
            >
              {t.start}
            </Button>
          </div>
        </form>
      </Panel>
    </div>
  );
}

export function ImportProgressPage() {
  const t = useMessages(importMessages);
  const words = useMessages(catalogWords);
  const { importId } = progressRoute.useParams();
  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={t.progressTitle}
        description={<span className="mono">{importId}</span>}
        actions={
          <div className="cluster">
            <Link to="/commerce/products/import">{t.another}</Link>
            <Link to="/commerce/products">{t.back}</Link>
          </div>
        }
      />
      <ImportProgress importId={importId} />
    </div>
  );
}

/**
 * One import's progress: polls GET /catalog/products/imports/{id} until it is completed or failed,
 * with a progress bar of rowsDone/rowsTotal, the counts and the rejected rows.
 */
export function ImportProgress({ importId }: { readonly importId: string }) {
  const t = useMessages(importMessages);
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: catalogKeys.import(importId),
    queryFn: ({ signal }) => getImport(importId, signal),
    refetchInterval: (query) =>
      query.state.data && !runningImportStates.includes(query.state.data.state) ? false : importPollMs,
  });
  const done = job.data !== undefined && !runningImportStates.includes(job.data.state);
  useEffect(() => {
    // The list shows what the import made once it is over.
    if (done) void queryClient.invalidateQueries({ queryKey: ['catalog', 'products'] });
  }, [done, queryClient]);

  if (job.isPending) return <LoadingBlock label={t.loading} />;
  if (job.isError)
    return <ErrorState error={job.error} title={t.loadFailed} onRetry={() => void job.refetch()} />;
  const detail = job.data;
  const known = detail.rowsTotal > 0;
  const columns: Column<Rejection>[] = [
    { id: 'row', label: t.row, align: 'end', width: '90px', cell: (r) => formatNumber(r.row) },
    { id: 'field', label: t.field, width: '180px', cell: (r) => <span className="mono">{r.field}</span> },
    { id: 'reason', label: t.reason, cell: (r) => r.reason },
  ];
  return (
    <>
      <Panel
        title={
          <Badge tone={stateTones[detail.state]} dot={!done}>
            {t.state[detail.state]}
          </Badge>
        }
      >
        <div className="stack stack--sm">
          <div className="import-progress">
            <progress
              aria-label={t.progressLabel}
              {...(known
                ? { max: detail.rowsTotal, value: Math.min(detail.rowsDone, detail.rowsTotal) }
                : done
                  ? { max: 1, value: detail.state === 'completed' ? 1 : 0 }
                  : {})}
            />
            <p className="subtle" aria-live="polite">
              {known ? t.rowsOf(formatNumber(detail.rowsDone), formatNumber(detail.rowsTotal)) : t.waiting}
            </p>
          </div>
          <dl className="import-counts">
            {(['created', 'updated', 'unchanged', 'rejected'] as const).map((key) => (
              <div key={key}>
                <dt>{t.counts[key]}</dt>
                <dd>{formatNumber(detail[key])}</dd>
              </div>
            ))}
          </dl>
          {detail.state === 'failed' ? <Alert tone="danger">{t.failed}</Alert> : null}
          {detail.state === 'completed' ? <Alert tone="success">{t.completed}</Alert> : null}
        </div>
      </Panel>
      <Panel title={t.rejections} flush>
        <DataTable
          caption={t.rejectionsCaption}
          columns={columns}
          rows={detail.rejections}
          rowKey={(r) => `${r.row}:${r.field}`}
          query={job}
          loadingLabel={t.loading}
          errorTitle={t.loadFailed}
          empty={<p className="subtle">{t.noRejections}</p>}
        />
      </Panel>
    </>
  );
}
