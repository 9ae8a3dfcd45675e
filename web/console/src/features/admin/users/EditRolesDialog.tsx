import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Role, User } from '@/api/types';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { employeeRoles, roleLabel } from '@/kit/roles';
import { meQuery } from '@/kit/session';
import { toast } from '@/kit/toast';
import { RolePicker } from './RolePicker';
import { usersMessages } from './users.messages';

export function EditRolesDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const m = useMessages(usersMessages).roles;
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(() => employeeRoles.filter((r) => user.roles.includes(r)));
  const form = useForm(['roles'], 'PUT /api/v1/users/{userId}/roles');
  const save = useMutation({
    mutationFn: (next: Role[]) =>
      unwrap(
        api.PUT('/api/v1/users/{userId}/roles', {
          params: { path: { userId: user.id } },
          body: { roles: next },
        }),
      ),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      toast.success(m.changed, m.changedDetail(updated.email, updated.roles.map(roleLabel).join(', ')));
      onClose();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ roles }, { roles: roles.length === 0 ? m.missing : undefined })) save.mutate(roles);
  };
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.title(user.displayName ?? user.email)}
      description={m.description}
      wide
    >
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <RolePicker
              value={roles}
              onChange={(next) => {
                setRoles(next);
                form.clear('roles');
              }}
              error={form.errors.roles}
            />
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {m.save}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
