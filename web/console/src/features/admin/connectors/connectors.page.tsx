import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CheckCircle2, CircleDashed, PlugZap, RefreshCw, Unplug } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema.gen';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { SecretDialog } from '../secrets/SecretDialog';
import { connectorsMessages } from './connectors.messages';
import '../admin.css';

type Connector = components['schemas']['CallConnectors']['connectors'][number];
type TeamsStatus = components['schemas']['TeamsSubscriptionStatus'];

/** One place per system: the URL to configure there, its secrets (set or not) and, for Teams, the Graph subscription. */
export function ConnectorsPage() {
  const m = useMessages(connectorsMessages);
  const queryClient = useQueryClient();
  const connectors = useQuery({
    queryKey: ['call-connectors'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/connectors')),
  });
  const [setting, setSetting] = useState<string>();

  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} />
      {connectors.isPending ? (
        <Panel>
          <LoadingBlock label={m.loading} lines={6} />
        </Panel>
      ) : connectors.isError ? (
        <Panel>
          <ErrorState
            error={connectors.error}
            onRetry={() => void connectors.refetch()}
            title={m.loadFailed}
          />
        </Panel>
      ) : (
        <>
          {connectors.data.connectors.map((connector) => (
            <ConnectorPanel key={connector.source} connector={connector} onSet={setSetting} />
          ))}
          <Panel title={m.files} labelledBy="connector-files" description={m.filesDescription}>
            <p>
              {m.filesSend}
              <code>?format=</code>
              {m.filesKey}
              <code>calls:ingest</code>
              {m.filesCreate}
              <Link to="/admin/api-keys">{m.filesKeysLink}</Link>
              {m.filesImport}
              <code>switchboard import calls</code>
              {m.filesEnd}
            </p>
            <UrlRow label={m.ingestAddress} url={connectors.data.ingestUrl} />
          </Panel>
        </>
      )}
      {setting ? (
        <SecretDialog
          key={setting}
          existing={setting}
          open
          onOpenChange={(open) => {
            if (open) return;
            setSetting(undefined);
            // Whether a secret is set shows here too.
            void queryClient.invalidateQueries({ queryKey: ['call-connectors'] });
          }}
        />
      ) : null}
    </div>
  );
}

function UrlRow({ label, url }: { label: string; url: string }) {
  const m = useMessages(connectorsMessages);
  return (
    <div className="connector-url">
      <span className="connector-url__label">{label}</span>
      <code className="connector-url__value">{url}</code>
      <CopyButton text={url} label={m.copy(label)} compact />
    </div>
  );
}

function ConnectorPanel({ connector, onSet }: { connector: Connector; onSet: (name: string) => void }) {
  const m = useMessages(connectorsMessages);
  const canWrite = useCan('settings:write');
  const headingId = `connector-${connector.source}`;
  return (
    <Panel
      title={connector.name}
      labelledBy={headingId}
      actions={
        connector.ready ? (
          <Badge tone="success" dot>
            {m.ready}
          </Badge>
        ) : (
          <Badge tone="warning" dot>
            {m.needsSecrets}
          </Badge>
        )
      }
    >
      <UrlRow
        label={
          connector.source === 'connect'
            ? m.endpointUrl
            : connector.source === 'teams'
              ? m.notificationUrl
              : m.callbackUrl
        }
        url={connector.webhookUrl}
      />
      <ul className="connector-secrets" aria-label={m.secretsOf(connector.name)}>
        {connector.secrets.map((secret) => (
          <li key={secret.name}>
            {secret.set ? (
              <CheckCircle2 aria-hidden="true" className="connector-secrets__set" />
            ) : (
              <CircleDashed aria-hidden="true" className="connector-secrets__unset" />
            )}
            <span>
              <span className="mono">{secret.name}</span>{' '}
              {secret.set ? (
                <span className="visually-hidden">{m.isSet}</span>
              ) : (
                <Badge tone={secret.required ? 'warning' : 'neutral'}>
                  {secret.required ? m.notSet : m.optional}
                </Badge>
              )}
              <span className="subtle connector-secrets__description">{secret.description}</span>
            </span>
            {canWrite ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => onSet(secret.name)}
                aria-label={secret.set ? m.replaceLabel(secret.name) : m.setLabel(secret.name)}
              >
                {secret.set ? m.replace : m.set}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {connector.source === 'teams' ? <TeamsSubscription ready={connector.ready} /> : null}
    </Panel>
  );
}

function TeamsSubscription({ ready }: { ready: boolean }) {
  const m = useMessages(connectorsMessages).teams;
  const queryClient = useQueryClient();
  const canWrite = useCan('settings:write');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const status = useQuery({
    queryKey: ['teams-subscription'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/teams/subscription')),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['teams-subscription'] });
    void queryClient.invalidateQueries({ queryKey: ['call-connectors'] });
  };
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/calls/teams/subscription')),
    onSuccess: () => {
      refresh();
      toast.success(m.created, m.createdDetail);
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/calls/teams/subscription')),
    onSuccess: () => {
      refresh();
      toast.success(m.deleted, m.deletedDetail);
    },
  });

  if (status.isPending) return <LoadingBlock label={m.loading} lines={2} />;
  if (status.isError)
    return <ErrorState error={status.error} onRetry={() => void status.refetch()} title={m.loadFailed} />;
  const subscription: TeamsStatus['subscription'] = status.data.subscription;
  return (
    <div className="connector-subscription">
      <h3>{m.heading}</h3>
      {subscription ? (
        <dl className="kv">
          <dt>{m.state}</dt>
          <dd>
            <Badge tone={subscription.status === 'active' ? 'success' : 'danger'} dot>
              {subscription.status}
            </Badge>
          </dd>
          <dt>{m.expires}</dt>
          <dd>
            {subscription.expiresAt ? <DateTime value={subscription.expiresAt} /> : '—'} {m.renewed}
          </dd>
          <dt>{m.lastNotification}</dt>
          <dd>
            {subscription.lastNotificationAt ? (
              <DateTime value={subscription.lastNotificationAt} relative />
            ) : (
              m.noneYet
            )}
          </dd>
          {subscription.lastError ? (
            <>
              <dt>{m.lastError}</dt>
              <dd>
                {subscription.lastError}{' '}
                {subscription.lastErrorAt ? <DateTime value={subscription.lastErrorAt} relative /> : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="subtle">{m.none}</p>
      )}
      {create.isError ? (
        <Alert tone="danger" title={m.createFailed}>
          {create.error instanceof Error ? create.error.message : m.tryAgain}
        </Alert>
      ) : null}
      {canWrite ? (
        <div className="connector-subscription__actions">
          <Button
            variant={subscription ? 'secondary' : 'primary'}
            icon={subscription ? <RefreshCw aria-hidden="true" /> : <PlugZap aria-hidden="true" />}
            disabled={!ready || create.isPending}
            onClick={() => create.mutate()}
          >
            {subscription ? m.recreate : m.create}
          </Button>
          {subscription ? (
            <Button
              variant="danger-ghost"
              icon={<Unplug aria-hidden="true" />}
              onClick={() => setConfirmDelete(true)}
            >
              {m.delete}
            </Button>
          ) : null}
          {!ready ? <span className="subtle">{m.secretsFirst}</span> : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={m.deleteTitle}
        description={m.deleteDescription}
        confirmLabel={m.delete}
        onConfirm={() => remove.mutateAsync()}
      />
    </div>
  );
}
