import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Ellipsis, Search, ShieldCheck, UserPlus, UserRoundCog, UserRoundX, UserRoundCheck } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useMemo, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import type { User } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button, IconButton } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can, useCan, useMe } from '@/kit/session';
import { EmptyState, QueryTableBody } from '@/kit/states';
import { toast } from '@/kit/toast';
import { CreateUserDialog } from './CreateUserDialog';
import { usersMessages } from './users.messages';
import { EditRolesDialog } from './EditRolesDialog';
import { roleLabel } from '@/kit/roles';
import '../admin.css';

export const usersQuery = { queryKey: ['users'], queryFn: () => unwrap(api.GET('/api/v1/users')) };

function initials(user: User): string {
  const source = user.displayName ?? user.email.replace(/@.*/, '');
  const words = source.split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

function StatusBadge({ user }: { user: User }) {
  if (user.status === 'disabled') return <Badge tone="neutral">Disabled</Badge>;
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    return (
      <Badge tone="warning" dot>
        Locked
      </Badge>
    );
  }
  return (
    <Badge tone="success" dot>
      Active
    </Badge>
  );
}

export function UsersPage() {
  const m = useMessages(usersMessages);
  const queryClient = useQueryClient();
  const me = useMe();
  const canWrite = useCan('users:write');
  const users = useQuery(usersQuery);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User>();
  const [toggling, setToggling] = useState<User>();

  const setStatus = useMutation({
    mutationFn: ({ user, status }: { user: User; status: 'active' | 'disabled' }) =>
      unwrap(api.PUT('/api/v1/users/{userId}/status', { params: { path: { userId: user.id } }, body: { status } })),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      toast.success(user.status === 'disabled' ? m.disabled : m.enabled, user.status === 'disabled' ? m.disabledDetail(user.email) : m.enabledDetail(user.email));
    },
  });

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const items = users.data?.items.filter((u) => u.kind === 'employee') ?? [];
    if (!needle) return items;
    return items.filter((u) => [u.email, u.displayName ?? '', ...u.roles.map(roleLabel), ...u.roles].some((text) => text.toLowerCase().includes(needle)));
  }, [users.data, filter]);

  const columns = canWrite ? 6 : 5;
  const total = users.data?.items.filter((u) => u.kind === 'employee').length ?? 0;

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="users:write">
            <Button variant="primary" icon={<UserPlus aria-hidden="true" />} onClick={() => setCreating(true)}>
              {m.add}
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <div className="toolbar">
          <div className="field search-field">
            <label className="visually-hidden" htmlFor="user-filter">
              Filter users
            </label>
            <Search aria-hidden="true" className="search-field__icon" />
            <input id="user-filter" className="input" type="search" placeholder="Filter by name, e-mail or role" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <p className="subtle toolbar__actions" aria-live="polite">
            {users.data ? (filter ? `${formatNumber(shown.length)} of ${formatNumber(total)} users` : `${formatNumber(total)} users`) : null}
          </p>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Users of the organisation</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Two-step</th>
                <th scope="col">Added</th>
                {canWrite ? (
                  <th scope="col" className="cell-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <QueryTableBody
              query={users}
              columns={columns}
              loadingLabel="Loading users"
              errorTitle="Users could not be loaded"
              isEmpty={shown.length === 0}
              empty={
                filter ? (
                  <EmptyState title="No user matches" action={<Button onClick={() => setFilter('')}>Clear the filter</Button>}>
                    Nobody’s name, e-mail address or role contains “{filter}”.
                  </EmptyState>
                ) : (
                  <EmptyState title="No users yet">Add the people who will use Switchboard.</EmptyState>
                )
              }
            >
              {() => (
                <>
                  {shown.map((user) => {
                    const self = user.id === me?.user?.id;
                    return (
                      <tr key={user.id} data-muted={user.status === 'disabled'}>
                        <td>
                          <div className="identity">
                            <span className="avatar" aria-hidden="true">
                              {initials(user)}
                            </span>
                            <span className="identity__text">
                              <span className="cell-primary">
                                {user.displayName ?? user.email}
                                {self ? <span className="subtle"> (you)</span> : null}
                              </span>
                              {user.displayName ? <span className="subtle">{user.email}</span> : null}
                            </span>
                          </div>
                        </td>
                        <td>
                          <div className="chips">
                            {user.roles.map((role) => (
                              <Badge key={role} tone={role === 'owner' || role === 'admin' ? 'brand' : 'neutral'}>
                                {roleLabel(role)}
                              </Badge>
                            ))}
                          </div>
                        </td>
                        <td>
                          <StatusBadge user={user} />
                        </td>
                        <td>
                          {user.mfaEnabled ? (
                            <span className="cluster nowrap">
                              <ShieldCheck aria-hidden="true" className="inline-icon" /> On
                            </span>
                          ) : (
                            <span className="subtle">Off</span>
                          )}
                        </td>
                        <td className="subtle">
                          <DateTime value={user.createdAt} />
                        </td>
                        {canWrite ? (
                          <td className="cell-actions">
                            <DropdownMenu.Root>
                              <DropdownMenu.Trigger asChild>
                                <IconButton label={`Actions for ${user.email}`}>
                                  <Ellipsis aria-hidden="true" />
                                </IconButton>
                              </DropdownMenu.Trigger>
                              <DropdownMenu.Portal>
                                <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
                                  <DropdownMenu.Item className="menu__item" onSelect={() => setEditing(user)}>
                                    <UserRoundCog aria-hidden="true" />
                                    Change roles…
                                  </DropdownMenu.Item>
                                  {self ? null : user.status === 'active' ? (
                                    <DropdownMenu.Item className="menu__item menu__item--danger" onSelect={() => setToggling(user)}>
                                      <UserRoundX aria-hidden="true" />
                                      Disable…
                                    </DropdownMenu.Item>
                                  ) : (
                                    <DropdownMenu.Item className="menu__item" onSelect={() => setToggling(user)}>
                                      <UserRoundCheck aria-hidden="true" />
                                      Enable…
                                    </DropdownMenu.Item>
                                  )}
                                </DropdownMenu.Content>
                              </DropdownMenu.Portal>
                            </DropdownMenu.Root>
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
      <CreateUserDialog open={creating} onOpenChange={setCreating} />
      {editing ? <EditRolesDialog user={editing} onClose={() => setEditing(undefined)} /> : null}
      <ConfirmDialog
        open={Boolean(toggling)}
        onOpenChange={(open) => !open && setToggling(undefined)}
        title={toggling?.status === 'active' ? m.disableTitle(toggling.email) : m.enableTitle(toggling?.email ?? '')}
        description={toggling?.status === 'active' ? m.disableDescription : m.enableDescription}
        confirmLabel={toggling?.status === 'active' ? m.disableConfirm : m.enableConfirm}
        tone={toggling?.status === 'active' ? 'danger' : 'primary'}
        onConfirm={() => (toggling ? setStatus.mutateAsync({ user: toggling, status: toggling.status === 'active' ? 'disabled' : 'active' }) : Promise.resolve())}
      />
    </div>
  );
}
