import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { WebhookDelivery, WebhookEndpoint } from '@/api/types';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { formatDateTime, formatNumber } from '@/kit/format';
import { toast } from '@/kit/toast';
import { webhooksMessages } from './webhooks.messages';

const tones = { pending: 'neutral', succeeded: 'success', failed: 'warning', dead: 'danger' } as const;

/** An endpoint's delivery log, newest first, with "send again" for what was not taken. */
export function DeliveriesDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const m = useMessages(webhooksMessages).log;
  const queryClient = useQueryClient();
  const key = ['webhooks', 'deliveries', endpoint.id];
  const deliveries = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/webhooks/endpoints/{endpointId}/deliveries', {
          params: { path: { endpointId: endpoint.id }, query: { limit: 100 } },
        }),
      ),
    refetchInterval: 10_000,
  });
  const redeliver = useMutation({
    mutationFn: (delivery: WebhookDelivery) =>
      unwrap(
        api.POST('/api/v1/webhooks/deliveries/{deliveryId}/redeliver', {
          params: { path: { deliveryId: delivery.id } },
        }),
      ),
    onSuccess: (delivery) => {
      void queryClient.invalidateQueries({ queryKey: key });
      toast.success(m.redelivered, delivery.eventType);
    },
  });

  const columns: Column<WebhookDelivery>[] = [
    {
      id: 'event',
      label: m.columns.event,
      hideable: false,
      cell: (d) => (
        <span className="identity__text">
          <span className="cell-primary mono">{d.eventType}</span>
          <span className="subtle mono">{d.eventId}</span>
        </span>
      ),
    },
    {
      id: 'state',
      label: m.columns.state,
      cell: (d) => (
        <span className="identity__text">
          <Badge tone={tones[d.state]} dot>
            {m.states[d.state]}
          </Badge>
          {d.state === 'failed' && d.nextAttemptAt ? (
            <span className="subtle">{m.nextAttempt(formatDateTime(d.nextAttemptAt))}</span>
          ) : null}
        </span>
      ),
    },
    { id: 'attempts', label: m.columns.attempts, cell: (d) => formatNumber(d.attempts) },
    {
      id: 'answer',
      label: m.columns.answer,
      cell: (d) => (
        <span className="identity__text">
          <span>
            {d.lastStatusCode === null ? m.noAnswer : m.answer(d.lastStatusCode, d.lastResponseMs ?? 0)}
          </span>
          {d.lastError ? <span className="subtle webhook-error">{d.lastError}</span> : null}
        </span>
      ),
    },
    { id: 'when', label: m.columns.when, className: 'subtle', cell: (d) => <TimeCell value={d.updatedAt} /> },
    {
      id: 'actions',
      label: m.columns.actions,
      hideable: false,
      className: 'cell-actions',
      cell: (d) =>
        d.state === 'failed' || d.state === 'dead' ? (
          <Button
            size="sm"
            busy={redeliver.isPending && redeliver.variables.id === d.id}
            onClick={() => redeliver.mutate(d)}
          >
            {m.redeliver}
          </Button>
        ) : null,
    },
  ];

  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.title}
      description={m.description(endpoint.url)}
      wide
    >
      <ModalBody>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={deliveries.data?.items ?? []}
          rowKey={(d) => d.id}
          query={deliveries}
          loadingLabel={m.loading}
          errorTitle={m.failed}
          empty={<p className="subtle">{m.empty}</p>}
        />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          {m.close}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
