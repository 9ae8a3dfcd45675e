import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { CircleCheck, RotateCcw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import { isApiError, messageOf } from '@/api/problem';
import type { DeadLetter } from '@/api/types';
import { useMessages, type Translation } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { ColumnChooser, DataTable, useColumnChoice, type Column } from '@/kit/data-table';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog, RecordDialog } from '@/kit/Dialog';
import { SelectField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { CategoryReason } from '@/kit/PlainReason';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { deadLetterCategories, deadLetterMessages } from './dead-letters.messages';
import type { DeadLettersSearch } from './dead-letters.search';
import '../admin.css';

const route = getRouteApi('/console/admin/dead-letters');
/** One page, no paging: letters are few when things are well, and the API pages by time only. */
const shownAtMost = 200;

type Messages = Translation<(typeof deadLetterMessages)['en']>;

export const deadLettersKey = ['bus', 'dead-letters'] as const;

/** The first line of the error: the code and message, without the stack trace below it. */
const headline = (letter: DeadLetter) => letter.error.split('\n')[0] ?? letter.error;
const failedWhen = (letter: DeadLetter) => new Date(letter.failedAt).toLocaleString();

function StatusBadge({ letter, t }: { letter: DeadLetter; t: Messages }) {
  if (letter.status === 'waiting') {
    return (
      <Badge tone="warning" dot>
        {t.status.waiting}
      </Badge>
    );
  }
  return letter.status === 'replayed' ? (
    <Badge tone="success" dot>
      {t.status.replayed}
    </Badge>
  ) : (
    <Badge dot>{t.status.discarded}</Badge>
  );
}

/** One letter: what failed, why, and what the event carries (ids and key facts, no personal data). */
function LetterDialog({
  letter,
  onClose,
  onReplay,
  onDiscard,
  replaying,
}: {
  letter: DeadLetter;
  onClose: () => void;
  onReplay: () => void;
  onDiscard: () => void;
  replaying: boolean;
}) {
  const t = useMessages(deadLetterMessages);
  const d = t.dialog;
  return (
    <RecordDialog
      title={d.title}
      id={letter.id}
      onClose={onClose}
      facts={
        <>
          <dt>{d.status}</dt>
          <dd>
            <StatusBadge letter={letter} t={t} />
          </dd>
          <dt>{d.why}</dt>
          <dd>
            {/* The whole error stands below: no disclosure of it here. */}
            <CategoryReason category={letter.category} words={t} />
          </dd>
          <dt>{d.step}</dt>
          <dd className="mono">{letter.group}</dd>
          <dt>{d.event}</dt>
          <dd className="mono">{letter.event.type}</dd>
          <dt>{d.eventId}</dt>
          <dd className="mono">{letter.event.id}</dd>
          <dt>{d.happened}</dt>
          <dd>
            <DateTime value={letter.event.occurredAt} seconds />
          </dd>
          <dt>{d.failed}</dt>
          <dd>
            <DateTime value={letter.failedAt} seconds />
          </dd>
          <dt>{d.attempts}</dt>
          <dd>{formatNumber(letter.deliveries)}</dd>
          {letter.errorCode ? (
            <>
              <dt>{d.errorCode}</dt>
              <dd className="mono">{letter.errorCode}</dd>
            </>
          ) : null}
          {letter.replayedAt ? (
            <>
              <dt>{d.replayed}</dt>
              <dd>
                {d.replayedTimes(formatNumber(letter.replayCount))}{' '}
                <DateTime value={letter.replayedAt} relative />
              </dd>
            </>
          ) : null}
          {letter.discardedAt ? (
            <>
              <dt>{d.discarded}</dt>
              <dd>
                <DateTime value={letter.discardedAt} relative /> {d.by}{' '}
                <span className="mono">{letter.discardedBy ?? d.someone}</span>
              </dd>
            </>
          ) : null}
        </>
      }
      footer={
        <>
          <Button onClick={onClose}>{t.close}</Button>
          {letter.status === 'waiting' ? (
            <>
              <Button variant="danger-ghost" icon={<Trash2 aria-hidden="true" />} onClick={onDiscard}>
                {t.discard}
              </Button>
              <Button
                variant="primary"
                icon={<RotateCcw aria-hidden="true" />}
                busy={replaying}
                onClick={onReplay}
              >
                {t.replay}
              </Button>
            </>
          ) : null}
        </>
      }
    >
      <h3 className="label">{d.lastError}</h3>
      <pre className="letter-text" tabIndex={0} aria-label={d.lastError}>
        {letter.error}
      </pre>
      <h3 className="label">{d.carries}</h3>
      <pre className="letter-text" tabIndex={0} aria-label={d.carries}>
        {JSON.stringify(letter.event.data, null, 2)}
      </pre>
    </RecordDialog>
  );
}

function letterColumns(
  t: Messages,
  actions: {
    open: (letter: DeadLetter) => void;
    replay: (letter: DeadLetter) => void;
    replaying: (letter: DeadLetter) => boolean;
    busy: boolean;
  },
): readonly Column<DeadLetter>[] {
  return [
    {
      id: 'failed',
      label: t.columns.failed,
      cell: (letter) => <DateTime value={letter.failedAt} relative />,
      width: '130px',
    },
    {
      id: 'what',
      label: t.columns.what,
      cell: (letter) => (
        <span className="dead-letter-what">
          <span className="mono">{letter.event.type}</span>
          <span className="subtle">
            {t.inStep} <span className="mono">{letter.group}</span>
          </span>
        </span>
      ),
    },
    {
      id: 'why',
      label: t.columns.why,
      hideable: false,
      cell: (letter) => (
        <CategoryReason category={letter.category} words={t} technical={headline(letter)} compact />
      ),
    },
    {
      id: 'attempts',
      label: t.columns.attempts,
      align: 'end',
      width: '90px',
      cell: (letter) => formatNumber(letter.deliveries),
    },
    {
      id: 'status',
      label: t.columns.status,
      width: '120px',
      cell: (letter) => <StatusBadge letter={letter} t={t} />,
    },
    {
      id: 'actions',
      label: t.columns.actions,
      hideable: false,
      align: 'end',
      width: '190px',
      cell: (letter) => (
        <span className="cluster dead-letter-actions">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => actions.open(letter)}
            aria-label={t.detailsOf(letter.event.type, failedWhen(letter))}
          >
            {t.details}
          </Button>
          {letter.status === 'waiting' ? (
            <Button
              size="sm"
              icon={<RotateCcw aria-hidden="true" />}
              busy={actions.replaying(letter)}
              disabled={actions.busy}
              onClick={() => actions.replay(letter)}
              aria-label={t.replayOf(letter.event.type, failedWhen(letter))}
            >
              {t.replay}
            </Button>
          ) : null}
        </span>
      ),
    },
  ];
}

export function DeadLettersPage() {
  const t = useMessages(deadLetterMessages);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const [openId, setOpenId] = useState<string>();
  const [discarding, setDiscarding] = useState<DeadLetter>();
  const [remembered, remember] = useColumnChoice('dead-letters');

  const list = useQuery({
    queryKey: [...deadLettersKey, search],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/bus/dead-letters', {
          params: {
            query: {
              limit: shownAtMost,
              ...(search.status === 'all' ? { includeReplayed: 'true' } : {}),
              ...(search.category ? { category: search.category } : {}),
            },
          },
          signal,
        }),
      ),
  });
  const summary = useQuery({
    queryKey: [...deadLettersKey, 'summary'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/bus/dead-letters/summary', { signal })),
  });
  const items = list.data?.items ?? [];
  const opened = items.find((letter) => letter.id === openId);
  const counts = new Map(summary.data?.categories.map((c) => [c.category, c.count]) ?? []);

  const refused = (error: unknown) => {
    if (isApiError(error) && error.status === 409) toast.info(t.toast.already, error.message);
    else toast.error(t.toast.failed, messageOf(error));
  };
  const replay = useMutation({
    mutationFn: (letter: DeadLetter) =>
      unwrap(api.POST('/api/v1/bus/dead-letters/{id}/replay', { params: { path: { id: letter.id } } })),
    onSuccess: (letter) => {
      toast.success(t.toast.sent, t.toast.sentText(letter.group));
      setOpenId(undefined);
    },
    onError: refused,
    onSettled: () => queryClient.invalidateQueries({ queryKey: deadLettersKey }),
  });
  const discard = useMutation({
    mutationFn: (letter: DeadLetter) =>
      unwrap(api.POST('/api/v1/bus/dead-letters/{id}/discard', { params: { path: { id: letter.id } } })),
    onSuccess: () => {
      toast.success(t.toast.discarded, t.toast.discardedText);
      setOpenId(undefined);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: deadLettersKey }),
  });
  const replaying = (letter: DeadLetter) => replay.isPending && replay.variables.id === letter.id;
  const columns = letterColumns(t, {
    open: (letter) => setOpenId(letter.id),
    replay: (letter) => replay.mutate(letter),
    replaying,
    busy: replay.isPending,
  });
  const setSearch = (next: Partial<DeadLettersSearch>) =>
    void navigate({ search: (current) => ({ ...current, ...next }) });

  const waitingTotal = search.category ? counts.get(search.category) : summary.data?.total;
  const footer =
    items.length >= shownAtMost
      ? t.newest(formatNumber(shownAtMost))
      : search.status === 'waiting' && items.length > 0 && waitingTotal !== undefined
        ? t.shownOf(formatNumber(items.length), formatNumber(waitingTotal))
        : undefined;

  return (
    <div className="stack">
      <PageHeader eyebrow={t.eyebrow} title={t.title} description={t.description} />
      {summary.data && summary.data.categories.length > 0 ? (
        <nav aria-label={t.byCategory}>
          <ul className="category-counts">
            {summary.data.categories.map(({ category, count }) => (
              <li key={category}>
                <Link
                  to="/admin/dead-letters"
                  search={{ status: 'waiting', category }}
                  aria-current={search.category === category ? 'true' : undefined}
                >
                  {t.categoryCount(t.categories[category], formatNumber(count))}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <Panel flush>
        <div className="toolbar" role="group" aria-label={t.filters.label}>
          <SelectField
            label={t.filters.show}
            value={search.status}
            onChange={(e) => setSearch({ status: e.target.value === 'all' ? 'all' : 'waiting' })}
          >
            <option value="waiting">{t.filters.waiting}</option>
            <option value="all">{t.filters.all}</option>
          </SelectField>
          <SelectField
            label={t.filters.category}
            value={search.category ?? ''}
            onChange={(e) =>
              setSearch({ category: (e.target.value || undefined) as DeadLettersSearch['category'] })
            }
          >
            <option value="">{t.filters.allCategories}</option>
            {deadLetterCategories.map((category) => (
              <option key={category} value={category}>
                {t.categories[category]}
              </option>
            ))}
          </SelectField>
          <div className="toolbar__actions">
            <ColumnChooser columns={columns} shown={remembered} onChange={remember} />
          </div>
        </div>
        <DataTable
          caption={t.caption}
          columns={columns}
          shown={remembered}
          rows={items}
          rowKey={(letter) => letter.id}
          onOpen={(letter) => setOpenId(letter.id)}
          muted={(letter) => letter.status !== 'waiting'}
          query={list}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          empty={
            search.category ? (
              <EmptyState
                icon={<CircleCheck />}
                title={t.emptyCategory}
                action={
                  <Link to="/admin/dead-letters" search={{ status: search.status }}>
                    {t.showAll}
                  </Link>
                }
              />
            ) : search.status === 'all' ? (
              <EmptyState icon={<CircleCheck />} title={t.emptyEver}>
                {t.emptyEverText}
              </EmptyState>
            ) : (
              <EmptyState
                icon={<CircleCheck />}
                title={t.emptyWaiting}
                action={
                  <Link to="/admin/dead-letters" search={{ status: 'all' }}>
                    {t.showDealt}
                  </Link>
                }
              >
                {t.emptyWaitingText}
              </EmptyState>
            )
          }
          summary={footer}
        />
      </Panel>
      {opened ? (
        <LetterDialog
          key={opened.id}
          letter={opened}
          onClose={() => setOpenId(undefined)}
          onReplay={() => replay.mutate(opened)}
          onDiscard={() => setDiscarding(opened)}
          replaying={replaying(opened)}
        />
      ) : null}
      <ConfirmDialog
        open={Boolean(discarding)}
        onOpenChange={(open) => !open && setDiscarding(undefined)}
        title={t.confirm.title}
        description={t.confirm.text}
        confirmLabel={t.discard}
        onConfirm={() => (discarding ? discard.mutateAsync(discarding) : Promise.resolve())}
      />
    </div>
  );
}
