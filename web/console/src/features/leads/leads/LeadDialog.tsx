import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError, SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { Can } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { leadName, leadStatuses, leadsKeys, type LeadDetail, type LeadStatus } from '../leads.api';
import { leadsMessages, outboundWords } from '../leads.messages';

/** One lead, unsealed: its fields, custom fields and status history (`GET /campaigns/leads/{id}`). */
export function LeadDialog({ leadId, onClose }: { leadId: string; onClose: () => void }) {
  const m = useMessages(leadsMessages).detail;
  const lead = useQuery({
    queryKey: leadsKeys.lead(leadId),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/leads/{leadId}', { params: { path: { leadId } } })),
  });
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={lead.data?.phone ?? m.title}
      description={<span className="mono">{leadId}</span>}
      wide
    >
      <ModalBody>
        {lead.isPending ? <LoadingBlock label={m.loading} /> : null}
        {lead.isError ? (
          <ErrorState error={lead.error} title={m.failed} onRetry={() => void lead.refetch()} />
        ) : null}
        {lead.data ? (
          <div className="stack">
            <LeadFacts lead={lead.data} />
            <Can permission="leads:write">
              <StatusChange lead={lead.data} />
            </Can>
          </div>
        ) : null}
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>{m.close}</Button>
      </ModalFooter>
    </Modal>
  );
}

function LeadFacts({ lead }: { lead: LeadDetail }) {
  const m = useMessages(leadsMessages).detail;
  const words = useMessages(outboundWords);
  const address = [
    ...lead.address.lines,
    [lead.address.postalCode, lead.address.city].filter(Boolean).join(' '),
    lead.address.state ?? lead.address.province,
    lead.address.country,
  ].filter((part): part is string => Boolean(part));
  const custom = Object.entries(lead.customFields);
  return (
    <div className="stack stack--sm">
      <dl className="kv">
        <dt>{m.name}</dt>
        <dd>{leadName(lead) ?? words.none}</dd>
        <dt>{m.email}</dt>
        <dd>{lead.email ?? words.none}</dd>
        <dt>{m.externalId}</dt>
        <dd className="mono">{lead.externalId ?? words.none}</dd>
        <dt>{m.address}</dt>
        <dd>{address.length ? address.join(', ') : words.none}</dd>
        <dt>{m.region}</dt>
        <dd>{[lead.region, lead.subdivision].filter(Boolean).join(' · ') || words.none}</dd>
        <dt>{m.timeZone}</dt>
        <dd>
          {lead.timeZone ?? (lead.timeZoneCandidates.length ? words.none : m.noZone)}
          {lead.timeZoneSource ? (
            <span className="subtle">
              {' '}
              ({m.zoneSource} {m.zoneSources[lead.timeZoneSource]})
            </span>
          ) : null}
        </dd>
        {lead.timeZoneCandidates.length > 1 ? (
          <>
            <dt>{m.candidates}</dt>
            <dd>{lead.timeZoneCandidates.join(', ')}</dd>
          </>
        ) : null}
        <dt>{m.source}</dt>
        <dd>
          {lead.importId ? <span className="mono">{lead.importId}</span> : words.none}
          {lead.sourceRow !== null ? <span className="subtle"> · {m.sourceRow(lead.sourceRow)}</span> : null}
        </dd>
      </dl>
      <h3 className="leads-section-title">{m.custom}</h3>
      {custom.length ? (
        <dl className="kv">
          {custom.map(([key, value]) => (
            <div key={key} className="leads-kv-pair">
              <dt className="mono">{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="subtle">{m.noCustom}</p>
      )}
      <h3 className="leads-section-title">{m.history}</h3>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{m.historyCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.when}</th>
              <th scope="col">{m.change}</th>
              <th scope="col">{m.by}</th>
              <th scope="col">{m.reason}</th>
            </tr>
          </thead>
          <tbody>
            {lead.statusHistory.map((change) => (
              <tr key={`${change.at}-${change.to}`}>
                <td>
                  <DateTime value={change.at} />
                </td>
                <td>
                  {change.from ? `${words.status[change.from]} → ` : ''}
                  <Badge>{words.status[change.to]}</Badge>
                </td>
                <td className="mono">{change.actor}</td>
                <td>{change.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

type StatusField = 'status' | 'note';
const statusFields: readonly StatusField[] = ['status', 'note'];

/**
 * A status change by hand (`leads:write`). The server decides which changes a status allows; its
 * 409 names them on the status field. On success the answer is the lead with its new history row.
 */
function StatusChange({ lead }: { lead: LeadDetail }) {
  const m = useMessages(leadsMessages).detail.statusChange;
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const form = useForm(statusFields, 'POST /api/v1/campaigns/leads/{leadId}/status');
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const [note, setNote] = useState('');
  const change = useMutation({
    mutationFn: (to: LeadStatus) =>
      unwrap(
        api.POST('/api/v1/campaigns/leads/{leadId}/status', {
          params: { path: { leadId: lead.id } },
          body: { status: to, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: (changed) => {
      queryClient.setQueryData(leadsKeys.lead(lead.id), changed);
      void queryClient.invalidateQueries({ queryKey: ['leads', 'leads'] });
      toast.success(m.changed(words.status[changed.status]));
      setStatus('');
      setNote('');
      form.reset();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ note: note.trim() }, { status: status ? undefined : m.statusMissing }) && status)
      change.mutate(status);
  };
  // do_not_call is final (the API's rule): there is nothing to offer.
  if (lead.status === 'do_not_call') return <p className="subtle">{m.final}</p>;
  return (
    <form
      id={form.id}
      className="stack stack--sm"
      onSubmit={submit}
      noValidate
      aria-labelledby="lead-status-title"
    >
      <h3 id="lead-status-title" className="leads-section-title">
        {m.title}
      </h3>
      <p className="subtle">{m.hint}</p>
      <FormError message={form.formError} />
      <SelectField
        label={m.status}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as LeadStatus | '');
          form.clear('status');
        }}
        error={form.errors.status}
      >
        <option value="">{m.pick}</option>
        {leadStatuses
          .filter((s) => s !== lead.status)
          .map((s) => (
            <option key={s} value={s}>
              {words.status[s]}
            </option>
          ))}
      </SelectField>
      <TextField
        label={m.note}
        hint={m.noteHint}
        optional
        value={note}
        onChange={(e) => {
          setNote(e.target.value);
          form.clear('note');
        }}
        error={form.errors.note}
        limits={form.limit('note')}
      />
      <div>
        <Button type="submit" variant="primary" busy={change.isPending}>
          {m.submit}
        </Button>
      </div>
    </form>
  );
}
