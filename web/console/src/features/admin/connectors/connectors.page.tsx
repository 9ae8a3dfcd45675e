import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CheckCircle2, CircleDashed, PlugZap, RefreshCw, Unplug } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema.gen';
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
import '../admin.css';

type Connector = components['schemas']['CallConnectors']['connectors'][number];
type TeamsStatus = components['schemas']['TeamsSubscriptionStatus'];

/** One place per system: the URL to configure there, its secrets (set or not) and, for Teams, the Graph subscription. */
export function ConnectorsPage() {
  const queryClient = useQueryClient();
  const connectors = useQuery({ queryKey: ['call-connectors'], queryFn: () => unwrap(api.GET('/api/v1/calls/connectors')) });
  const [setting, setSetting] = useState<string>();

  return (
    <div className="stack">
      <PageHeader
        eyebrow="Administration"
        title="Connectors"
        description="Point your phone systems at Switchboard: the addresses to enter there and the secrets Switchboard checks their deliveries with. Values are stored encrypted and never shown again."
      />
      {connectors.isPending ? (
        <Panel>
          <LoadingBlock label="Loading connectors" lines={6} />
        </Panel>
      ) : connectors.isError ? (
        <Panel>
          <ErrorState error={connectors.error} onRetry={() => void connectors.refetch()} title="Connectors could not be loaded" />
        </Panel>
      ) : (
        <>
          {connectors.data.connectors.map((connector) => (
            <ConnectorPanel key={connector.source} connector={connector} onSet={setSetting} />
          ))}
          <Panel title="Files and batches" labelledBy="connector-files" description="Asterisk, FreeSWITCH, 3CX, Cisco CUCM, Genesys Cloud, Kamailio and the generic JSON format.">
            <p>
              Send files to the ingest address with <code>?format=</code> and an API key of scope <code>calls:ingest</code> (create one under{' '}
              <Link to="/admin/api-keys">API keys</Link>), or import them where Switchboard runs with <code>switchboard import calls</code>.
            </p>
            <UrlRow label="Ingest address" url={connectors.data.ingestUrl} />
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
  return (
    <div className="connector-url">
      <span className="connector-url__label">{label}</span>
      <code className="connector-url__value">{url}</code>
      <CopyButton text={url} label={`Copy ${label.toLowerCase()}`} compact />
    </div>
  );
}

function ConnectorPanel({ connector, onSet }: { connector: Connector; onSet: (name: string) => void }) {
  const canWrite = useCan('settings:write');
  const headingId = `connector-${connector.source}`;
  return (
    <Panel
      title={connector.name}
      labelledBy={headingId}
      actions={connector.ready ? <Badge tone="success" dot>Ready</Badge> : <Badge tone="warning" dot>Needs secrets</Badge>}
    >
      <UrlRow label={connector.source === 'connect' ? 'HTTP endpoint URL' : connector.source === 'teams' ? 'Notification URL' : 'Status callback URL'} url={connector.webhookUrl} />
      <ul className="connector-secrets" aria-label={`Secrets of ${connector.name}`}>
        {connector.secrets.map((secret) => (
          <li key={secret.name}>
            {secret.set ? <CheckCircle2 aria-hidden="true" className="connector-secrets__set" /> : <CircleDashed aria-hidden="true" className="connector-secrets__unset" />}
            <span>
              <span className="mono">{secret.name}</span> {secret.set ? <span className="visually-hidden">(set)</span> : <Badge tone={secret.required ? 'warning' : 'neutral'}>{secret.required ? 'not set' : 'optional'}</Badge>}
              <span className="subtle connector-secrets__description">{secret.description}</span>
            </span>
            {canWrite ? (
              <Button size="sm" variant="ghost" onClick={() => onSet(secret.name)} aria-label={`${secret.set ? 'Replace' : 'Set'} ${secret.name}`}>
                {secret.set ? 'Replace' : 'Set'}
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
  const queryClient = useQueryClient();
  const canWrite = useCan('settings:write');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const status = useQuery({ queryKey: ['teams-subscription'], queryFn: () => unwrap(api.GET('/api/v1/calls/teams/subscription')) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['teams-subscription'] });
    void queryClient.invalidateQueries({ queryKey: ['call-connectors'] });
  };
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/calls/teams/subscription')),
    onSuccess: () => {
      refresh();
      toast.success('Subscription created', 'Microsoft Graph now notifies Switchboard of every new call record.');
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/calls/teams/subscription')),
    onSuccess: () => {
      refresh();
      toast.success('Subscription deleted', 'No more call records arrive from Microsoft Teams.');
    },
  });

  if (status.isPending) return <LoadingBlock label="Loading the Teams subscription" lines={2} />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} title="The Teams subscription could not be loaded" />;
  const subscription: TeamsStatus['subscription'] = status.data.subscription;
  return (
    <div className="connector-subscription">
      <h3>Call-records subscription</h3>
      {subscription ? (
        <dl className="kv">
          <dt>State</dt>
          <dd>
            <Badge tone={subscription.status === 'active' ? 'success' : 'danger'} dot>
              {subscription.status}
            </Badge>
          </dd>
          <dt>Expires</dt>
          <dd>{subscription.expiresAt ? <DateTime value={subscription.expiresAt} /> : '—'} (renewed automatically)</dd>
          <dt>Last notification</dt>
          <dd>{subscription.lastNotificationAt ? <DateTime value={subscription.lastNotificationAt} relative /> : 'none yet'}</dd>
          {subscription.lastError ? (
            <>
              <dt>Last error</dt>
              <dd>
                {subscription.lastError} {subscription.lastErrorAt ? <DateTime value={subscription.lastErrorAt} relative /> : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="subtle">No subscription: Microsoft Graph does not notify Switchboard of new calls yet.</p>
      )}
      {create.isError ? (
        <Alert tone="danger" title="The subscription could not be created">
          {create.error instanceof Error ? create.error.message : 'Please try again.'}
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
            {subscription ? 'Recreate subscription' : 'Create subscription'}
          </Button>
          {subscription ? (
            <Button variant="danger-ghost" icon={<Unplug aria-hidden="true" />} onClick={() => setConfirmDelete(true)}>
              Delete subscription
            </Button>
          ) : null}
          {!ready ? <span className="subtle">Set the required secrets first.</span> : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title="Delete the Teams subscription?"
        description="Graph stops notifying Switchboard; calls made meanwhile are not fetched until a new subscription backfills them."
        confirmLabel="Delete subscription"
        onConfirm={() => remove.mutateAsync()}
      />
    </div>
  );
}
