import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Ellipsis,
  Search,
  ShieldCheck,
  UserPlus,
  UserRoundCog,
  UserRoundX,
  UserRoundCheck,
} from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useMemo, useState } from 'react';
import { useMessages } from '@/i18n';
import { api, unwrap } from '@/api/client';
import type { User } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { Button, IconButton } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can, useCan, useMe } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { CreateUserDialog } from './CreateUserDialog';
import { usersMessages } from './users.messages';
import { EditRolesDialog } from './EditRolesDialog';
import { roleLabel } from '@/kit/roles';
import { usersTableMessages } from './users-table.messages';
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
  const tt = useMessages(usersTableMessages);
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
      unwrap(
        api.PUT('/api/v1/users/{userId}/status', { params: { path: { userId: user.id } }, body: { status } }),
      ),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      toast.success(
        user.status === 'disabled' ? m.disabled : m.enabled,
        user.status === 'disabled' ? m.disabledDetail(user.email) : m.enabledDetail(user.email),
      );
    },
  });

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const items = users.data?.items.filter((u) => u.kind === 'employee') ?? [];
    if (!needle) return items;
    return items.filter((u) =>
      [u.email, u.displayName ?? '', ...u.roles.map(roleLabel), ...u.roles].some((text) =>
        text.toLowerCase().includes(needle),
      ),
    );
  }, [users.data, filter]);

  const columns: Column<User>[] = [
    {
      id: 'user',
      label: tt.columns.user,
      hideable: false,
      cell: (user) => (
        <div className="identity">
          <span className="avatar" aria-hidden="true">
            {initials(user)}
          </span>
          <span className="identity__text">
            <span className="cell-primary">
              {user.displayName ?? user.email}
              {user.id === me?.user?.id ? <span className="subtle"> {tt.you}</span> : null}
            </span>
            {user.displayName ? <span className="subtle">{user.email}</span> : null}
          </span>
        </div>
      ),
    },
    {
      id: 'roles',
      label: tt.columns.roles,
      cell: (user) => (
        <div className="chips">
          {user.roles.map((role) => (
            <Badge key={role} tone={role === 'owner' || role === 'admin' ? 'brand' : 'neutral'}>
              {roleLabel(role)}
            </Badge>
          ))}
        </div>
      ),
    },
    { id: 'status', label: tt.columns.status, cell: (user) => <StatusBadge user={user} /> },
    {
      id: 'twoStep',
      label: tt.columns.twoStep,
      cell: (user) =>
        user.mfaEnabled ? (
          <span className="cluster nowrap">
            <ShieldCheck aria-hidden="true" className="inline-icon" /> {tt.on}
          </span>
        ) : (
          <span className="subtle">{tt.off}</span>
        ),
    },
    {
      id: 'added',
      label: tt.columns.added,
      className: 'subtle',
      cell: (user) => <TimeCell value={user.createdAt} />,
    },
    ...(canWrite
      ? [
          {
            id: 'actions',
            label: tt.columns.actions,
            hideable: false,
            className: 'cell-actions',
            cell: (user: User) => (
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
                    {user.id === me?.user?.id ? null : user.status === 'active' ? (
                      <DropdownMenu.Item
                        className="menu__item menu__item--danger"
                        onSelect={() => setToggling(user)}
                      >
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
            ),
          } satisfies Column<User>,
        ]
      : []),
  ];
  const total = users.data?.items.filter((u) => u.kind === 'employee').length ?? 0;

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="users:write">
            <Button
              variant="primary"
              icon={<UserPlus aria-hidden="true" />}
              onClick={() => setCreating(true)}
            >
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
            <input
              id="user-filter"
              className="input"
              type="search"
              placeholder="Filter by name, e-mail or role"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <p className="subtle toolbar__actions" aria-live="polite">
            {users.data
              ? filter
                ? `${formatNumber(shown.length)} of ${formatNumber(total)} users`
                : `${formatNumber(total)} users`
              : null}
          </p>
        </div>
        <DataTable
          caption={tt.caption}
          columns={columns}
          rows={shown}
          rowKey={(user) => user.id}
          muted={(user) => user.status === 'disabled'}
          query={users}
          loadingLabel={tt.loading}
          errorTitle={tt.failed}
          empty={
            filter ? (
              <EmptyState
                title="No user matches"
                action={<Button onClick={() => setFilter('')}>Clear the filter</Button>}
              >
                Nobody’s name, e-mail address or role contains “{filter}”.
              </EmptyState>
            ) : (
              <EmptyState title="No users yet">Add the people who will use Switchboard.</EmptyState>
            )
          }
        />
      </Panel>
      <CreateUserDialog open={creating} onOpenChange={setCreating} />
      {editing ? <EditRolesDialog user={editing} onClose={() => setEditing(undefined)} /> : null}
      <ConfirmDialog
        open={Boolean(toggling)}
        onOpenChange={(open) => !open && setToggling(undefined)}
        title={
          toggling?.status === 'active'
            ? m.disableTitle(toggling.email)
            : m.enableTitle(toggling?.email ?? '')
        }
        description={toggling?.status === 'active' ? m.disableDescription : m.enableDescription}
        confirmLabel={toggling?.status === 'active' ? m.disableConfirm : m.enableConfirm}
        tone={toggling?.status === 'active' ? 'danger' : 'primary'}
        onConfirm={() =>
          toggling
            ? setStatus.mutateAsync({
                user: toggling,
                status: toggling.status === 'active' ? 'disabled' : 'active',
              })
            : Promise.resolve()
        }
      />
    </div>
  );
}
