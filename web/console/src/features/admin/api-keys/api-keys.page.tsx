import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Plus } from 'lucide-react';
import { useState, type ReactElement } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import type { ApiKey } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { SwitchField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can, useCan } from '@/kit/session';
import { EmptyState, QueryTableBody } from '@/kit/states';
import { toast } from '@/kit/toast';
import { apiKeysMessages } from './api-keys.messages';
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import '../admin.css';

type KeyState = 'active' | 'expired' | 'revoked';

export function keyState(key: ApiKey, now = Date.now()): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const stateBadge: Record<KeyState, ReactElement> = {
  active: (
    <Badge tone="success" dot>
      Active
    </Badge>
  ),
  expired: <Badge tone="warning">Expired</Badge>,
  revoked: <Badge tone="neutral">Revoked</Badge>,
};

export function ApiKeysPage() {
  const m = useMessages(apiKeysMessages);
  const queryClient = useQueryClient();
  const canWrite = useCan('api_keys:write');
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/v1/api-keys')) });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey>();
  const [showInactive, setShowInactive] = useState(false);
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => unwrap(api.DELETE('/api/v1/api-keys/{apiKeyId}', { params: { path: { apiKeyId: key.id } } })),
    onSuccess: (key) => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      toast.success(m.revoked, m.revokedDetail(key.name));
    },
  });

  const all = keys.data?.items ?? [];
  const inactive = all.filter((k) => keyState(k) !== 'active').length;
  const shown = showInactive ? all : all.filter((k) => keyState(k) === 'active');
  const columns = canWrite ? 7 : 6;

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
          <p className="subtle">{keys.data ? `${formatNumber(all.length - inactive)} active` : null}</p>
          {inactive > 0 ? (
            <div className="toolbar__actions">
              <SwitchField label={`Show revoked and expired (${formatNumber(inactive)})`} checked={showInactive} onCheckedChange={setShowInactive} />
            </div>
          ) : null}
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scopes</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                {canWrite ? (
                  <th scope="col" className="cell-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <QueryTableBody
              query={keys}
              columns={columns}
              loadingLabel="Loading API keys"
              errorTitle="API keys could not be loaded"
              isEmpty={shown.length === 0}
              empty={
                <EmptyState
                  icon={<KeyRound />}
                  title={all.length ? 'No active keys' : 'No API keys yet'}
                  action={
                    canWrite ? (
                      <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setCreating(true)}>
                        Create API key
                      </Button>
                    ) : undefined
                  }
                >
                  Connectors that send call records or recordings need a key with the matching scope.
                </EmptyState>
              }
            >
              {() => (
                <>
                  {shown.map((key) => {
                    const state = keyState(key);
                    return (
                      <tr key={key.id} data-muted={state !== 'active'}>
                        <td>
                          <span className="identity__text">
                            <span className="cell-primary">{key.name}</span>
                            <span className="subtle mono">{key.id}</span>
                          </span>
                        </td>
                        <td>
                          <div className="chips">
                            {key.scopes.map((scope) => (
                              <Badge key={scope}>{scope}</Badge>
                            ))}
                          </div>
                        </td>
                        <td>{stateBadge[state]}</td>
                        <td className="subtle">
                          <DateTime value={key.createdAt} />
                        </td>
                        <td className="subtle">{key.lastUsedAt ? <DateTime value={key.lastUsedAt} relative /> : 'Never'}</td>
                        <td className="subtle">{key.revokedAt ? '—' : key.expiresAt ? <DateTime value={key.expiresAt} /> : 'Never'}</td>
                        {canWrite ? (
                          <td className="cell-actions">
                            {state === 'revoked' ? null : (
                              <Button size="sm" variant="danger-ghost" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                                Revoke
                              </Button>
                            )}
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </>
              )}
            </QueryTableBody>
          </table>
        </div>
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
