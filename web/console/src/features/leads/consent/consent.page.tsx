import { useQuery } from '@tanstack/react-query';
import { Plus, ShieldCheck } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, refusedFilters, TimeCell, unlessRefused, type Column } from '@/kit/data-table';
import { TextField } from '@/kit/Field';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { leadsKeys, type Consent } from '../leads.api';
import { outboundWords } from '../leads.messages';
import { consentMessages } from './consent.messages';
import { RecordConsentDialog, WithdrawConsentDialog } from './ConsentDialogs';
import '../leads.css';

const statusTones: Record<Consent['status'], BadgeTone> = {
  in_force: 'success',
  not_yet: 'info',
  withdrawn: 'warning',
  expired: 'neutral',
};

/** A number's consent records (`leads:read`): recorded and withdrawn with `leads:write`. */
export function ConsentPage() {
  const m = useMessages(consentMessages);
  const words = useMessages(outboundWords);
  const [phone, setPhone] = useState('');
  const [region, setRegion] = useState('');
  const [missing, setMissing] = useState<string>();
  const [searched, setSearched] = useState<{ phone: string; region: string }>();
  const [open, setOpen] = useState<{ kind: 'record' } | { kind: 'withdraw'; consent: Consent }>();
  const consents = useQuery({
    queryKey: leadsKeys.consents(searched?.phone ?? '', searched?.region ?? ''),
    enabled: Boolean(searched),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns/consents', {
          params: {
            query: { phone: searched?.phone ?? '', ...(searched?.region ? { region: searched.region } : {}) },
          },
          signal,
        }),
      ),
  });
  const refused = refusedFilters(consents.error, ['phone', 'region'] as const);
  const search = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!phone.trim()) return setMissing(m.search.phoneMissing);
    setMissing(undefined);
    setSearched({ phone: phone.trim(), region: region.trim().toUpperCase() });
  };

  const columns: Column<Consent>[] = [
    {
      id: 'purpose',
      label: m.columns.purpose,
      hideable: false,
      cell: (c) => <span className="mono">{c.purpose}</span>,
    },
    {
      id: 'channel',
      label: m.columns.channel,
      cell: (c) => (
        <span title={c.channel === 'ai_voice' ? m.aiVoiceExplained : undefined}>{m.channels[c.channel]}</span>
      ),
    },
    {
      id: 'status',
      label: m.columns.status,
      cell: (c) => <Badge tone={statusTones[c.status]}>{m.statuses[c.status]}</Badge>,
    },
    { id: 'given', label: m.columns.given, cell: (c) => <TimeCell value={c.givenAt} /> },
    { id: 'source', label: m.columns.source, cell: (c) => m.sources[c.source] },
    {
      id: 'expires',
      label: m.columns.expires,
      cell: (c) => (c.expiresAt ? <TimeCell value={c.expiresAt} /> : m.never),
    },
    {
      id: 'withdrawn',
      label: m.columns.withdrawn,
      cell: (c) =>
        c.withdrawnAt ? (
          <span>
            <TimeCell value={c.withdrawnAt} />{' '}
            <span className="subtle">{c.withdrawnHow ? m.withdrawnAt(m.hows[c.withdrawnHow]) : ''}</span>
          </span>
        ) : (
          words.none
        ),
    },
    {
      id: 'actions',
      label: m.columns.actions,
      hideable: false,
      className: 'cell-actions',
      cell: (c) =>
        c.withdrawnAt ? null : (
          <Can permission="leads:write">
            <Button
              size="sm"
              variant="danger-ghost"
              onClick={() => setOpen({ kind: 'withdraw', consent: c })}
            >
              {m.withdraw}
            </Button>
          </Can>
        ),
    },
  ];
  const record = (
    <Can permission="leads:write">
      <Button
        variant="primary"
        icon={<Plus aria-hidden="true" />}
        onClick={() => setOpen({ kind: 'record' })}
      >
        {m.record}
      </Button>
    </Can>
  );

  return (
    <div className="stack">
      <PageHeader eyebrow={words.eyebrow} title={m.title} description={m.description} actions={record} />
      <Panel flush>
        <form
          className="toolbar list-filters"
          role="search"
          aria-label={m.search.label}
          onSubmit={search}
          noValidate
        >
          <div className="list-filters__row">
            <TextField
              label={m.search.phone}
              hint={m.search.phoneHint}
              inputMode="tel"
              value={phone}
              onChange={(e) => {
                setPhone(e.target.value);
                setMissing(undefined);
              }}
              maxLength={64}
              error={missing ?? refused.phone}
            />
            <TextField
              label={m.search.region}
              value={region}
              onChange={(e) => setRegion(e.target.value)}
              maxLength={2}
              error={refused.region}
            />
            <div className="toolbar__actions list-filters__actions">
              <Button type="submit" variant="primary">
                {m.search.submit}
              </Button>
            </div>
          </div>
        </form>
        {searched ? (
          <DataTable
            caption={m.caption}
            columns={columns}
            rows={consents.data?.consents ?? []}
            rowKey={(c) => c.id}
            muted={(c) => c.status !== 'in_force'}
            query={unlessRefused(consents, refused)}
            loadingLabel={m.loading}
            errorTitle={m.failed}
            empty={
              <EmptyState icon={<ShieldCheck />} title={m.emptyTitle}>
                {m.emptyBody}
              </EmptyState>
            }
          />
        ) : (
          <EmptyState icon={<ShieldCheck />} title={m.start}>
            {m.aiVoiceExplained}
          </EmptyState>
        )}
      </Panel>
      {open?.kind === 'record' ? (
        <RecordConsentDialog
          phone={phone}
          onClose={() => setOpen(undefined)}
          onRecorded={(consent) => {
            setOpen(undefined);
            setPhone(consent.phone);
            setSearched({ phone: consent.phone, region: '' });
          }}
        />
      ) : null}
      {open?.kind === 'withdraw' ? (
        <WithdrawConsentDialog consent={open.consent} onClose={() => setOpen(undefined)} />
      ) : null}
    </div>
  );
}
