import { useQuery } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { providerSignInProblem, type SignInOption } from './provider-sign-in';
import { useMessages } from '@/i18n';
import { authMessages } from './auth.messages';

export interface ProviderButtonsProps {
  /** The organisation's sign-in name as typed so far (normalised); nothing shows while it is empty. */
  readonly tenant: string;
  /** GET /auth/providers?tenant= */
  readonly loadOptions: (tenant: string) => Promise<SignInOption[]>;
  /** Leaves for the provider; rejects (ApiError) when the server will not start the sign-in. */
  readonly onChoose: (option: SignInOption) => Promise<void>;
}

/**
 * "Sign in with <provider>", one button per identity provider the organisation offers for the
 * console. Shown once the organisation is known; an organisation without any shows nothing.
 */
export function ProviderButtons({ tenant, loadOptions, onChoose }: ProviderButtonsProps) {
  const options = useQuery({
    queryKey: ['auth', 'sign-in-options', tenant],
    queryFn: () => loadOptions(tenant),
    enabled: tenant.length > 0,
    staleTime: 60_000,
    retry: false,
  });
  const m = useMessages(authMessages).providers;
  const [leaving, setLeaving] = useState<string>();
  const [problem, setProblem] = useState<{ title: string; message: string }>();
  const items = tenant ? (options.data ?? []) : [];
  if (items.length === 0) return null;

  const choose = async (option: SignInOption) => {
    setProblem(undefined);
    setLeaving(option.id);
    try {
      await onChoose(option);
      // The browser is on its way to the provider: the button stays busy until the page goes.
    } catch (error) {
      setLeaving(undefined);
      setProblem(providerSignInProblem(error, option.name, tenant));
    }
  };

  return (
    <section className="sign-in-providers" aria-label={m.section}>
      <p className="sign-in-providers__divider">
        <span>{m.or}</span>
      </p>
      {problem ? (
        <Alert tone="danger" title={problem.title}>
          {problem.message}
        </Alert>
      ) : null}
      {items.map((option) => (
        <Button
          key={option.id}
          block
          icon={<KeyRound aria-hidden="true" />}
          busy={leaving === option.id}
          disabled={leaving !== undefined}
          onClick={() => void choose(option)}
        >
          {m.signInWith(option.name)}
        </Button>
      ))}
    </section>
  );
}
