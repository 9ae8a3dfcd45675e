import { useQuery } from '@tanstack/react-query';
import { formattingLocale, useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { DateTime } from '@/kit/DateTime';
import { formatNumber } from '@/kit/format';
import type { Analysis } from './analysis.api';
import { analysisApi, analysisHistoryKey } from './analysis.api';
import { analysisMessages } from './analysis.messages';

const usd = (value: number) =>
  new Intl.NumberFormat(formattingLocale(), {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 4,
  }).format(value);

/** Which analyser, model and configuration versions made the analysis, what it cost, and the earlier ones. */
export function ProvenanceView({ analysis }: { readonly analysis: Analysis }) {
  const m = useMessages(analysisMessages);
  const history = useQuery({
    queryKey: analysisHistoryKey(analysis.recordingId),
    queryFn: ({ signal }) => analysisApi.history(analysis.recordingId, signal),
  });
  const made = analysis.provenance.analysis;
  const llm = analysis.provenance.llm;
  const costMicros = made.usage?.costMicros ?? null;
  const cost = llm?.costUsd ?? (costMicros !== null ? costMicros / 1_000_000 : null);
  const earlier = (history.data?.items ?? []).filter((item) => item.id !== analysis.id);
  return (
    <details className="analysis__provenance">
      <summary>{m.provenance}</summary>
      <dl className="kv kv--stacked">
        <dt>{m.analyser}</dt>
        <dd>
          {analysis.analyser} {analysis.analyserVersion}
        </dd>
        {llm || made.model ? (
          <>
            <dt>{m.model}</dt>
            <dd>
              {llm ? `${llm.provider} · ${llm.model}` : made.model}
              {llm || made.promptVersion ? (
                <span className="subtle">
                  {' '}
                  · {m.prompt} {llm?.promptVersion ?? made.promptVersion}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{m.configs}</dt>
        <dd>
          <ul className="analysis__plain-list">
            <li>
              {m.scorecard}: <span className="mono">{analysis.configs.scorecard ?? m.none}</span>
            </li>
            <li>
              {m.categorySet}: <span className="mono">{analysis.configs.categorySet ?? m.none}</span>
            </li>
            <li>
              {m.insightSchema}: <span className="mono">{analysis.configs.insightSchema ?? m.none}</span>
            </li>
          </ul>
        </dd>
        {cost !== null || llm ? (
          <>
            <dt>{m.cost}</dt>
            <dd>
              {cost !== null ? usd(cost) : m.empty}
              {llm ? (
                <span className="subtle">
                  {' '}
                  · {m.tokens(formatNumber(llm.inputTokens), formatNumber(llm.outputTokens))}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{m.took}</dt>
        <dd>{formatNumber(made.timings.totalMs)} ms</dd>
        <dt>{m.reason}</dt>
        <dd>{m.reasons[analysis.reason]}</dd>
        <dt>{m.made}</dt>
        <dd>
          <DateTime value={analysis.createdAt} seconds />
        </dd>
        {earlier.length > 0 ? (
          <>
            <dt>{m.history}</dt>
            <dd>
              <ol className="analysis__plain-list">
                {earlier.map((item) => (
                  <li key={item.id}>
                    <DateTime value={item.createdAt} /> · {m.reasons[item.reason]}
                    {item.grade ? (
                      <>
                        {' '}
                        · <Badge>{m.qa.grade(item.grade)}</Badge>
                      </>
                    ) : null}
                    {item.qaScore !== null ? ` · ${formatNumber(item.qaScore)}` : ''}
                    {item.isCurrent ? ` · ${m.current}` : ''}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}
