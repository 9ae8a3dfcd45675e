import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, UserRoundCheck } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import type { IdentityProvider } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { PageHeader, Panel } from '@/kit/Page';
import { Can, useCan } from '@/kit/session';
import { EmptyState, QueryTableBody } from '@/kit/states';
import { toast } from '@/kit/toast';
import { roleLabel } from '@/kit/roles';
import { AddProviderDialog } from './AddProviderDialog';
import '../admin.css';

function RoleRules({ provider }: { provider: IdentityProvider }) {
  const mappings = Object.entries(provider.roleMapping);
  if (mappings.length === 0 && !provider.defaultRole) return <span className="subtle">No roles granted</span>;
  return (
    <div className="stack stack--sm">
      {mappings.map(([claim, role]) => (
        <span key={claim} className="nowrap">
          <code>{claim}</code> → {roleLabel(role)}
        </span>
      ))}
      {provider.defaultRole ? <span className="subtle">Otherwise {roleLabel(provider.defaultRole)}</span> : null}
    </div>
  );
}

export function SignInProvidersPage() {
  const queryClient = useQueryClient();
  const canWrite = useCan('identity_providers:write');
  const providers = useQuery({ queryKey: ['identity-providers'], queryFn: () => unwrap(api.GET('/api/v1/identity-providers')) });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<IdentityProvider>();
  const remove = useMutation({
    mutationFn: (provider: IdentityProvider) => unwrap(api.DELETE('/api/v1/identity-providers/{providerId}', { params: { path: { providerId: provider.id } } })),
    onSuccess: (_data, provider) => {
      void queryClient.invalidateQueries({ queryKey: ['identity-providers'] });
      toast.success('Sign-in provider removed', `Tokens from ${provider.issuer} are no longer accepted.`);
    },
  });
  const columns = canWrite ? 6 : 5;
  const items = providers.data?.items ?? [];

  return (
    <div className="stack">
      <PageHeader
        eyebrow="Administration"
        title="Sign-in providers"
        description="Single sign-on: Switchboard accepts tokens from these OpenID Connect issuers, and their claims decide each person’s roles."
        actions={
          <Can permission="identity_providers:write">
            <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setAdding(true)}>
              Add provider
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Sign-in providers</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">For</th>
                <th scope="col">Audience and client</th>
                <th scope="col">Roles</th>
                <th scope="col">Added</th>
                {canWrite ? (
                  <th scope="col" className="cell-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <QueryTableBody
              query={providers}
              columns={columns}
              loadingLabel="Loading sign-in providers"
              loadingRows={2}
              errorTitle="Sign-in providers could not be loaded"
              isEmpty={items.length === 0}
              empty={
                <EmptyState
                  icon={<UserRoundCheck />}
                  title="No sign-in provider"
                  action={
                    canWrite ? (
                      <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setAdding(true)}>
                        Add provider
                      </Button>
                    ) : undefined
                  }
                >
                  Everyone signs in with a password. Add your identity provider to use your organisation’s single sign-on.
                </EmptyState>
              }
            >
              {() => (
                <>
                  {items.map((provider) => (
                    <tr key={provider.id} data-muted={!provider.enabled}>
                      <td>
                        <span className="identity__text">
                          <span className="cell-primary">
                            {provider.name} {provider.enabled ? null : <Badge>Disabled</Badge>}
                          </span>
                          <span className="subtle mono truncate" title={provider.issuer}>
                            {provider.issuer}
                          </span>
                        </span>
                      </td>
                      <td>{provider.surface === 'internal' ? <Badge tone="brand">Employees</Badge> : <Badge tone="info">Clients</Badge>}</td>
                      <td>
                        <span className="identity__text">
                          <span className="mono truncate" title={provider.audience}>
                            {provider.audience}
                          </span>
                          <span className="subtle">{provider.clientId ? `Client ${provider.clientId}` : 'No console sign-in'}</span>
                        </span>
                      </td>
                      <td>
                        <RoleRules provider={provider} />
                      </td>
                      <td className="subtle">
                        <DateTime value={provider.createdAt} />
                      </td>
                      {canWrite ? (
                        <td className="cell-actions">
                          <Button size="sm" variant="danger-ghost" onClick={() => setRemoving(provider)} aria-label={`Remove ${provider.name}`}>
                            Remove
                          </Button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </>
              )}
            </QueryTableBody>
          </table>
        </div>
      </Panel>
      <AddProviderDialog open={adding} onOpenChange={setAdding} />
      <ConfirmDialog
        open={Boolean(removing)}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={`Remove ${removing?.name ?? ''}?`}
        description="Tokens from this issuer stop working at once: people who sign in only through it lose access until it is added again."
        confirmLabel="Remove provider"
        onConfirm={() => (removing ? remove.mutateAsync(removing) : Promise.resolve())}
      />
    </div>
  );
}
