import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Eye, RotateCcw, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import { isApiError, messageOf } from '@/api/problem';
import type { Schema } from '@/api/types';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { SelectField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState, LoadingBlock, QueryTableBody } from '@/kit/states';
import { toast } from '@/kit/toast';
import { formatBytes, prettyPayload, sourceLabel, sourceLabels } from '../calls.format';
import type { QuarantineSearch } from './quarantine.search';
import '../calls.css';

const route = getRouteApi('/console/calls/quarantine');
const pageSize = 50;
const columns = 6;

type Item = Schema<'QuarantinedPayload'>;

export const quarantineKey = ['calls', 'quarantine'] as const;

function StatusBadge({ item }: { item: Item }) {
  return item.status === 'replayed' ? (
    <Badge tone="success" dot>
      Replayed
    </Badge>
  ) : (
    <Badge tone="warning" dot>
      Open
    </Badge>
  );
}

type Payload =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'shown'; text: string }
  | { kind: 'failed'; message: string };

/** One quarantined payload: why it failed, where it is; the bytes only when asked for (viewing them is audited). */
function ItemDialog({
  item,
  onClose,
  onReplay,
  replaying,
}: {
  item: Item;
  onClose: () => void;
  onReplay: (item: Item) => void;
  replaying: boolean;
}) {
  const [payload, setPayload] = useState<Payload>({ kind: 'idle' });
  const show = async () => {
    setPayload({ kind: 'loading' });
    try {
      const text = await unwrap(
        api.GET('/api/v1/calls/quarantine/{quarantineId}/raw', {
          params: { path: { quarantineId: item.id } },
          parseAs: 'text',
        }),
      );
      setPayload({ kind: 'shown', text: prettyPayload(text).text });
    } catch (error) {
      setPayload({ kind: 'failed', message: messageOf(error) });
    }
  };
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title="Quarantined payload"
      description={<span className="mono">{item.id}</span>}
      wide
    >
      <ModalBody>
        <div className="stack stack--sm">
          <dl className="kv">
            <dt>Why</dt>
            <dd>{item.reason}</dd>
            <dt>Source</dt>
            <dd>{sourceLabel(item.source)}</dd>
            <dt>Received</dt>
            <dd>
              <DateTime value={item.receivedAt} />
            </dd>
            <dt>Status</dt>
            <dd>
              <span className="cluster">
                <StatusBadge item={item} />
                {item.replayedAt ? (
                  <span className="subtle">
                    <DateTime value={item.replayedAt} relative />
                  </span>
                ) : null}
              </span>
            </dd>
            <dt>Replay attempts</dt>
            <dd>{formatNumber(item.replayAttempts)}</dd>
            {item.lastReplayError ? (
              <>
                <dt>Last replay failed</dt>
                <dd>{item.lastReplayError}</dd>
              </>
            ) : null}
            <dt>Size</dt>
            <dd>{formatBytes(item.rawBytes)}</dd>
            {item.rawObjectKey ? (
              <>
                <dt>Archive object</dt>
                <dd className="mono">{item.rawObjectKey}</dd>
              </>
            ) : null}
            {item.rawSha256 ? (
              <>
                <dt>SHA-256</dt>
                <dd className="mono">{item.rawSha256}</dd>
              </>
            ) : null}
          </dl>
          {payload.kind === 'idle' ? (
            <div>
              <Button size="sm" icon={<Eye aria-hidden="true" />} onClick={() => void show()}>
                Show the payload
              </Button>
              <p className="hint">Viewing the bytes is recorded in the audit log.</p>
            </div>
          ) : payload.kind === 'loading' ? (
            <LoadingBlock label="Loading the payload" />
          ) : payload.kind === 'failed' ? (
            <Alert tone="danger" title="The payload could not be shown">
              {payload.message}
            </Alert>
          ) : (
            <pre
              className="payload-text"
              tabIndex={0}
              aria-label="The payload as received"
              data-testid="quarantine-payload"
            >
              {payload.text}
            </pre>
          )}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>Close</Button>
        {item.status === 'open' ? (
          <Button
            variant="primary"
            icon={<RotateCcw aria-hidden="true" />}
            busy={replaying}
            onClick={() => onReplay(item)}
          >
            Replay
          </Button>
        ) : null}
      </ModalFooter>
    </Modal>
  );
}

export function QuarantinePage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const [openId, setOpenId] = useState<string>();

  const list = useInfiniteQuery({
    queryKey: [...quarantineKey, search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/calls/quarantine', {
          params: {
            query: {
              ...(search.status === 'all' ? {} : { status: search.status }),
              ...(search.source ? { source: search.source } : {}),
              limit: pageSize,
              ...(pageParam === undefined ? {} : { cursor: pageParam }),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const opened = items.find((item) => item.id === openId);

  const replay = useMutation({
    mutationFn: (item: Item) =>
      unwrap(
        api.POST('/api/v1/calls/quarantine/{quarantineId}/replay', {
          params: { path: { quarantineId: item.id } },
        }),
      ),
    onSuccess: (outcome) => {
      const calls = outcome.callIds.length;
      toast.success(
        'Payload replayed',
        `${formatNumber(calls)} ${calls === 1 ? 'call' : 'calls'} indexed: ${formatNumber(outcome.created)} new, ${formatNumber(outcome.updated)} updated.`,
      );
      setOpenId(undefined);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 422) toast.error('Still cannot be read', error.message);
      else if (isApiError(error) && error.status === 409)
        toast.info('Already replayed', 'Someone replayed this payload before you.');
      else toast.error('The replay failed', messageOf(error));
    },
    // Success or not, the item changed (status, attempts, last error).
    onSettled: () => queryClient.invalidateQueries({ queryKey: quarantineKey }),
  });
  const replaying = (item: Item) => replay.isPending && replay.variables.id === item.id;

  const filtered = search.status !== 'open' || Boolean(search.source);
  const statusWord = search.status === 'all' ? '' : search.status === 'open' ? 'open ' : 'replayed ';

  return (
    <div className="stack calls-stack">
      <PageHeader
        eyebrow="Calls"
        title="Quarantine"
        description="What a connector received but could not read as calls, with the reason. After a fix to the connector or its settings, replay a payload to index its calls."
      />
      <Panel flush>
        <div className="toolbar" role="group" aria-label="Filter the quarantine">
          <SelectField
            label="Status"
            value={search.status}
            onChange={(e) =>
              void navigate({
                search: (current) => ({ ...current, status: e.target.value as QuarantineSearch['status'] }),
              })
            }
          >
            <option value="open">Open</option>
            <option value="replayed">Replayed</option>
            <option value="all">All</option>
          </SelectField>
          <SelectField
            label="Source"
            value={search.source ?? ''}
            onChange={(e) =>
              void navigate({
                search: (current) => ({
                  status: current.status,
                  ...(e.target.value ? { source: e.target.value } : {}),
                }),
              })
            }
          >
            <option value="">All sources</option>
            {Object.entries(sourceLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            {search.source && !(search.source in sourceLabels) ? (
              <option value={search.source}>{search.source}</option>
            ) : null}
          </SelectField>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Quarantined payloads, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Source</th>
                <th scope="col">Reason</th>
                <th scope="col">Status</th>
                <th scope="col">Size</th>
                <th scope="col" className="cell-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <QueryTableBody
              query={list}
              columns={columns}
              loadingLabel="Loading quarantined payloads"
              loadingRows={5}
              errorTitle="The quarantine could not be loaded"
              isEmpty={items.length === 0}
              empty={
                filtered ? (
                  <EmptyState
                    icon={<ShieldCheck />}
                    title={`No ${statusWord}payloads match`}
                    action={
                      <Link to="/calls/quarantine" search={{ status: 'open' }}>
                        Show the open ones
                      </Link>
                    }
                  />
                ) : (
                  <EmptyState icon={<ShieldCheck />} title="Nothing in quarantine">
                    Every payload your connectors sent could be read.
                  </EmptyState>
                )
              }
            >
              {() => (
                <>
                  {items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <DateTime value={item.receivedAt} relative />
                      </td>
                      <td>{sourceLabel(item.source)}</td>
                      <td>
                        <span className="quarantine-reason" title={item.reason}>
                          {item.reason}
                        </span>
                        {item.lastReplayError && item.status === 'open' ? (
                          <span className="subtle quarantine-reason" title={item.lastReplayError}>
                            Replay {formatNumber(item.replayAttempts)}× failed: {item.lastReplayError}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        <StatusBadge item={item} />
                      </td>
                      <td className="subtle nowrap">{formatBytes(item.rawBytes)}</td>
                      <td className="cell-actions">
                        <span className="cluster quarantine-actions">
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setOpenId(item.id)}
                            aria-label={`Details of the ${sourceLabel(item.source)} payload received ${new Date(item.receivedAt).toLocaleString()}`}
                          >
                            Details
                          </Button>
                          {item.status === 'open' ? (
                            <Button
                              size="sm"
                              icon={<RotateCcw aria-hidden="true" />}
                              busy={replaying(item)}
                              disabled={replay.isPending}
                              onClick={() => replay.mutate(item)}
                              aria-label={`Replay the ${sourceLabel(item.source)} payload received ${new Date(item.receivedAt).toLocaleString()}`}
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
        {list.hasNextPage ? (
          <div className="calls-table-footer">
            <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Load older payloads
            </Button>
          </div>
        ) : null}
      </Panel>
      {opened ? (
        <ItemDialog
          key={opened.id}
          item={opened}
          onClose={() => setOpenId(undefined)}
          onReplay={(item) => replay.mutate(item)}
          replaying={replaying(opened)}
        />
      ) : null}
    </div>
  );
}
