import type { Role } from '@/api/types';
import { Choice, ChoiceGroup } from '@/kit/Field';
import { employeeRoles, roleInfo } from '@/kit/roles';

export function RolePicker({ value, onChange, error }: { value: readonly Role[]; onChange: (roles: Role[]) => void; error?: string | undefined }) {
  const toggle = (role: Role, on: boolean) => onChange(on ? [...value, role] : value.filter((r) => r !== role));
  return (
    <ChoiceGroup legend="Roles" hint="A person may hold several; they get everything each role allows." error={error}>
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
