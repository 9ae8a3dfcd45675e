import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { formatDate } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import {
  customerKeys,
  customersApi,
  type Consent,
  type Customer,
  type CustomerAddress,
} from '../customers.api';
import { customersMessages } from '../customers.messages';
import { MaskedValue } from '../MaskedValue';
import { maskName } from '../masking';
import { CustomerStatusBadge } from '../StatusBadge';
import { useRestrictedFields } from '../useRestricted';
import { CustomerTimeline } from './CustomerTimeline';
import { EditProfileDialog } from './EditProfileDialog';
import '../customers.css';

const route = getRouteApi('/console/customers/$customerId');

export function CustomerPage() {
  const { customerId } = route.useParams();
  const m = useMessages(customersMessages);
  const customer = useQuery({
    queryKey: customerKeys.one(customerId),
    queryFn: ({ signal }) => customersApi.get(customerId, signal),
  });
  if (customer.isPending)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.eyebrow} title={m.list.title} />
        <LoadingBlock label={m.detail.loading} />
      </div>
    );
  if (customer.isError)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.eyebrow} title={m.list.title} />
        <ErrorState title={m.detail.failed} error={customer.error} onRetry={() => void customer.refetch()} />
      </div>
    );
  return <CustomerView customer={customer.data} />;
}

function CustomerView({ customer }: { customer: Customer }) {
  const m = useMessages(customersMessages);
  const d = m.detail;
  const queryClient = useQueryClient();
  const restricted = useRestrictedFields();
  const canWrite = useCan('customers:write');
  const canRequest = useCan('privacy:requests');
  const [editing, setEditing] = useState(false);
  const isRestricted = (field: 'name' | 'email' | 'phone' | 'language') => restricted.includes(field);
  const anonymised = customer.status === 'anonymised';

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.list.title}
        title={customer.name === null ? '—' : isRestricted('name') ? maskName(customer.name) : customer.name}
        description={
          <>
            <CustomerStatusBadge status={customer.status} />{' '}
            {customer.restricted ? <Badge tone="warning">{d.restricted}</Badge> : null}{' '}
            <span className="mono subtle">{customer.id}</span>
          </>
        }
        actions={
          <div className="cluster">
            {canWrite && !anonymised ? (
              <Button variant="primary" onClick={() => setEditing(true)}>
                {d.edit}
              </Button>
            ) : null}
            {canRequest ? (
              <Link
                to="/privacy/requests"
                search={{ customerId: customer.id }}
                className="btn btn--secondary"
              >
                {d.request}
              </Link>
            ) : null}
          </div>
        }
      />
      {anonymised ? <Alert tone="info">{d.anonymised}</Alert> : null}
      {customer.restricted ? <Alert tone="warning">{d.restrictedText}</Alert> : null}
      <div className="customers-grid">
        <Panel title={d.profile} labelledBy="customer-profile">
          <dl className="kv">
            {(['name', 'email', 'phone', 'language'] as const).map((field) => (
              <div key={field} className="kv__row">
                <dt>{m.fields[field]}</dt>
                <dd>
                  <MaskedValue field={field} value={customer[field]} restricted={isRestricted(field)} />
                </dd>
              </div>
            ))}
            <div className="kv__row">
              <dt>{d.customerSince}</dt>
              <dd>
                <DateTime value={customer.createdAt} />
              </dd>
            </div>
            <div className="kv__row">
              <dt>{d.lastActivity}</dt>
              <dd>
                {customer.lastActivityAt ? <DateTime value={customer.lastActivityAt} relative /> : d.none}
              </dd>
            </div>
            <div className="kv__row">
              <dt>{d.portalAccount}</dt>
              <dd className="mono">{customer.userId ?? d.none}</dd>
            </div>
          </dl>
          {restricted.length > 0 ? <p className="hint">{m.mask.restrictedHint}</p> : null}
        </Panel>
        <Addresses customerId={customer.id} />
      </div>
      <Consents customerId={customer.id} />
      <CustomerTimeline customerId={customer.id} />
      {editing ? (
        <EditProfileDialog
          customer={customer}
          onClose={() => setEditing(false)}
          onStale={() => void queryClient.invalidateQueries({ queryKey: customerKeys.one(customer.id) })}
          onSaved={(saved) => {
            queryClient.setQueryData(customerKeys.one(customer.id), saved);
            void queryClient.invalidateQueries({ queryKey: customerKeys.timeline(customer.id) });
            toast.success(m.edit.saved);
            setEditing(false);
          }}
        />
      ) : null}
    </div>
  );
}

function Addresses({ customerId }: { customerId: string }) {
  const m = useMessages(customersMessages);
  const d = m.detail;
  const addresses = useQuery({
    queryKey: customerKeys.addresses(customerId),
    queryFn: ({ signal }) => customersApi.addresses(customerId, signal),
  });
  return (
    <Panel title={d.addresses} labelledBy="customer-addresses">
      {addresses.isPending ? (
        <LoadingBlock />
      ) : addresses.isError ? (
        <ErrorState error={addresses.error} onRetry={() => void addresses.refetch()} />
      ) : addresses.data.length === 0 ? (
        <p className="subtle">{d.noAddresses}</p>
      ) : (
        <ul className="customers-list">
          {addresses.data.map((address) => (
            <li key={address.id}>
              <AddressBlock address={address} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function AddressBlock({ address }: { address: CustomerAddress }) {
  return (
    <address className="customers-address">
      {address.label ? (
        <span>
          <strong>{address.label}</strong>
        </span>
      ) : null}
      {[
        address.name,
        address.line1,
        address.line2,
        [address.postalCode, address.city].join(' '),
        address.region,
        address.country,
      ]
        .filter(Boolean)
        .map((part, i) => (
          <span key={i}>{part}</span>
        ))}
    </address>
  );
}

function Consents({ customerId }: { customerId: string }) {
  const m = useMessages(customersMessages);
  const d = m.detail;
  const consents = useQuery({
    queryKey: customerKeys.consents(customerId),
    queryFn: ({ signal }) => customersApi.consents(customerId, signal),
  });
  const history = (list: readonly Consent[]) => [...list].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <Panel title={d.consents} labelledBy="customer-consents" flush>
      {consents.isPending ? (
        <div className="panel__body">
          <LoadingBlock />
        </div>
      ) : consents.isError ? (
        <div className="panel__body">
          <ErrorState error={consents.error} onRetry={() => void consents.refetch()} />
        </div>
      ) : consents.data.length === 0 ? (
        <div className="panel__body">
          <p className="subtle">{d.noConsents}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{d.consentsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{d.purpose}</th>
                <th scope="col">{d.decision}</th>
                <th scope="col">{d.when}</th>
                <th scope="col">{d.method}</th>
                <th scope="col">{d.source}</th>
              </tr>
            </thead>
            <tbody>
              {history(consents.data).map((consent) => (
                <tr key={consent.id}>
                  <td>{consent.purpose}</td>
                  <td>
                    {consent.withdrawnAt ? (
                      <Badge tone="warning">{d.withdrawn(formatDate(consent.withdrawnAt))}</Badge>
                    ) : consent.granted ? (
                      <Badge tone="success">{d.granted}</Badge>
                    ) : (
                      <Badge>{d.refused}</Badge>
                    )}
                  </td>
                  <td>
                    <DateTime value={consent.at} />
                  </td>
                  <td>{d.methods[consent.method]}</td>
                  <td>{consent.source ?? d.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
