import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { CircleCheck, RotateCcw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import { isApiError, messageOf } from '@/api/problem';
import type { DeadLetter } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog, Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { SelectField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState, QueryTableBody } from '@/kit/states';
import { toast } from '@/kit/toast';
import '../admin.css';

const route = getRouteApi('/console/admin/dead-letters');
/** One page, no paging: letters are few when things are well, and the API pages by time only. */
const shownAtMost = 200;
const columns = 6;

export const deadLettersKey = ['bus', 'dead-letters'] as const;

/** The first line of the error: the code and message, without the stack trace below it. */
const headline = (letter: DeadLetter) => letter.error.split('\n')[0] ?? letter.error;
const failedWhen = (letter: DeadLetter) => new Date(letter.failedAt).toLocaleString();

function StatusBadge({ letter }: { letter: DeadLetter }) {
  if (letter.status === 'waiting') {
    return (
      <Badge tone="warning" dot>
        Waiting
      </Badge>
    );
  }
  return letter.status === 'replayed' ? (
    <Badge tone="success" dot>
      Replayed
    </Badge>
  ) : (
    <Badge dot>Discarded</Badge>
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
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title="Dead letter"
      description={<span className="mono">{letter.id}</span>}
      wide
    >
      <ModalBody>
        <div className="stack stack--sm">
          <dl className="kv">
            <dt>Status</dt>
            <dd>
              <StatusBadge letter={letter} />
            </dd>
            <dt>Step</dt>
            <dd className="mono">{letter.group}</dd>
            <dt>Event</dt>
            <dd className="mono">{letter.event.type}</dd>
            <dt>Event id</dt>
            <dd className="mono">{letter.event.id}</dd>
            <dt>Happened</dt>
            <dd>
              <DateTime value={letter.event.occurredAt} seconds />
            </dd>
            <dt>Failed</dt>
            <dd>
              <DateTime value={letter.failedAt} seconds />
            </dd>
            <dt>Attempts</dt>
            <dd>{formatNumber(letter.deliveries)}</dd>
            {letter.errorCode ? (
              <>
                <dt>Error code</dt>
                <dd className="mono">{letter.errorCode}</dd>
              </>
            ) : null}
            {letter.replayedAt ? (
              <>
                <dt>Replayed</dt>
                <dd>
                  {formatNumber(letter.replayCount)}×, last <DateTime value={letter.replayedAt} relative />
                </dd>
              </>
            ) : null}
            {letter.discardedAt ? (
              <>
                <dt>Discarded</dt>
                <dd>
                  <DateTime value={letter.discardedAt} relative /> by{' '}
                  <span className="mono">{letter.discardedBy ?? 'someone'}</span>
                </dd>
              </>
            ) : null}
          </dl>
          <h3 className="label">The last error</h3>
          <pre className="letter-text" tabIndex={0} aria-label="The last error">
            {letter.error}
          </pre>
          <h3 className="label">What the event carries</h3>
          <pre className="letter-text" tabIndex={0} aria-label="What the event carries">
            {JSON.stringify(letter.event.data, null, 2)}
          </pre>
        </div>
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>Close</Button>
        {letter.status === 'waiting' ? (
          <>
            <Button variant="danger-ghost" icon={<Trash2 aria-hidden="true" />} onClick={onDiscard}>
              Discard
            </Button>
            <Button
              variant="primary"
              icon={<RotateCcw aria-hidden="true" />}
              busy={replaying}
              onClick={onReplay}
            >
              Replay
            </Button>
          </>
        ) : null}
      </ModalFooter>
    </Modal>
  );
}

export function DeadLettersPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const [openId, setOpenId] = useState<string>();
  const [discarding, setDiscarding] = useState<DeadLetter>();

  const list = useQuery({
    queryKey: [...deadLettersKey, search],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/bus/dead-letters', {
          params: {
            query: { limit: shownAtMost, ...(search.status === 'all' ? { includeReplayed: 'true' } : {}) },
          },
          signal,
        }),
      ),
  });
  const items = list.data?.items ?? [];
  const opened = items.find((letter) => letter.id === openId);

  const refused = (error: unknown) => {
    if (isApiError(error) && error.status === 409) toast.info('Already dealt with', error.message);
    else toast.error('That did not work', messageOf(error));
  };
  const replay = useMutation({
    mutationFn: (letter: DeadLetter) =>
      unwrap(api.POST('/api/v1/bus/dead-letters/{id}/replay', { params: { path: { id: letter.id } } })),
    onSuccess: (letter) => {
      toast.success(
        'Sent again',
        `${letter.group} gets the event once more within seconds. If it fails again, it comes back here.`,
      );
      setOpenId(undefined);
    },
    onError: refused,
    onSettled: () => queryClient.invalidateQueries({ queryKey: deadLettersKey }),
  });
  const discard = useMutation({
    mutationFn: (letter: DeadLetter) =>
      unwrap(api.POST('/api/v1/bus/dead-letters/{id}/discard', { params: { path: { id: letter.id } } })),
    onSuccess: () => {
      toast.success('Dead letter discarded', 'It is kept, marked discarded, and no longer waits.');
      setOpenId(undefined);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: deadLettersKey }),
  });
  const replaying = (letter: DeadLetter) => replay.isPending && replay.variables.id === letter.id;

  return (
    <div className="stack">
      <PageHeader
        eyebrow="Administration"
        title="Dead letters"
        description="Work Switchboard accepted but could not finish because of a fault on its own side: a database, queue or storage outage, or a bug. Nothing is lost: each item waits here with its error. Once the cause is fixed, replay it."
      />
      <Panel flush>
        <div className="toolbar" role="group" aria-label="Filter the dead letters">
          <SelectField
            label="Show"
            value={search.status}
            onChange={(e) =>
              void navigate({ search: { status: e.target.value === 'all' ? 'all' : 'waiting' } })
            }
          >
            <option value="waiting">Waiting</option>
            <option value="all">All, also replayed and discarded</option>
          </SelectField>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Dead letters, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Failed</th>
                <th scope="col">What failed</th>
                <th scope="col">Error</th>
                <th scope="col">Attempts</th>
                <th scope="col">Status</th>
                <th scope="col" className="cell-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <QueryTableBody
              query={list}
              columns={columns}
              loadingLabel="Loading dead letters"
              loadingRows={3}
              errorTitle="The dead letters could not be loaded"
              isEmpty={items.length === 0}
              empty={
                search.status === 'all' ? (
                  <EmptyState icon={<CircleCheck />} title="No dead letters, ever">
                    Everything Switchboard accepted has been processed.
                  </EmptyState>
                ) : (
                  <EmptyState
                    icon={<CircleCheck />}
                    title="All is well: nothing is waiting"
                    action={
                      <Link to="/admin/dead-letters" search={{ status: 'all' }}>
                        Show the ones dealt with
                      </Link>
                    }
                  >
                    Everything Switchboard accepted has been processed. If a fault of its own ever stops some
                    work, it waits here to be replayed.
                  </EmptyState>
                )
              }
            >
              {() => (
                <>
                  {items.map((letter) => (
                    <tr key={letter.id}>
                      <td>
                        <DateTime value={letter.failedAt} relative />
                      </td>
                      <td>
                        <span className="dead-letter-what">
                          <span className="mono">{letter.event.type}</span>
                          <span className="subtle">
                            in step <span className="mono">{letter.group}</span>
                          </span>
                        </span>
                      </td>
                      <td>
                        <span className="dead-letter-error" title={headline(letter)}>
                          {headline(letter)}
                        </span>
                      </td>
                      <td>{formatNumber(letter.deliveries)}</td>
                      <td>
                        <StatusBadge letter={letter} />
                      </td>
                      <td className="cell-actions">
                        <span className="cluster dead-letter-actions">
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setOpenId(letter.id)}
                            aria-label={`Details of the ${letter.event.type} event that failed ${failedWhen(letter)}`}
                          >
                            Details
                          </Button>
                          {letter.status === 'waiting' ? (
                            <Button
                              size="sm"
                              icon={<RotateCcw aria-hidden="true" />}
                              busy={replaying(letter)}
                              disabled={replay.isPending}
                              onClick={() => replay.mutate(letter)}
                              aria-label={`Replay the ${letter.event.type} event that failed ${failedWhen(letter)}`}
                            >
                              Replay
                            </Button>
                          ) : null}
                        </span>
                      </td>
                    </tr>
                  ))}
                </>
              )}
            </QueryTableBody>
          </table>
        </div>
        {items.length >= shownAtMost ? (
          <div className="table-footer subtle">
            The newest {formatNumber(shownAtMost)} are shown. Older ones appear as these are replayed or
            discarded.
          </div>
        ) : null}
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
        title="Discard this dead letter?"
        description="Its event is never delivered again. Discard only work that must not run any more. The letter is kept, marked as discarded by you."
        confirmLabel="Discard"
        onConfirm={() => (discarding ? discard.mutateAsync(discarding) : Promise.resolve())}
      />
    </div>
  );
}
