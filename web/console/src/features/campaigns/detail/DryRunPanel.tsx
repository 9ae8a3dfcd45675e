import { useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { TextField } from '@/kit/Field';
import { formatDateTimeSeconds, formatNumber } from '@/kit/format';
import { Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { campaignsApi, type Campaign, type DryRun } from '../campaigns.api';
import { byReasonOrder, LeadRef, useReasonText } from '../reasons';
import { detailMessages } from './detail.messages';

/** "2026-12-03T09:30" in the reader's zone → an ISO instant; empty or unreadable: now (undefined). */
function instantOf(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** What the dialer would do at an instant: the leads it would dial, and why it would skip the others. */
export function DryRunPanel({ campaign }: { campaign: Campaign }) {
  const m = useMessages(detailMessages).dryRun;
  const [local, setLocal] = useState('');
  // Each run is a new question: the same instant asked twice is evaluated twice (leads change).
  const [asked, setAsked] = useState<{ at: string | undefined; run: number }>({ at: undefined, run: 0 });
  const query = useQuery({
    queryKey: ['campaigns', 'dry-run', campaign.id, asked],
    queryFn: ({ signal }) => campaignsApi.dryRun(campaign.id, { at: asked.at }, signal),
    staleTime: 0,
    gcTime: 0,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setAsked((current) => ({ at: instantOf(local), run: current.run + 1 }));
  };
  return (
    <Panel title={m.title} description={m.description} labelledBy="dry-run-title">
      <div className="stack">
        <form className="form-row" onSubmit={submit} aria-label={m.title}>
          <TextField
            label={m.at}
            hint={m.atHint}
            type="datetime-local"
            value={local}
            onChange={(event) => setLocal(event.target.value)}
          />
          <div>
            <Button type="submit" busy={query.isFetching}>
              {m.run}
            </Button>
          </div>
        </form>
        {query.isPending ? <LoadingBlock label={m.title} /> : null}
        {query.isError ? (
          <ErrorState title={m.runError} error={query.error} onRetry={() => void query.refetch()} />
        ) : null}
        {query.data ? <DryRunResult result={query.data} campaign={campaign} /> : null}
      </div>
    </Panel>
  );
}

export function DryRunResult({ result, campaign }: { result: DryRun; campaign: Campaign }) {
  const m = useMessages(detailMessages).dryRun;
  const reasonText = useReasonText();
  const listName = (listId: string) => campaign.lists.find((l) => l.listId === listId)?.name ?? listId;
  const skipped = byReasonOrder(result.skipped);
  return (
    <div className="stack">
      <p>{m.evaluated(formatNumber(result.evaluated), formatDateTimeSeconds(result.at))}</p>

      <section className="stack stack--sm" aria-labelledby="dry-run-dial">
        <h3 id="dry-run-dial">{m.wouldDial(formatNumber(result.wouldDial.length))}</h3>
        {result.wouldDial.length === 0 ? (
          <p className="subtle">{m.wouldDialNone}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">
                {m.wouldDial(formatNumber(result.wouldDial.length))}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.lead}</th>
                  <th scope="col">{m.list}</th>
                  <th scope="col" className="campaign-num">
                    {m.attempt}
                  </th>
                  <th scope="col">{m.timeZone}</th>
                </tr>
              </thead>
              <tbody>
                {result.wouldDial.map((lead) => (
                  <tr key={lead.leadId}>
                    <td>
                      <LeadRef leadId={lead.leadId} />
                    </td>
                    <td>{listName(lead.listId)}</td>
                    <td className="campaign-num">{formatNumber(lead.attemptNumber)}</td>
                    <td>{lead.timeZone ?? <span className="subtle">{m.everyZone}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack stack--sm" aria-labelledby="dry-run-skipped">
        <h3 id="dry-run-skipped">{m.skipped}</h3>
        {skipped.length === 0 ? (
          <p className="subtle">{m.skippedNone}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{m.skipped}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.reason}</th>
                  <th scope="col" className="campaign-num">
                    {m.count}
                  </th>
                </tr>
              </thead>
              <tbody>
                {skipped.map(([reason, count]) => {
                  const text = reasonText(reason);
                  return (
                    <tr key={reason}>
                      <td>
                        <strong>{text.label}</strong>
                        {text.explanation ? <p className="subtle">{text.explanation}</p> : null}
                      </td>
                      <td className="campaign-num">{formatNumber(count)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {result.examples.length > 0 ? (
        <section className="stack stack--sm" aria-labelledby="dry-run-examples">
          <h3 id="dry-run-examples">{m.examples}</h3>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{m.examples}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.lead}</th>
                  <th scope="col">{m.reason}</th>
                  <th scope="col">{m.detail}</th>
                </tr>
              </thead>
              <tbody>
                {result.examples.map((example, index) => (
                  <tr key={`${example.leadId}-${index}`}>
                    <td>
                      <LeadRef leadId={example.leadId} />
                    </td>
                    <td>{reasonText(example.reason).label}</td>
                    <td>{example.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
