import type { Role } from '@/api/types';

interface RoleInfo {
  readonly label: string;
  readonly description: string;
}

/** Every role the server accepts (the record must name them all, or this does not compile). */
export const roleInfo: Readonly<Record<Role, RoleInfo>> = {
  owner: { label: 'Owner', description: 'Everything, including the other owners. Keep at least one.' },
  admin: { label: 'Administrator', description: 'Users, keys, sign-in, settings and every operational area.' },
  supervisor: { label: 'Supervisor', description: 'Calls, recordings and quality scoring for their teams.' },
  agent: { label: 'Agent', description: 'Their calls, leads, customers and orders.' },
  order_manager: { label: 'Order manager', description: 'Customers, products, stock, orders and refunds.' },
  analyst: { label: 'Analyst', description: 'Reports, exports, transcripts and analysis.' },
  viewer: { label: 'Viewer', description: 'Read-only: calls, analysis, campaigns and orders.' },
  client: { label: 'Client', description: 'A customer of the organisation, in the client portal only.' },
};

/** Roles an employee can hold, in the order the forms list them. */
export const employeeRoles: readonly Role[] = ['owner', 'admin', 'supervisor', 'agent', 'order_manager', 'analyst', 'viewer'];

export function roleLabel(role: string): string {
  return role in roleInfo ? roleInfo[role as Role].label : role;
}
