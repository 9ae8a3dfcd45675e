import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Role } from '@/api/types';
import { Alert } from '@/kit/Alert';
import { Button, IconButton } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { Choice, ChoiceGroup, SelectField, TextField } from '@/kit/Field';
import { isValid, serverErrors, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { roleInfo } from '@/kit/roles';

type Field = 'name' | 'surface' | 'issuer' | 'audience' | 'clientId' | 'tenantClaim' | 'tenantClaimValue' | 'rolesClaim' | 'roleMapping' | 'defaultRole';
const fields: readonly Field[] = ['name', 'surface', 'issuer', 'audience', 'clientId', 'tenantClaim', 'tenantClaimValue', 'rolesClaim', 'roleMapping', 'defaultRole'];

interface Mapping {
  readonly key: number;
  readonly claim: string;
  readonly role: Role;
}

interface Values {
  name: string;
  surface: 'internal' | 'external';
  issuer: string;
  audience: string;
  clientId: string;
  tenantClaim: string;
  tenantClaimValue: string;
  rolesClaim: string;
  mappings: Mapping[];
  defaultRole: Role | '';
}

const initial: Values = {
  name: '',
  surface: 'internal',
  issuer: '',
  audience: '',
  clientId: '',
  tenantClaim: '',
  tenantClaimValue: '',
  rolesClaim: '',
  mappings: [],
  defaultRole: '',
};

export function validateProvider(v: Values): FieldErrors<Field> {
  let issuer: string | undefined;
  try {
    const url = new URL(v.issuer.trim());
    if (url.protocol !== 'https:' && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') issuer = 'Use the issuer’s https:// address.';
  } catch {
    issuer = v.issuer.trim() ? 'Enter a full URL such as https://login.microsoftonline.com/<tenant>/v2.0.' : 'Enter the issuer URL.';
  }
  return {
    name: v.name.trim() ? undefined : 'Name it as people know it, such as “Microsoft Entra ID”.',
    issuer,
    audience: v.audience.trim() ? undefined : 'Enter the audience (aud) its tokens carry for Switchboard.',
    tenantClaimValue: v.tenantClaim.trim() && !v.tenantClaimValue.trim() ? 'Enter the value the claim must have.' : undefined,
    roleMapping: v.mappings.some((m) => !m.claim.trim()) ? 'Fill in or remove the empty mapping.' : undefined,
  };
}

const optional = (value: string) => (value.trim() ? value.trim() : null);

const rolesForSurface = (surface: Values['surface']): Role[] =>
  surface === 'external' ? ['client'] : (['owner', 'admin', 'supervisor', 'agent', 'order_manager', 'analyst', 'viewer'] as Role[]);

export function AddProviderDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();
  const [nextKey, setNextKey] = useState(1);
  const create = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST('/api/v1/identity-providers', {
          body: {
            name: v.name.trim(),
            surface: v.surface,
            issuer: v.issuer.trim(),
            audience: v.audience.trim(),
            clientId: optional(v.clientId),
            tenantClaim: optional(v.tenantClaim),
            tenantClaimValue: optional(v.tenantClaimValue),
            rolesClaim: optional(v.rolesClaim),
            roleMapping: Object.fromEntries(v.mappings.map((m) => [m.claim.trim(), m.role])),
            defaultRole: v.defaultRole || null,
            enabled: true,
          },
        }),
      ),
  });

  const close = (next: boolean) => {
    if (!next) {
      setValues(initial);
      setErrors({});
      setFormError(undefined);
      create.reset();
    }
    onOpenChange(next);
  };

  const set = (field: 'name' | 'issuer' | 'audience' | 'clientId' | 'tenantClaim' | 'tenantClaimValue' | 'rolesClaim') => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = validateProvider(values);
    setErrors(problems);
    setFormError(undefined);
    if (!isValid(problems)) return;
    create.mutate(values, {
      onSuccess: (provider) => {
        void queryClient.invalidateQueries({ queryKey: ['identity-providers'] });
        toast.success('Sign-in provider added', `Tokens from ${provider.issuer} are accepted now.`);
        close(false);
      },
      onError: (error) => {
        const split = serverErrors(error, fields);
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  };

  const roles = rolesForSurface(values.surface);

  return (
    <Modal open={open} onOpenChange={close} title="Add a sign-in provider" description="Trust an OpenID Connect issuer (Microsoft Entra ID, Okta, Auth0, Keycloak…) to sign people in." wide>
      <form onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            {formError ? <Alert tone="danger">{formError}</Alert> : null}
            <TextField label="Name" placeholder="Microsoft Entra ID" value={values.name} onChange={set('name')} error={errors.name} autoFocus />
            <ChoiceGroup legend="Who signs in with it" error={errors.surface}>
              <Choice
                type="radio"
                name="surface"
                checked={values.surface === 'internal'}
                onChange={() => setValues((v) => ({ ...v, surface: 'internal', mappings: [], defaultRole: '' }))}
                title="Employees"
                description="The console and the internal API"
              />
              <Choice
                type="radio"
                name="surface"
                checked={values.surface === 'external'}
                onChange={() => setValues((v) => ({ ...v, surface: 'external', mappings: [], defaultRole: '' }))}
                title="Clients"
                description="The client portal and external API"
              />
            </ChoiceGroup>
            <TextField label="Issuer URL" type="url" placeholder="https://login.example.com/" className="input--mono" value={values.issuer} onChange={set('issuer')} error={errors.issuer} hint="Its /.well-known/openid-configuration names the signing keys." />
            <div className="form-row">
              <TextField label="Audience" placeholder="api://switchboard" className="input--mono" value={values.audience} onChange={set('audience')} error={errors.audience} hint="The aud claim of tokens meant for Switchboard." />
              <TextField label="Client ID" optional className="input--mono" value={values.clientId} onChange={set('clientId')} error={errors.clientId} hint="For “Sign in with…” in the console." />
            </div>
            <div className="form-row">
              <TextField label="Organisation claim" optional placeholder="tid" className="input--mono" value={values.tenantClaim} onChange={set('tenantClaim')} error={errors.tenantClaim} hint="A claim every token must carry…" />
              <TextField label="Required value" optional={!values.tenantClaim} className="input--mono" value={values.tenantClaimValue} onChange={set('tenantClaimValue')} error={errors.tenantClaimValue} hint="…with exactly this value." />
            </div>
            <TextField label="Roles claim" optional placeholder="roles" className="input--mono" value={values.rolesClaim} onChange={set('rolesClaim')} error={errors.rolesClaim} hint="Where tokens list roles or groups, e.g. roles, groups or realm_access.roles." />
            <fieldset className="choice-group">
              <legend className="label">Role mapping</legend>
              <p className="hint">Which Switchboard role each value of the roles claim grants.</p>
              {values.mappings.map((mapping, index) => (
                <div className="mapping-row" key={mapping.key}>
                  <TextField
                    label={`Claim value ${index + 1}`}
                    className="input--mono"
                    value={mapping.claim}
                    onChange={(e) => setValues((v) => ({ ...v, mappings: v.mappings.map((m) => (m.key === mapping.key ? { ...m, claim: e.target.value } : m)) }))}
                  />
                  <SelectField
                    label={`Role for value ${index + 1}`}
                    value={mapping.role}
                    onChange={(e) => setValues((v) => ({ ...v, mappings: v.mappings.map((m) => (m.key === mapping.key ? { ...m, role: e.target.value as Role } : m)) }))}
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {roleInfo[role].label}
                      </option>
                    ))}
                  </SelectField>
                  <IconButton label={`Remove mapping ${index + 1}`} onClick={() => setValues((v) => ({ ...v, mappings: v.mappings.filter((m) => m.key !== mapping.key) }))}>
                    <X aria-hidden="true" />
                  </IconButton>
                </div>
              ))}
              {errors.roleMapping ? <p className="field-error">{errors.roleMapping}</p> : null}
              <div>
                <Button
                  size="sm"
                  icon={<Plus aria-hidden="true" />}
                  onClick={() => {
                    setValues((v) => ({ ...v, mappings: [...v.mappings, { key: nextKey, claim: '', role: roles[roles.length - 1] ?? 'viewer' }] }));
                    setNextKey((k) => k + 1);
                  }}
                >
                  Add a mapping
                </Button>
              </div>
            </fieldset>
            <SelectField label="Role when no mapping matches" value={values.defaultRole} onChange={(e) => setValues((v) => ({ ...v, defaultRole: e.target.value as Role | '' }))} error={errors.defaultRole}>
              <option value="">None: no access unless a mapping matches</option>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleInfo[role].label}
                </option>
              ))}
            </SelectField>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Add provider
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
