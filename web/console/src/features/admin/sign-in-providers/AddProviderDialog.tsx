import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Role } from '@/api/types';
import { messagesNow, useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { Choice, ChoiceGroup, FieldError, FormError, SelectField, TextField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { roleInfo } from '@/kit/roles';
import { providersMessages } from './sign-in-providers.messages';

type Field =
  | 'name'
  | 'surface'
  | 'issuer'
  | 'audience'
  | 'clientId'
  | 'tenantClaim'
  | 'tenantClaimValue'
  | 'rolesClaim'
  | 'roleMapping'
  | 'defaultRole';
const fields: readonly Field[] = [
  'name',
  'surface',
  'issuer',
  'audience',
  'clientId',
  'tenantClaim',
  'tenantClaimValue',
  'rolesClaim',
  'roleMapping',
  'defaultRole',
];

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

/** The form's own checks; `useForm` adds the server's length limits. */
export function validateProvider(v: Values, claimMaxLength = Infinity): FieldErrors<Field> {
  const m = messagesNow(providersMessages).dialog;
  let issuer: string | undefined;
  try {
    const url = new URL(v.issuer.trim());
    if (url.protocol !== 'https:' && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1')
      issuer = m.issuerHttps;
  } catch {
    issuer = v.issuer.trim() ? m.issuerInvalid : m.issuerMissing;
  }
  return {
    name: v.name.trim() ? undefined : m.nameMissing,
    issuer,
    audience: v.audience.trim() ? undefined : m.audienceMissing,
    tenantClaimValue:
      v.tenantClaim.trim() && !v.tenantClaimValue.trim() ? m.tenantClaimValueMissing : undefined,
    roleMapping: v.mappings.some((mapping) => !mapping.claim.trim())
      ? m.mappingEmpty
      : v.mappings.some((mapping) => mapping.claim.trim().length > claimMaxLength)
        ? m.claimTooLong(claimMaxLength)
        : undefined,
  };
}

/** What the form sends for each field, as `useForm` checks it against the server's limits. */
const sent = (v: Values) => ({
  name: v.name.trim(),
  issuer: v.issuer.trim(),
  audience: v.audience.trim(),
  clientId: v.clientId.trim(),
  tenantClaim: v.tenantClaim.trim(),
  tenantClaimValue: v.tenantClaimValue.trim(),
  rolesClaim: v.rolesClaim.trim(),
});

const optional = (value: string) => (value.trim() ? value.trim() : null);

const rolesForSurface = (surface: Values['surface']): Role[] =>
  surface === 'external'
    ? ['client']
    : ([
        'owner',
        'admin',
        'supervisor',
        'agent',
        'order_manager',
        'customer_service',
        'analyst',
        'viewer',
      ] as Role[]);

export function AddProviderDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(providersMessages).dialog;
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(initial);
  const form = useForm(fields, 'POST /api/v1/identity-providers');
  const claimLimit = form.limit('roleMapping')?.keyMaxLength;
  const errors = form.errors;
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
      form.reset();
      create.reset();
    }
    onOpenChange(next);
  };

  const set =
    (
      field: 'name' | 'issuer' | 'audience' | 'clientId' | 'tenantClaim' | 'tenantClaimValue' | 'rolesClaim',
    ) =>
    (e: { target: { value: string } }) => {
      setValues((v) => ({ ...v, [field]: e.target.value }));
      form.clear(field);
    };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!form.check(sent(values), validateProvider(values, claimLimit))) return;
    create.mutate(values, {
      onSuccess: (provider) => {
        void queryClient.invalidateQueries({ queryKey: ['identity-providers'] });
        toast.success(m.added, m.addedDetail(provider.issuer));
        close(false);
      },
      onError: form.refuse,
    });
  };

  const roles = rolesForSurface(values.surface);

  return (
    <Modal open={open} onOpenChange={close} title={m.title} description={m.description} wide>
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <TextField
              label={m.name}
              placeholder="Microsoft Entra ID"
              value={values.name}
              onChange={set('name')}
              error={errors.name}
              limits={form.limit('name')}
              autoFocus
            />
            <ChoiceGroup legend={m.surface} error={errors.surface}>
              <Choice
                type="radio"
                name="surface"
                checked={values.surface === 'internal'}
                onChange={() =>
                  setValues((v) => ({ ...v, surface: 'internal', mappings: [], defaultRole: '' }))
                }
                title={m.employees}
                description={m.employeesDescription}
              />
              <Choice
                type="radio"
                name="surface"
                checked={values.surface === 'external'}
                onChange={() =>
                  setValues((v) => ({ ...v, surface: 'external', mappings: [], defaultRole: '' }))
                }
                title={m.clients}
                description={m.clientsDescription}
              />
            </ChoiceGroup>
            <TextField
              label={m.issuer}
              type="url"
              placeholder="https://login.example.com/"
              className="input--mono"
              value={values.issuer}
              onChange={set('issuer')}
              error={errors.issuer}
              limits={form.limit('issuer')}
              hint={m.issuerHint}
            />
            <div className="form-row">
              <TextField
                label={m.audience}
                placeholder="api://switchboard"
                className="input--mono"
                value={values.audience}
                onChange={set('audience')}
                error={errors.audience}
                limits={form.limit('audience')}
                hint={m.audienceHint}
              />
              <TextField
                label={m.clientId}
                optional
                className="input--mono"
                value={values.clientId}
                onChange={set('clientId')}
                error={errors.clientId}
                limits={form.limit('clientId')}
                hint={m.clientIdHint}
              />
            </div>
            <div className="form-row">
              <TextField
                label={m.tenantClaim}
                optional
                placeholder="tid"
                className="input--mono"
                value={values.tenantClaim}
                onChange={set('tenantClaim')}
                error={errors.tenantClaim}
                limits={form.limit('tenantClaim')}
                hint={m.tenantClaimHint}
              />
              <TextField
                label={m.tenantClaimValue}
                optional={!values.tenantClaim}
                className="input--mono"
                value={values.tenantClaimValue}
                onChange={set('tenantClaimValue')}
                error={errors.tenantClaimValue}
                limits={form.limit('tenantClaimValue')}
                hint={m.tenantClaimValueHint}
              />
            </div>
            <TextField
              label={m.rolesClaim}
              optional
              placeholder="roles"
              className="input--mono"
              value={values.rolesClaim}
              onChange={set('rolesClaim')}
              error={errors.rolesClaim}
              limits={form.limit('rolesClaim')}
              hint={m.rolesClaimHint}
            />
            <fieldset
              className="choice-group"
              aria-invalid={errors.roleMapping ? true : undefined}
              aria-describedby={errors.roleMapping ? 'role-mapping-error' : undefined}
            >
              <legend className="label">{m.mapping}</legend>
              <p className="hint">{m.mappingHint}</p>
              {values.mappings.map((mapping, index) => (
                <div className="mapping-row" key={mapping.key}>
                  <TextField
                    label={m.claimValue(index + 1)}
                    className="input--mono"
                    value={mapping.claim}
                    limits={claimLimit === undefined ? undefined : { maxLength: claimLimit }}
                    onChange={(e) => {
                      setValues((v) => ({
                        ...v,
                        mappings: v.mappings.map((other) =>
                          other.key === mapping.key ? { ...other, claim: e.target.value } : other,
                        ),
                      }));
                      form.clear('roleMapping');
                    }}
                  />
                  <SelectField
                    label={m.roleFor(index + 1)}
                    value={mapping.role}
                    onChange={(e) =>
                      setValues((v) => ({
                        ...v,
                        mappings: v.mappings.map((other) =>
                          other.key === mapping.key ? { ...other, role: e.target.value as Role } : other,
                        ),
                      }))
                    }
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {roleInfo[role].label}
                      </option>
                    ))}
                  </SelectField>
                  <IconButton
                    label={m.removeMapping(index + 1)}
                    onClick={() =>
                      setValues((v) => ({
                        ...v,
                        mappings: v.mappings.filter((other) => other.key !== mapping.key),
                      }))
                    }
                  >
                    <X aria-hidden="true" />
                  </IconButton>
                </div>
              ))}
              {errors.roleMapping ? (
                <FieldError id="role-mapping-error">{errors.roleMapping}</FieldError>
              ) : null}
              <div>
                <Button
                  size="sm"
                  icon={<Plus aria-hidden="true" />}
                  onClick={() => {
                    setValues((v) => ({
                      ...v,
                      mappings: [
                        ...v.mappings,
                        { key: nextKey, claim: '', role: roles[roles.length - 1] ?? 'viewer' },
                      ],
                    }));
                    setNextKey((k) => k + 1);
                  }}
                >
                  {m.addMapping}
                </Button>
              </div>
            </fieldset>
            <SelectField
              label={m.defaultRole}
              value={values.defaultRole}
              onChange={(e) => setValues((v) => ({ ...v, defaultRole: e.target.value as Role | '' }))}
              error={errors.defaultRole}
            >
              <option value="">{m.noDefault}</option>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleInfo[role].label}
                </option>
              ))}
            </SelectField>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {m.submit}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
