import { useQuery } from '@tanstack/react-query';
import { useMessages } from '@/i18n';
import { formatNumber } from '@/kit/format';
import type { Analysis, InsightField } from './analysis.api';
import { analysisApi } from './analysis.api';
import { analysisMessages } from './analysis.messages';

type Insights = NonNullable<Analysis['insights']>;

/** A value as its field's type says: yes/no, a number, a list, the enum's word; anything else as text. */
function Value({ field, value }: { field: InsightField | undefined; value: unknown }) {
  const m = useMessages(analysisMessages);
  if (value === null || value === undefined || value === '') return <span className="subtle">{m.empty}</span>;
  if (typeof value === 'boolean') return <>{value ? m.yes : m.no}</>;
  if (typeof value === 'number') return <>{formatNumber(value)}</>;
  if (Array.isArray(value))
    return value.length === 0 ? (
      <span className="subtle">{m.empty}</span>
    ) : (
      <ul className="chips analysis__chips">
        {value.map((item, i) => (
          <li key={i} className="badge">
            {typeof item === 'string' ? item : JSON.stringify(item)}
          </li>
        ))}
      </ul>
    );
  if (typeof value === 'string')
    return field?.type === 'enum' ? <span className="badge">{value}</span> : <>{value}</>;
  return <span className="mono">{JSON.stringify(value)}</span>;
}

/**
 * The tenant's insights, shown by the fields of the schema version they were made with (its order,
 * its descriptions as tooltips); without that version (no access, deleted) by the values' own keys.
 */
export function InsightsView({ insights }: { readonly insights: Insights }) {
  const m = useMessages(analysisMessages);
  const schema = useQuery({
    queryKey: ['conversations', 'insight-schemas', insights.schemaId, insights.schemaVersion],
    queryFn: ({ signal }) => analysisApi.insightSchema(insights.schemaId, insights.schemaVersion, signal),
    staleTime: Infinity,
    retry: false,
  });
  const values = insights.values ?? {};
  const fields = schema.data?.body.fields ?? [];
  const known = new Set(fields.map((f) => f.name));
  const rows: { name: string; field: InsightField | undefined }[] = [
    ...fields.map((field) => ({ name: field.name, field })),
    ...Object.keys(values)
      .filter((name) => !known.has(name))
      .map((name) => ({ name, field: undefined })),
  ];
  return (
    <div className="stack stack--sm">
      {!insights.valid && insights.problems.length > 0 ? (
        <div className="subtle">
          {m.insightsInvalid}
          <ul>
            {insights.problems.map((p) => (
              <li key={`${p.field}-${p.message}`}>
                <span className="mono">{p.field}</span>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {insights.values === null || rows.length === 0 ? (
        <p className="subtle">{m.noInsights}</p>
      ) : (
        <dl className="kv analysis__kv">
          {rows.map(({ name, field }) => (
            <div key={name} className="analysis__kv-row">
              <dt title={field?.description || undefined}>{name}</dt>
              <dd>
                <Value field={field} value={values[name]} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
