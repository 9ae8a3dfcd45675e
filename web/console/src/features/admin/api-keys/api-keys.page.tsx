import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { useMessages, type Translation } from '@/i18n';
import { api, unwrap } from '@/api/client';
import type { ApiKey } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { ConfirmDialog } from '@/kit/Dialog';
import { SwitchField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can, useCan } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { apiKeysMessages } from './api-keys.messages';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import { apiKeysTableMessages } from './api-keys-table.messages';
import '../admin.css';

type KeyState = 'active' | 'expired' | 'revoked';

export function keyState(key: ApiKey, now = Date.now()): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

function StateBadge({ state, t }: { state: KeyState; t: Translation<(typeof apiKeysTableMessages)['en']> }) {
  if (state === 'active')
    return (
      <Badge tone="success" dot>
        {t.states.active}
      </Badge>
    );
  return <Badge tone={state === 'expired' ? 'warning' : 'neutral'}>{t.states[state]}</Badge>;
}

export function ApiKeysPage() {
  const tt = useMessages(apiKeysTableMessages);
  const m = useMessages(apiKeysMessages);
  const queryClient = useQueryClient();
  const canWrite = useCan('api_keys:write');
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/v1/api-keys')) });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey>();
  const [showInactive, setShowInactive] = useState(false);
  const revoke = useMutation({
    mutationFn: (key: ApiKey) =>
      unwrap(api.DELETE('/api/v1/api-keys/{apiKeyId}', { params: { path: { apiKeyId: key.id } } })),
    onSuccess: (key) => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      toast.success(m.revoked, m.revokedDetail(key.name));
    },
  });

  const all = keys.data?.items ?? [];
  const inactive = all.filter((k) => keyState(k) !== 'active').length;
  const shown = showInactive ? all : all.filter((k) => keyState(k) === 'active');
  const columns: Column<ApiKey>[] = [
    {
      id: 'name',
      label: tt.columns.name,
      hideable: false,
      cell: (key) => (
        <span className="identity__text">
          <span className="cell-primary">{key.name}</span>
          <span className="subtle mono">{key.id}</span>
        </span>
      ),
    },
    {
      id: 'scopes',
      label: tt.columns.scopes,
      cell: (key) => (
        <div className="chips">
          {key.scopes.map((scope) => (
            <Badge key={scope}>{scope}</Badge>
          ))}
        </div>
      ),
    },
    { id: 'status', label: tt.columns.status, cell: (key) => <StateBadge state={keyState(key)} t={tt} /> },
    {
      id: 'created',
      label: tt.columns.created,
      className: 'subtle',
      cell: (key) => <TimeCell value={key.createdAt} />,
    },
    {
      id: 'lastUsed',
      label: tt.columns.lastUsed,
      className: 'subtle',
      cell: (key) => (key.lastUsedAt ? <TimeCell value={key.lastUsedAt} /> : tt.never),
    },
    {
      id: 'expires',
      label: tt.columns.expires,
      className: 'subtle',
      cell: (key) => (key.revokedAt ? '—' : key.expiresAt ? <TimeCell value={key.expiresAt} /> : tt.never),
    },
    ...(canWrite
      ? [
          {
            id: 'actions',
            label: tt.columns.actions,
            hideable: false,
            className: 'cell-actions',
            cell: (key: ApiKey) =>
              keyState(key) === 'revoked' ? null : (
                <Button
                  size="sm"
                  variant="danger-ghost"
                  onClick={() => setRevoking(key)}
                  aria-label={tt.revokeLabel(key.name)}
                >
                  {tt.revoke}
                </Button>
              ),
          } satisfies Column<ApiKey>,
        ]
      : []),
  ];

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="api_keys:write">
            <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setCreating(true)}>
              {m.create}
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <div className="toolbar">
          <p className="subtle">{keys.data ? tt.activeCount(formatNumber(all.length - inactive)) : null}</p>
          {inactive > 0 ? (
            <div className="toolbar__actions">
              <SwitchField
                label={tt.showInactive(formatNumber(inactive))}
                checked={showInactive}
                onCheckedChange={setShowInactive}
              />
            </div>
          ) : null}
        </div>
        <DataTable
          caption={tt.caption}
          columns={columns}
          rows={shown}
          rowKey={(key) => key.id}
          muted={(key) => keyState(key) !== 'active'}
          query={keys}
          loadingLabel={tt.loading}
          errorTitle={tt.failed}
          empty={
            <EmptyState
              icon={<KeyRound />}
              title={all.length ? tt.noActive : tt.none}
              action={
                canWrite ? (
                  <Button
                    variant="primary"
                    icon={<Plus aria-hidden="true" />}
                    onClick={() => setCreating(true)}
                  >
                    {m.create}
                  </Button>
                ) : undefined
              }
            >
              {tt.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
      <CreateApiKeyDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={Boolean(revoking)}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title={m.revokeTitle(revoking?.name ?? '')}
        description={m.revokeDescription}
        confirmLabel={m.revokeConfirm}
        onConfirm={() => (revoking ? revoke.mutateAsync(revoking) : Promise.resolve())}
      />
    </div>
  );
}
