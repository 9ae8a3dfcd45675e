import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Webhook } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import type { WebhookEndpoint } from '@/api/types';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { ConfirmDialog } from '@/kit/Dialog';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { DeliveriesDialog } from './DeliveriesDialog';
import { EndpointDialog, endpointsKey, SecretReveal } from './EndpointDialog';
import { webhooksMessages } from './webhooks.messages';
import '../admin.css';

type Open =
  | { readonly kind: 'add' }
  | { readonly kind: 'edit' | 'deliveries' | 'rotate' | 'remove'; readonly endpoint: WebhookEndpoint };

/** The tenant's outbound webhook endpoints (`webhooks:manage`): add, change, test, log, secret, remove. */
export function WebhooksPage() {
  const m = useMessages(webhooksMessages);
  const queryClient = useQueryClient();
  const endpoints = useQuery({
    queryKey: endpointsKey,
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/endpoints')),
  });
  const [open, setOpen] = useState<Open>();
  const [secret, setSecret] = useState<{ url: string; secret: string }>();
  const close = () => setOpen(undefined);
  const path = (endpoint: WebhookEndpoint) => ({ params: { path: { endpointId: endpoint.id } } });

  const test = useMutation({
    mutationFn: (endpoint: WebhookEndpoint) =>
      unwrap(api.POST('/api/v1/webhooks/endpoints/{endpointId}/test', path(endpoint))),
    onSuccess: (delivery) => {
      if (delivery.state === 'succeeded')
        toast.success(m.tested, m.testedOk(delivery.lastStatusCode ?? 200, delivery.lastResponseMs ?? 0));
      else
        toast.error(
          m.tested,
          m.testedFailed(delivery.lastError ?? String(delivery.lastStatusCode ?? m.log.noAnswer)),
        );
    },
  });
  const rotate = (endpoint: WebhookEndpoint) =>
    unwrap(api.POST('/api/v1/webhooks/endpoints/{endpointId}/rotate-secret', path(endpoint))).then(
      (rotated) => {
        void queryClient.invalidateQueries({ queryKey: endpointsKey });
        setSecret({ url: rotated.url, secret: rotated.secret });
      },
    );
  const remove = (endpoint: WebhookEndpoint) =>
    unwrap(api.DELETE('/api/v1/webhooks/endpoints/{endpointId}', path(endpoint))).then(() => {
      void queryClient.invalidateQueries({ queryKey: endpointsKey });
      toast.success(m.removed, endpoint.url);
    });

  const columns: Column<WebhookEndpoint>[] = [
    {
      id: 'endpoint',
      label: m.columns.endpoint,
      hideable: false,
      cell: (e) => (
        <span className="identity__text">
          <span className="cell-primary mono">{e.url}</span>
          {e.description ? <span className="subtle">{e.description}</span> : null}
        </span>
      ),
    },
    {
      id: 'events',
      label: m.columns.events,
      cell: (e) => (
        <div className="chips">
          {e.eventTypes.map((type) => (
            <Badge key={type}>{type}</Badge>
          ))}
        </div>
      ),
    },
    {
      id: 'status',
      label: m.columns.status,
      cell: (e) =>
        e.enabled ? (
          <Badge tone="success" dot>
            {m.enabled}
          </Badge>
        ) : (
          <Badge>{m.paused}</Badge>
        ),
    },
    {
      id: 'secret',
      label: m.columns.secret,
      className: 'subtle',
      cell: (e) => <TimeCell value={e.secretRotatedAt} />,
    },
    {
      id: 'actions',
      label: m.columns.actions,
      hideable: false,
      className: 'cell-actions',
      cell: (e) => (
        <div className="webhook-actions">
          <Button
            size="sm"
            aria-label={m.actions.edit(e.url)}
            onClick={() => setOpen({ kind: 'edit', endpoint: e })}
          >
            {m.actions.editShort}
          </Button>
          <Button
            size="sm"
            busy={test.isPending && test.variables.id === e.id}
            onClick={() => test.mutate(e)}
          >
            {m.actions.test}
          </Button>
          <Button size="sm" onClick={() => setOpen({ kind: 'deliveries', endpoint: e })}>
            {m.actions.deliveries}
          </Button>
          <Button size="sm" onClick={() => setOpen({ kind: 'rotate', endpoint: e })}>
            {m.actions.rotate}
          </Button>
          <Button size="sm" variant="danger-ghost" onClick={() => setOpen({ kind: 'remove', endpoint: e })}>
            {m.actions.remove}
          </Button>
        </div>
      ),
    },
  ];
  const add = (
    <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setOpen({ kind: 'add' })}>
      {m.add}
    </Button>
  );

  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} actions={add} />
      <Panel flush>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={endpoints.data?.items ?? []}
          rowKey={(e) => e.id}
          muted={(e) => !e.enabled}
          query={endpoints}
          loadingLabel={m.loading}
          errorTitle={m.failed}
          empty={
            <EmptyState icon={<Webhook />} title={m.emptyTitle} action={add}>
              {m.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
      {open?.kind === 'add' ? <EndpointDialog onClose={close} /> : null}
      {open?.kind === 'edit' ? <EndpointDialog endpoint={open.endpoint} onClose={close} /> : null}
      {open?.kind === 'deliveries' ? <DeliveriesDialog endpoint={open.endpoint} onClose={close} /> : null}
      <ConfirmDialog
        open={open?.kind === 'rotate'}
        onOpenChange={(next) => !next && close()}
        title={m.rotateTitle}
        description={m.rotateDescription}
        confirmLabel={m.rotateConfirm}
        tone="primary"
        onConfirm={() => (open?.kind === 'rotate' ? rotate(open.endpoint) : Promise.resolve())}
      />
      <ConfirmDialog
        open={open?.kind === 'remove'}
        onOpenChange={(next) => !next && close()}
        title={m.removeTitle(open?.kind === 'remove' ? open.endpoint.url : '')}
        description={m.removeDescription}
        confirmLabel={m.removeConfirm}
        onConfirm={() => (open?.kind === 'remove' ? remove(open.endpoint) : Promise.resolve())}
      />
      {secret ? (
        <SecretReveal url={secret.url} secret={secret.secret} onDone={() => setSecret(undefined)} />
      ) : null}
    </div>
  );
}
