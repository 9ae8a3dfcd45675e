import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Role, User } from '@/api/types';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { serverErrors } from '@/kit/forms';
import { meQuery } from '@/kit/session';
import { toast } from '@/kit/toast';
import { RolePicker } from './RolePicker';
import { employeeRoles, roleLabel } from '@/kit/roles';

export function EditRolesDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(() => employeeRoles.filter((r) => user.roles.includes(r)));
  const [error, setError] = useState<{ roles?: string | undefined; form?: string | undefined }>({});
  const save = useMutation({
    mutationFn: (next: Role[]) => unwrap(api.PUT('/api/v1/users/{userId}/roles', { params: { path: { userId: user.id } }, body: { roles: next } })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      toast.success('Roles changed', `${updated.email}: ${updated.roles.map(roleLabel).join(', ')}. It applies when their session next renews (within minutes) or at their next sign-in.`);
      onClose();
    },
    onError: (caught) => {
      const split = serverErrors(caught, ['roles']);
      setError({ roles: split.fields.roles, form: split.form });
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (roles.length === 0) {
      setError({ roles: 'Choose at least one role.' });
      return;
    }
    save.mutate(roles);
  };
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} title={`Roles of ${user.displayName ?? user.email}`} description="What they can see and do in this organisation." wide>
      <form onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            {error.form ? <Alert tone="danger">{error.form}</Alert> : null}
            <RolePicker value={roles} onChange={setRoles} error={error.roles} />
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save roles
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
