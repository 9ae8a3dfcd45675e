import { useQuery } from '@tanstack/react-query';
import { Link, type LinkProps } from '@tanstack/react-router';
import { ArrowRight, KeyRound, MailExclamationPoint, PhoneCall, ScrollText, ShieldCheck, UserRoundCheck, Users, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { api, unwrap } from '@/api/client';
import { Badge } from '@/kit/Badge';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { roleLabel } from '@/kit/roles';
import { useCan, useMe } from '@/kit/session';
import './overview.css';

/** Waiting dead letters counted for the tile; beyond this it says "100+" (the page lists them all). */
const deadLettersCounted = 100;

function greeting(hour: number): string {
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** "Olivia Martens" -> "Olivia"; without a name, "olivia.owner@acme.test" -> "Olivia". */
export function firstNameOf(displayName: string | null, email: string): string {
  const word = (displayName ?? email).split(/[\s@._-]/)[0] ?? '';
  return displayName ? word : word.charAt(0).toUpperCase() + word.slice(1);
}

interface TileProps {
  readonly icon: LucideIcon;
  readonly title: string;
  readonly value: ReactNode;
  readonly detail: ReactNode;
  readonly to: LinkProps['to'];
  readonly action: string;
  readonly loading: boolean;
  readonly failed: boolean;
}

function Tile({ icon: Icon, title, value, detail, to, action, loading, failed }: TileProps) {
  return (
    <li className="tile">
      <div className="tile__head">
        <span className="tile__icon" aria-hidden="true">
          <Icon />
        </span>
        <h3>{title}</h3>
      </div>
      <div className="tile__value">{loading ? <span className="skeleton" style={{ width: 64, height: 22 }} /> : failed ? '—' : value}</div>
      <p className="tile__detail">{loading ? <span className="skeleton" style={{ width: '80%' }} /> : failed ? 'Could not be loaded. Open the page to try again.' : detail}</p>
      <Link to={to} className="tile__link">
        {action}
        <ArrowRight aria-hidden="true" />
      </Link>
    </li>
  );
}

export function OverviewPage() {
  const me = useMe();
  const can = {
    tenant: useCan('tenant:read'),
    users: useCan('users:read'),
    keys: useCan('api_keys:read'),
    providers: useCan('identity_providers:read'),
    audit: useCan('audit:read'),
    bus: useCan('bus:admin'),
  };
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => unwrap(api.GET('/api/v1/tenant')), enabled: can.tenant });
  const users = useQuery({ queryKey: ['users'], queryFn: () => unwrap(api.GET('/api/v1/users')), enabled: can.users });
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/v1/api-keys')), enabled: can.keys });
  const providers = useQuery({ queryKey: ['identity-providers'], queryFn: () => unwrap(api.GET('/api/v1/identity-providers')), enabled: can.providers });
  const chain = useQuery({ queryKey: ['audit', 'verify'], queryFn: () => unwrap(api.GET('/api/v1/audit/verify')), enabled: can.audit });
  const deadLetters = useQuery({
    queryKey: ['bus', 'dead-letters', 'overview'],
    queryFn: () => unwrap(api.GET('/api/v1/bus/dead-letters', { params: { query: { limit: deadLettersCounted } } })),
    enabled: can.bus,
  });

  const firstName = firstNameOf(me?.user?.displayName ?? null, me?.user?.email ?? '');
  const activeUsers = users.data?.items.filter((u) => u.status === 'active' && u.kind === 'employee') ?? [];
  const withoutMfa = activeUsers.filter((u) => !u.mfaEnabled).length;
  const liveKeys = keys.data?.items.filter((k) => !k.revokedAt && (!k.expiresAt || new Date(k.expiresAt) > new Date())) ?? [];
  const waiting = deadLetters.data?.items.length ?? 0;
  const anyAdmin = can.users || can.keys || can.providers || can.audit || can.bus;

  return (
    <div className="stack">
      <PageHeader
        eyebrow={tenant.data?.name}
        title={`${greeting(new Date().getHours())}${firstName ? `, ${firstName}` : ''}`}
        description={anyAdmin ? 'How your organisation is set up, at a glance.' : 'Your workspace in Switchboard.'}
      />

      {anyAdmin ? (
        <section aria-labelledby="setup-heading" className="stack stack--sm">
          <h2 id="setup-heading" className="section-title">
            Organisation
          </h2>
          <ul className="tiles">
            {can.users ? (
              <Tile
                icon={Users}
                title="Team"
                loading={users.isPending}
                failed={users.isError}
                value={formatNumber(activeUsers.length)}
                detail={withoutMfa > 0 ? `${formatNumber(withoutMfa)} without two-step verification` : 'Everyone uses two-step verification'}
                to="/admin/users"
                action="Manage users"
              />
            ) : null}
            {can.providers ? (
              <Tile
                icon={UserRoundCheck}
                title="Single sign-on"
                loading={providers.isPending}
                failed={providers.isError}
                value={providers.data?.items.length ? formatNumber(providers.data.items.length) : 'Off'}
                detail={providers.data?.items.length ? providers.data.items.map((p) => p.name).join(', ') : 'People sign in with a password'}
                to="/admin/sign-in-providers"
                action="Sign-in providers"
              />
            ) : null}
            {can.keys ? (
              <Tile
                icon={KeyRound}
                title="API keys"
                loading={keys.isPending}
                failed={keys.isError}
                value={formatNumber(liveKeys.length)}
                detail={liveKeys.length ? 'Active keys for connectors and scripts' : 'No connector or script has a key yet'}
                to="/admin/api-keys"
                action="Manage keys"
              />
            ) : null}
            {can.audit ? (
              <Tile
                icon={ScrollText}
                title="Audit trail"
                loading={chain.isPending}
                failed={chain.isError}
                value={
                  chain.data ? (
                    chain.data.intact ? (
                      <Badge tone="success" dot>
                        Intact
                      </Badge>
                    ) : (
                      <Badge tone="danger" dot>
                        Broken
                      </Badge>
                    )
                  ) : (
                    '—'
                  )
                }
                detail={chain.data ? `${formatNumber(chain.data.entries)} entries verified` : ''}
                to="/admin/audit"
                action="Open the audit log"
              />
            ) : null}
            {can.bus ? (
              <Tile
                icon={MailExclamationPoint}
                title="Dead letters"
                loading={deadLetters.isPending}
                failed={deadLetters.isError}
                value={
                  waiting === 0 ? (
                    <Badge tone="success" dot>
                      None waiting
                    </Badge>
                  ) : (
                    <Badge tone="warning" dot>
                      {waiting >= deadLettersCounted ? `${formatNumber(deadLettersCounted)}+` : formatNumber(waiting)} {waiting === 1 ? 'needs' : 'need'} attention
                    </Badge>
                  )
                }
                detail={waiting === 0 ? 'Everything accepted was processed' : 'Work a fault on our side stopped: replay it once the cause is fixed'}
                to="/admin/dead-letters"
                action="Open dead letters"
              />
            ) : null}
          </ul>
        </section>
      ) : null}

      <div className="overview-columns">
        <Panel title="Call records and conversations" labelledBy="calls-heading">
          <div className="coming">
            <span className="coming__icon" aria-hidden="true">
              <PhoneCall />
            </span>
            <div className="stack stack--sm">
              <p>
                Calls from your phone systems and contact-centre platforms will be listed and searchable here, with recordings, transcripts and
                quality scores as they are connected.
              </p>
              {can.keys ? (
                <p className="subtle">
                  Connectors send records with an API key that has the <code>calls:ingest</code> scope. <Link to="/admin/api-keys">Create one</Link>.
                </p>
              ) : null}
            </div>
          </div>
        </Panel>
        <Panel title="Your access" labelledBy="access-heading">
          <div className="stack stack--sm">
            <div className="cluster">
              {(me?.user?.roles ?? []).map((role) => (
                <Badge key={role} tone="brand">
                  {roleLabel(role)}
                </Badge>
              ))}
            </div>
            <p className="subtle">
              {me?.user?.mfaEnabled ? (
                <>
                  <ShieldCheck aria-hidden="true" className="inline-icon" /> Two-step verification is on for your account.
                </>
              ) : (
                <>
                  Two-step verification is off for your account. <Link to="/account">Turn it on</Link>.
                </>
              )}
            </p>
          </div>
        </Panel>
      </div>
    </div>
  );
}
