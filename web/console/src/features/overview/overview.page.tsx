import { useQuery } from '@tanstack/react-query';
import { Link, type LinkProps } from '@tanstack/react-router';
import {
  ArrowRight,
  Cable,
  CircleCheck,
  Clock,
  KeyRound,
  MailExclamationPoint,
  PhoneCall,
  PhoneIncoming,
  PhoneOff,
  ScrollText,
  ShieldAlert,
  ShieldCheck,
  UserRoundCheck,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { formatDuration, formatNumber, formatRatio } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { roleLabel } from '@/kit/roles';
import { useCan, useMe } from '@/kit/session';
import { useNow } from '@/kit/useNow';
import { deadLetterMessages } from '../admin/dead-letters/dead-letters.messages';
import { quarantineMessages } from '../calls/quarantine/quarantine.messages';
import { overviewMessages } from './overview.messages';
import { todayOf, todayWindow } from './today';
import './overview.css';

type Messages = (typeof overviewMessages)['en'];

function greeting(hour: number, m: Messages['greeting']): string {
  if (hour < 5) return m.night;
  if (hour < 12) return m.morning;
  if (hour < 18) return m.afternoon;
  return m.evening;
}

/** "Olivia Martens" -> "Olivia"; without a name, "olivia.owner@acme.test" -> "Olivia". */
export function firstNameOf(displayName: string | null, email: string): string {
  const word = (displayName ?? email).split(/[\s@._-]/)[0] ?? '';
  return displayName ? word : word.charAt(0).toUpperCase() + word.slice(1);
}

export function OverviewPage() {
  const m = useMessages(overviewMessages);
  const me = useMe();
  const can = {
    calls: useCan('calls:read'),
    quarantine: useCan('quarantine:manage'),
    settings: useCan('settings:read'),
    tenant: useCan('tenant:read'),
    users: useCan('users:read'),
    keys: useCan('api_keys:read'),
    providers: useCan('identity_providers:read'),
    audit: useCan('audit:read'),
    bus: useCan('bus:admin'),
  };
  const tenant = useQuery({
    queryKey: ['tenant'],
    queryFn: () => unwrap(api.GET('/api/v1/tenant')),
    enabled: can.tenant,
  });
  const firstName = firstNameOf(me?.user?.displayName ?? null, me?.user?.email ?? '');
  const hello = greeting(new Date().getHours(), m.greeting);
  const anyAttention = can.quarantine || can.bus || can.settings;
  const anyAdmin = can.users || can.keys || can.providers || can.audit;

  return (
    <div className="stack">
      <PageHeader
        eyebrow={tenant.data?.name}
        title={firstName ? m.greetingName(hello, firstName) : hello}
        description={can.calls || anyAttention ? m.description : m.descriptionPlain}
      />
      {can.calls ? <TodaySection m={m} /> : null}
      {anyAttention ? <AttentionSection m={m} can={can} /> : null}
      {anyAdmin ? <OrganisationSection m={m} can={can} /> : null}
      <Panel title={m.access.title} labelledBy="access-heading">
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
                <ShieldCheck aria-hidden="true" className="inline-icon" /> {m.access.mfaOn}
              </>
            ) : (
              <>
                {m.access.mfaOff} <Link to="/account">{m.access.turnOn}</Link>.
              </>
            )}
          </p>
        </div>
      </Panel>
    </div>
  );
}

/* ---------- today ---------- */

interface FigureProps {
  readonly icon: LucideIcon;
  readonly label: string;
  readonly value: string;
  readonly hint: string;
  readonly loading: boolean;
}

function Figure({ icon: Icon, label, value, hint, loading }: FigureProps) {
  return (
    <li className="figure">
      <span className="figure__label">
        <Icon aria-hidden="true" />
        {label}
      </span>
      <span className="figure__value">
        {loading ? <span className="skeleton" style={{ width: 72, height: 26 }} /> : value}
      </span>
      <span className="figure__hint">
        {loading ? <span className="skeleton" style={{ width: '80%' }} /> : hint}
      </span>
    </li>
  );
}

function TodaySection({ m }: { m: Messages }) {
  const now = useNow();
  const window = todayWindow(now);
  const stats = useQuery({
    queryKey: ['calls', 'stats', 'overview-today', window.from],
    queryFn: () =>
      unwrap(api.GET('/api/v1/calls/stats', { params: { query: { ...window, interval: 'day' } } })),
    refetchInterval: 60_000,
  });
  const today = stats.data ? todayOf(stats.data, now) : undefined;
  // Nothing today: is that a quiet day, or has no phone system sent anything yet?
  const anyCall = useQuery({
    queryKey: ['calls', 'any'],
    queryFn: () => unwrap(api.GET('/api/v1/calls', { params: { query: { limit: 1 } } })),
    enabled: stats.isSuccess && !today,
  });
  const loading = stats.isPending;
  const t = m.today;

  if (anyCall.data?.items.length === 0) {
    return (
      <Panel title={t.title} labelledBy="today-heading">
        <div className="coming">
          <span className="coming__icon" aria-hidden="true">
            <PhoneCall />
          </span>
          <div className="stack stack--sm">
            <p>
              <strong>{t.noRecords}.</strong> {t.noRecordsText}
            </p>
            <p>
              <Link to="/admin/connectors">{t.noRecordsAction}</Link>
            </p>
          </div>
        </div>
      </Panel>
    );
  }

  const calls = today?.calls ?? 0;
  return (
    <section aria-labelledby="today-heading" className="stack stack--sm">
      <div className="section-head">
        <h2 id="today-heading" className="section-title">
          {t.title}
        </h2>
        {stats.data ? <span className="subtle">{t.since(stats.data.timeZone)}</span> : null}
      </div>
      {stats.isError ? (
        <Panel>
          <div className="cluster">
            <p>{t.failed}</p>
            <Button size="sm" onClick={() => void stats.refetch()}>
              {t.retry}
            </Button>
          </div>
        </Panel>
      ) : (
        <ul className="figures">
          <Figure
            icon={PhoneCall}
            label={t.calls}
            value={formatNumber(calls)}
            hint={t.callsHint}
            loading={loading}
          />
          <Figure
            icon={PhoneIncoming}
            label={t.answered}
            value={formatNumber(today?.answered ?? 0)}
            hint={calls > 0 ? t.answeredOf(formatRatio(today?.answerSeizureRatio)) : t.callsHint}
            loading={loading}
          />
          <Figure
            icon={PhoneOff}
            label={t.abandonRate}
            value={formatRatio(today?.abandonRate)}
            hint={today && today.inbound > 0 ? t.abandonedCount(formatNumber(today.abandoned)) : t.noInbound}
            loading={loading}
          />
          <Figure
            icon={Clock}
            label={t.averageHandle}
            value={formatDuration(today?.averageHandleSeconds)}
            hint={today && today.answered > 0 ? t.handleHint : t.noAnswered}
            loading={loading}
          />
        </ul>
      )}
      <div className="cluster">
        <Link to="/calls" search={today ? { from: today.start } : {}} className="tile__link">
          {t.openList}
          <ArrowRight aria-hidden="true" />
        </Link>
        <Link to="/calls/dashboard" search={{ range: '24h', interval: 'hour' }} className="tile__link">
          {t.openDashboard}
          <ArrowRight aria-hidden="true" />
        </Link>
      </div>
    </section>
  );
}

/* ---------- needs attention ---------- */

interface Can {
  readonly quarantine: boolean;
  readonly bus: boolean;
  readonly settings: boolean;
  readonly users: boolean;
  readonly keys: boolean;
  readonly providers: boolean;
  readonly audit: boolean;
}

interface Concern {
  readonly key: string;
  readonly icon: LucideIcon;
  readonly title: string;
  readonly text: string;
  readonly to: LinkProps['to'];
  readonly action: string;
  /** How many per reason, each a link to the list filtered by it. */
  readonly breakdown?: readonly {
    readonly label: string;
    readonly count: number;
    readonly link: LinkProps;
  }[];
}

function AttentionSection({ m, can }: { m: Messages; can: Can }) {
  const a = m.attention;
  const q = useMessages(quarantineMessages);
  const d = useMessages(deadLetterMessages);
  // Counts per category: the home page says why things wait, each reason a link to its filtered list.
  // What needs attention is asked again on every visit and each minute: a count cached from a visit a few
  // seconds ago would hide the dead letter that has just arrived.
  const fresh = { refetchOnMount: 'always', refetchInterval: 60_000 } as const;
  const quarantine = useQuery({
    queryKey: ['calls', 'quarantine', 'summary', 'open', undefined],
    queryFn: () =>
      unwrap(api.GET('/api/v1/calls/quarantine/summary', { params: { query: { status: 'open' } } })),
    enabled: can.quarantine,
    ...fresh,
  });
  const deadLetters = useQuery({
    queryKey: ['bus', 'dead-letters', 'summary'],
    queryFn: () => unwrap(api.GET('/api/v1/bus/dead-letters/summary')),
    enabled: can.bus,
    ...fresh,
  });
  const connectors = useQuery({
    queryKey: ['call-connectors'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/connectors')),
    enabled: can.settings,
    ...fresh,
  });
  const teams = useQuery({
    queryKey: ['teams-subscription'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/teams/subscription')),
    enabled: can.settings,
    ...fresh,
  });

  const checks = [
    can.quarantine && quarantine,
    can.bus && deadLetters,
    can.settings && connectors,
    can.settings && teams,
  ].filter((q) => q !== false);
  const loading = checks.some((q) => q.isPending);
  const failed = checks.some((q) => q.isError);

  // A connector is in trouble when it was begun (a secret set) and cannot work yet, or when Teams' Graph subscription fails.
  const broken = (connectors.data?.connectors ?? [])
    .filter((c) => {
      if (c.source === 'teams' && teams.data?.subscription && teams.data.subscription.status !== 'active')
        return true;
      return !c.ready && c.secrets.some((s) => s.set);
    })
    .map((c) => c.name);

  const concerns: Concern[] = [];
  const openQuarantine = quarantine.data?.total ?? 0;
  if (openQuarantine > 0)
    concerns.push({
      key: 'quarantine',
      icon: ShieldAlert,
      title: a.quarantine(formatNumber(openQuarantine), openQuarantine === 1),
      text: a.quarantineText,
      to: '/calls/quarantine',
      action: a.quarantineAction,
      breakdown: quarantine.data?.categories.map(({ category, count }) => ({
        label: q.categories[category],
        count,
        link: { to: '/calls/quarantine', search: { status: 'open', category } },
      })),
    });
  const waiting = deadLetters.data?.total ?? 0;
  if (waiting > 0)
    concerns.push({
      key: 'dead-letters',
      icon: MailExclamationPoint,
      title: a.deadLetters(formatNumber(waiting), waiting === 1),
      text: a.deadLettersText,
      to: '/admin/dead-letters',
      action: a.deadLettersAction,
      breakdown: deadLetters.data?.categories.map(({ category, count }) => ({
        label: d.categories[category],
        count,
        link: { to: '/admin/dead-letters', search: { status: 'waiting', category } },
      })),
    });
  if (broken.length > 0)
    concerns.push({
      key: 'connectors',
      icon: Cable,
      title: a.connectors(formatNumber(broken.length), broken.length === 1),
      text: a.connectorsText(broken.join(', ')),
      to: '/admin/connectors',
      action: a.connectorsAction,
    });

  return (
    <section aria-labelledby="attention-heading" className="stack stack--sm">
      <h2 id="attention-heading" className="section-title">
        {a.title}
      </h2>
      {concerns.length > 0 ? (
        <ul className="concerns">
          {concerns.map((c) => (
            <li key={c.key} className="concern">
              <span className="concern__icon" aria-hidden="true">
                <c.icon />
              </span>
              <div className="concern__body">
                <h3>{c.title}</h3>
                <p>{c.text}</p>
                {c.breakdown && c.breakdown.length > 0 ? (
                  <ul className="concern__breakdown" aria-label={a.byReason(c.title)}>
                    {c.breakdown.map((b) => (
                      <li key={b.label}>
                        <Link {...b.link}>{a.reasonCount(b.label, formatNumber(b.count))}</Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <Link to={c.to} className="btn btn--secondary btn--sm">
                {c.action}
              </Link>
            </li>
          ))}
        </ul>
      ) : loading ? (
        <Panel>
          <p className="subtle" role="status">
            {a.loading}
          </p>
        </Panel>
      ) : (
        <Panel>
          <div className="all-clear">
            <CircleCheck aria-hidden="true" />
            <div>
              <h3>{failed ? a.failed : a.allClear}</h3>
              {failed ? null : <p className="subtle">{a.allClearText}</p>}
            </div>
          </div>
        </Panel>
      )}
      {concerns.length > 0 && failed ? <p className="subtle">{a.failed}</p> : null}
    </section>
  );
}

/* ---------- organisation ---------- */

interface TileProps {
  readonly icon: LucideIcon;
  readonly title: string;
  readonly value: ReactNode;
  readonly detail: ReactNode;
  readonly to: LinkProps['to'];
  readonly action: string;
  readonly loading: boolean;
  readonly failed: boolean;
  readonly failedText: string;
}

function Tile({ icon: Icon, title, value, detail, to, action, loading, failed, failedText }: TileProps) {
  return (
    <li className="tile">
      <div className="tile__head">
        <span className="tile__icon" aria-hidden="true">
          <Icon />
        </span>
        <h3>{title}</h3>
      </div>
      <div className="tile__value">
        {loading ? <span className="skeleton" style={{ width: 64, height: 22 }} /> : failed ? '—' : value}
      </div>
      <p className="tile__detail">
        {loading ? <span className="skeleton" style={{ width: '80%' }} /> : failed ? failedText : detail}
      </p>
      <Link to={to} className="tile__link">
        {action}
        <ArrowRight aria-hidden="true" />
      </Link>
    </li>
  );
}

function OrganisationSection({ m, can }: { m: Messages; can: Can }) {
  const o = m.organisation;
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => unwrap(api.GET('/api/v1/users')),
    enabled: can.users,
  });
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => unwrap(api.GET('/api/v1/api-keys')),
    enabled: can.keys,
  });
  const providers = useQuery({
    queryKey: ['identity-providers'],
    queryFn: () => unwrap(api.GET('/api/v1/identity-providers')),
    enabled: can.providers,
  });
  const chain = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/verify')),
    enabled: can.audit,
  });

  const activeUsers = users.data?.items.filter((u) => u.status === 'active' && u.kind === 'employee') ?? [];
  const withoutMfa = activeUsers.filter((u) => !u.mfaEnabled).length;
  const liveKeys =
    keys.data?.items.filter((k) => !k.revokedAt && (!k.expiresAt || new Date(k.expiresAt) > new Date())) ??
    [];
  const providerCount = providers.data?.items.length ?? 0;

  return (
    <section aria-labelledby="setup-heading" className="stack stack--sm">
      <h2 id="setup-heading" className="section-title">
        {o.title}
      </h2>
      <ul className="tiles">
        {can.users ? (
          <Tile
            icon={Users}
            title={o.team}
            loading={users.isPending}
            failed={users.isError}
            failedText={o.failed}
            value={formatNumber(activeUsers.length)}
            detail={withoutMfa > 0 ? o.withoutMfa(formatNumber(withoutMfa)) : o.everyoneMfa}
            to="/admin/users"
            action={o.manageUsers}
          />
        ) : null}
        {can.providers ? (
          <Tile
            icon={UserRoundCheck}
            title={o.sso}
            loading={providers.isPending}
            failed={providers.isError}
            failedText={o.failed}
            value={providerCount ? formatNumber(providerCount) : o.ssoOff}
            detail={providerCount ? providers.data?.items.map((p) => p.name).join(', ') : o.ssoPasswords}
            to="/admin/sign-in-providers"
            action={o.signInProviders}
          />
        ) : null}
        {can.keys ? (
          <Tile
            icon={KeyRound}
            title={o.apiKeys}
            loading={keys.isPending}
            failed={keys.isError}
            failedText={o.failed}
            value={formatNumber(liveKeys.length)}
            detail={liveKeys.length ? o.apiKeysActive : o.apiKeysNone}
            to="/admin/api-keys"
            action={o.manageKeys}
          />
        ) : null}
        {can.audit ? (
          <Tile
            icon={ScrollText}
            title={o.audit}
            loading={chain.isPending}
            failed={chain.isError}
            failedText={o.failed}
            value={
              chain.data ? (
                <Badge tone={chain.data.intact ? 'success' : 'danger'} dot>
                  {chain.data.intact ? o.auditIntact : o.auditBroken}
                </Badge>
              ) : (
                '—'
              )
            }
            detail={chain.data ? o.auditEntries(formatNumber(chain.data.entries)) : ''}
            to="/admin/audit"
            action={o.openAudit}
          />
        ) : null}
      </ul>
    </section>
  );
}
