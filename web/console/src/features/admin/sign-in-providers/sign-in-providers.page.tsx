import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, UserRoundCheck } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import type { IdentityProvider } from '@/api/types';
import { useMessages } from '@/i18n';
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
import { providersMessages } from './sign-in-providers.messages';
import '../admin.css';

function RoleRules({ provider }: { provider: IdentityProvider }) {
  const m = useMessages(providersMessages);
  const mappings = Object.entries(provider.roleMapping);
  if (mappings.length === 0 && !provider.defaultRole) return <span className="subtle">{m.noRoles}</span>;
  return (
    <div className="stack stack--sm">
      {mappings.map(([claim, role]) => (
        <span key={claim} className="role-rule">
          <code>{claim}</code> → {roleLabel(role)}
        </span>
      ))}
      {provider.defaultRole ? (
        <span className="subtle">{m.otherwise(roleLabel(provider.defaultRole))}</span>
      ) : null}
    </div>
  );
}

export function SignInProvidersPage() {
  const m = useMessages(providersMessages);
  const queryClient = useQueryClient();
  const canWrite = useCan('identity_providers:write');
  const providers = useQuery({
    queryKey: ['identity-providers'],
    queryFn: () => unwrap(api.GET('/api/v1/identity-providers')),
  });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<IdentityProvider>();
  const remove = useMutation({
    mutationFn: (provider: IdentityProvider) =>
      unwrap(
        api.DELETE('/api/v1/identity-providers/{providerId}', {
          params: { path: { providerId: provider.id } },
        }),
      ),
    onSuccess: (_data, provider) => {
      void queryClient.invalidateQueries({ queryKey: ['identity-providers'] });
      toast.success(m.removed, m.removedDetail(provider.issuer));
    },
  });
  const columns = canWrite ? 6 : 5;
  const items = providers.data?.items ?? [];

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="identity_providers:write">
            <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setAdding(true)}>
              {m.add}
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{m.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.provider}</th>
                <th scope="col">{m.columns.for}</th>
                <th scope="col">{m.columns.audience}</th>
                <th scope="col">{m.columns.roles}</th>
                <th scope="col">{m.columns.added}</th>
                {canWrite ? (
                  <th scope="col" className="cell-actions">
                    <span className="visually-hidden">{m.columns.actions}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <QueryTableBody
              query={providers}
              columns={columns}
              loadingLabel={m.loading}
              loadingRows={2}
              errorTitle={m.loadFailed}
              isEmpty={items.length === 0}
              empty={
                <EmptyState
                  icon={<UserRoundCheck />}
                  title={m.empty}
                  action={
                    canWrite ? (
                      <Button
                        variant="primary"
                        icon={<Plus aria-hidden="true" />}
                        onClick={() => setAdding(true)}
                      >
                        {m.add}
                      </Button>
                    ) : undefined
                  }
                >
                  {m.emptyDetail}
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
                            {provider.name} {provider.enabled ? null : <Badge>{m.disabled}</Badge>}
                          </span>
                          <span className="subtle mono truncate" title={provider.issuer}>
                            {provider.issuer}
                          </span>
                        </span>
                      </td>
                      <td>
                        {provider.surface === 'internal' ? (
                          <Badge tone="brand">{m.employees}</Badge>
                        ) : (
                          <Badge tone="info">{m.clients}</Badge>
                        )}
                      </td>
                      <td>
                        <span className="identity__text">
                          <span className="mono truncate" title={provider.audience}>
                            {provider.audience}
                          </span>
                          <span className="subtle">
                            {provider.clientId ? m.client(provider.clientId) : m.noConsoleSignIn}
                          </span>
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
                          <Button
                            size="sm"
                            variant="danger-ghost"
                            onClick={() => setRemoving(provider)}
                            aria-label={m.removeLabel(provider.name)}
                          >
                            {m.remove}
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
        title={m.removeTitle(removing?.name ?? '')}
        description={m.removeDescription}
        confirmLabel={m.removeConfirm}
        onConfirm={() => (removing ? remove.mutateAsync(removing) : Promise.resolve())}
      />
    </div>
  );
}
