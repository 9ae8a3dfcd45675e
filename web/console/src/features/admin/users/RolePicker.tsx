import type { Role } from '@/api/types';
import { Choice, ChoiceGroup } from '@/kit/Field';
import { employeeRoles, roleInfo } from '@/kit/roles';
import { useMessages } from '@/i18n';
import { usersMessages } from './users.messages';

export function RolePicker({
  value,
  onChange,
  error,
}: {
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
}) {
  const m = useMessages(usersMessages).roles;
  const toggle = (role: Role, on: boolean) =>
    onChange(on ? [...value, role] : value.filter((r) => r !== role));
  return (
    <ChoiceGroup legend={m.legend} hint={m.hint} error={error}>
      {employeeRoles.map((role) => (
        <Choice
          key={role}
          name="roles"
          value={role}
          checked={value.includes(role)}
          onChange={(e) => toggle(role, e.target.checked)}
          title={roleInfo[role].label}
          description={roleInfo[role].description}
        />
      ))}
    </ChoiceGroup>
  );
}
