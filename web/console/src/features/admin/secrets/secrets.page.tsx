import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileLock2, Plus } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { PageHeader, Panel } from '@/kit/Page';
import { Can, useCan } from '@/kit/session';
import { EmptyState, QueryTableBody } from '@/kit/states';
import { toast } from '@/kit/toast';
import { SecretDialog } from './SecretDialog';
import { secretsMessages } from './secrets.messages';
import '../admin.css';

export function SecretsPage() {
  const m = useMessages(secretsMessages);
  const queryClient = useQueryClient();
  const canWrite = useCan('settings:write');
  const secrets = useQuery({ queryKey: ['secrets'], queryFn: () => unwrap(api.GET('/api/v1/secrets')) });
  const [adding, setAdding] = useState(false);
  const [replacing, setReplacing] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const remove = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.DELETE('/api/v1/secrets/{name}', { params: { path: { name } } })),
    onSuccess: (_data, name) => {
      void queryClient.invalidateQueries({ queryKey: ['secrets'] });
      toast.success(m.deleted, m.deletedDetail(name));
    },
  });
  const items = secrets.data?.items ?? [];
  const columns = canWrite ? 4 : 3;

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="settings:write">
            <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setAdding(true)}>
              {m.store}
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
                <th scope="col">{m.columns.name}</th>
                <th scope="col">{m.columns.lastSet}</th>
                <th scope="col">{m.columns.setBy}</th>
                {canWrite ? (
                  <th scope="col" className="cell-actions">
                    <span className="visually-hidden">{m.columns.actions}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <QueryTableBody
              query={secrets}
              columns={columns}
              loadingLabel={m.loading}
              loadingRows={3}
              errorTitle={m.loadFailed}
              isEmpty={items.length === 0}
              empty={
                <EmptyState
                  icon={<FileLock2 />}
                  title={m.empty}
                  action={
                    canWrite ? (
                      <Button
                        variant="primary"
                        icon={<Plus aria-hidden="true" />}
                        onClick={() => setAdding(true)}
                      >
                        {m.store}
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
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setReplacing(secret.name)}
                            aria-label={m.replaceLabel(secret.name)}
                          >
                            {m.replace}
                          </Button>
                          <Button
                            size="sm"
                            variant="danger-ghost"
                            onClick={() => setDeleting(secret.name)}
                            aria-label={m.deleteLabel(secret.name)}
                          >
                            {m.delete}
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
      {replacing ? (
        <SecretDialog
          key={replacing}
          existing={replacing}
          open
          onOpenChange={(open) => !open && setReplacing(undefined)}
        />
      ) : null}
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={m.deleteTitle(deleting ?? '')}
        description={m.deleteDescription}
        confirmLabel={m.deleteConfirm}
        onConfirm={() => (deleting ? remove.mutateAsync(deleting) : Promise.resolve())}
      />
    </div>
  );
}
