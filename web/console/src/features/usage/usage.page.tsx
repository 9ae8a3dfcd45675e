import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { isApiError, messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { sentence } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { DailyChart } from './DailyChart';
import { PeriodPicker } from './PeriodPicker';
import { PricesForm } from './PricesForm';
import { UsageTable } from './UsageTable';
import { downloadReport, pricesQuery, usageQuery } from './usage.api';
import { usageMessages } from './usage.messages';
import { periodOf, type Period } from './usage.search';
import './usage.css';

const route = getRouteApi('/console/admin/usage');

/** The server's word on a period field (a 400 naming `querystring.to`), for the picker to show there. */
function periodErrors(error: unknown): { from?: string; to?: string } {
  if (!isApiError(error)) return {};
  const from = error.fieldMessage('querystring.from');
  const to = error.fieldMessage('querystring.to');
  return { ...(from ? { from: sentence(from) } : {}), ...(to ? { to: sentence(to) } : {}) };
}

/**
 * Administration › Usage: the period (in the address), each meter's quantity and cost, one meter
 * per day as a chart, the cost-allocation report as CSV, and the unit prices.
 */
export function UsagePage() {
  const m = useMessages(usageMessages);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const period = periodOf(search);
  const usage = useQuery({ ...usageQuery(period), retry: false });
  const prices = useQuery(pricesQuery);
  const canWrite = useCan('metering:admin');
  const [downloading, setDownloading] = useState(false);

  const apply = (next: Period) => void navigate({ search: { from: next.from, to: next.to } });
  const download = async () => {
    setDownloading(true);
    try {
      await downloadReport(period);
    } catch (error) {
      toast.error(m.downloadFailed, messageOf(error));
    } finally {
      setDownloading(false);
    }
  };
  const refused = periodErrors(usage.error);

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Button
            icon={<Download aria-hidden="true" />}
            onClick={() => void download()}
            busy={downloading}
            disabled={Object.keys(refused).length > 0}
          >
            {m.download}
          </Button>
        }
      />
      <Panel title={m.period} labelledBy="usage-period-heading">
        <PeriodPicker key={`${period.from}|${period.to}`} period={period} onApply={apply} errors={refused} />
      </Panel>
      <Panel title={m.meters} labelledBy="usage-meters-heading" flush>
        {usage.isPending ? (
          <div className="panel__body">
            <LoadingBlock label={m.loading} lines={6} />
          </div>
        ) : usage.isError ? (
          Object.keys(refused).length > 0 ? null : (
            <div className="panel__body">
              <ErrorState error={usage.error} onRetry={() => void usage.refetch()} title={m.loadFailed} />
            </div>
          )
        ) : (
          <>
            {usage.data.currency === null ? (
              <div className="panel__body">
                <Alert tone="info">{m.noPrices}</Alert>
              </div>
            ) : null}
            <UsageTable usage={usage.data} />
          </>
        )}
      </Panel>
      {usage.data ? <DailyChart usage={usage.data} /> : null}
      {prices.isPending ? (
        <Panel title={m.prices}>
          <LoadingBlock label={m.pricesLoading} lines={4} />
        </Panel>
      ) : prices.isError ? (
        <Panel title={m.prices}>
          <ErrorState error={prices.error} onRetry={() => void prices.refetch()} title={m.pricesLoadFailed} />
        </Panel>
      ) : (
        <PricesForm
          key={`${prices.data.currency ?? ''}|${prices.data.updatedAt ?? ''}`}
          list={prices.data}
          canWrite={canWrite}
        />
      )}
    </div>
  );
}
