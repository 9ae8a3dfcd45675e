import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileLock2, Plus } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { PageHeader, Panel } from '@/kit/Page';
import { Can, useCan } from '@/kit/session';
import { EmptyState, QueryTableBody } from '@/kit/states';
import { toast } from '@/kit/toast';
import { SecretDialog } from './SecretDialog';
import '../admin.css';

export function SecretsPage() {
  const queryClient = useQueryClient();
  const canWrite = useCan('settings:write');
  const secrets = useQuery({ queryKey: ['secrets'], queryFn: () => unwrap(api.GET('/api/v1/secrets')) });
  const [adding, setAdding] = useState(false);
  const [replacing, setReplacing] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const remove = useMutation({
    mutationFn: (name: string) => unwrap(api.DELETE('/api/v1/secrets/{name}', { params: { path: { name } } })),
    onSuccess: (_data, name) => {
      void queryClient.invalidateQueries({ queryKey: ['secrets'] });
      toast.success('Secret deleted', `Connectors that need ${name} will fail until it is stored again.`);
    },
  });
  const items = secrets.data?.items ?? [];
  const columns = canWrite ? 4 : 3;

  return (
    <div className="stack">
      <PageHeader
        eyebrow="Administration"
        title="Connector secrets"
        description="Passwords, tokens and keys your connectors use to reach phone systems and other services. Stored encrypted; once saved, no one can read a value back."
        actions={
          <Can permission="settings:write">
            <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setAdding(true)}>
              Store secret
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Connector secrets</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Last set</th>
                <th scope="col">Set by</th>
                {canWrite ? (
                  <th scope="col" className="cell-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <QueryTableBody
              query={secrets}
              columns={columns}
              loadingLabel="Loading secrets"
              loadingRows={3}
              errorTitle="Secrets could not be loaded"
              isEmpty={items.length === 0}
              empty={
                <EmptyState
                  icon={<FileLock2 />}
                  title="No secrets stored"
                  action={
                    canWrite ? (
                      <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setAdding(true)}>
                        Store secret
                      </Button>
                    ) : undefined
                  }
                >
                  Connectors that pull from Microsoft Teams, Twilio or Genesys need their credentials here.
                </EmptyState>
              }
            >
              {() => (
                <>
                  {items.map((secret) => (
                    <tr key={secret.name}>
                      <td>
                        <span className="cell-primary mono">{secret.name}</span>
                      </td>
                      <td className="subtle">
                        <DateTime value={secret.updatedAt} relative />
                      </td>
                      <td className="subtle mono">{secret.updatedBy}</td>
                      {canWrite ? (
                        <td className="cell-actions">
                          <Button size="sm" variant="ghost" onClick={() => setReplacing(secret.name)} aria-label={`Replace ${secret.name}`}>
                            Replace
                          </Button>
                          <Button size="sm" variant="danger-ghost" onClick={() => setDeleting(secret.name)} aria-label={`Delete ${secret.name}`}>
                            Delete
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
      <SecretDialog open={adding} onOpenChange={setAdding} />
      {replacing ? <SecretDialog key={replacing} existing={replacing} open onOpenChange={(open) => !open && setReplacing(undefined)} /> : null}
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete ${deleting ?? ''}?`}
        description="The value is destroyed. Connectors that use it stop working until it is stored again."
        confirmLabel="Delete secret"
        onConfirm={() => (deleting ? remove.mutateAsync(deleting) : Promise.resolve())}
      />
    </div>
  );
}
