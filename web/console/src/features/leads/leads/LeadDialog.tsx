import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { leadName, leadsKeys, type LeadDetail } from '../leads.api';
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
        {lead.data ? <LeadFacts lead={lead.data} /> : null}
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
