import type { ReactNode } from 'react';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { recordingWords } from '../detail.shared';
import type { Analysis } from './analysis.api';
import { analysisMessages } from './analysis.messages';
import { EvidenceButton, type Jump } from './Evidence';
import { InsightsView } from './InsightsView';
import { ProvenanceView } from './ProvenanceView';
import { SentimentView } from './SentimentView';
import { formatMoment } from '../detail.shared';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="analysis__section" aria-labelledby={id}>
      <h3 className="analysis__heading" id={id}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Everything the analysis found, section by section; each quote and moment jumps to the call. */
export function AnalysisFindings({
  analysis,
  names,
  onJump,
}: {
  readonly analysis: Analysis;
  readonly names: ReadonlyMap<string, string>;
  readonly onJump: Jump;
}) {
  const m = useMessages(analysisMessages);
  const words = useMessages(recordingWords);
  const quote = (e: Analysis['intentHits'][number]['evidence']) => (
    <EvidenceButton
      startMs={e.startMs}
      segmentId={e.segmentId}
      speaker={e.speaker}
      quote={e.quote}
      names={names}
      onJump={onJump}
    />
  );
  const { summary } = analysis;
  return (
    <div className="analysis">
      <Section id="analysis-summary" title={m.summary}>
        {summary.abstractive ? <p className="analysis__summary">{summary.abstractive}</p> : null}
        {summary.sentences.length > 0 ? (
          <>
            {summary.abstractive ? <p className="subtle">{m.summaryKinds.extractive}</p> : null}
            <ul className="analysis__evidence">
              {summary.sentences.map((s, i) => (
                <li key={i}>{quote(s)}</li>
              ))}
            </ul>
          </>
        ) : !summary.abstractive ? (
          <p className="subtle">{summary.text || m.noSummary}</p>
        ) : null}
      </Section>

      <Section id="analysis-actions" title={m.actionItems}>
        {analysis.actionItems.length === 0 ? (
          <p className="subtle">{m.noActionItems}</p>
        ) : (
          <ul className="analysis__items">
            {analysis.actionItems.map((item, i) => (
              <li key={i}>
                <p className="analysis__item-title">{item.action}</p>
                <p className="subtle">
                  {m.owner(names.get(item.owner) ?? words.roles[item.ownerRole])}
                  {item.due ? ` · ${m.due(item.due)}` : ''}
                </p>
                {quote(item.evidence)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="analysis-sentiment" title={m.sentiment}>
        <SentimentView sentiment={analysis.sentiment} names={names} />
      </Section>

      <Section id="analysis-intents" title={m.intents}>
        {analysis.intentHits.length === 0 ? (
          <p className="subtle">{m.noIntents}</p>
        ) : (
          <ul className="analysis__items">
            {analysis.intentHits.map((hit, i) => (
              <li key={i}>
                <Badge tone="brand">{m.intentKinds[hit.kind]}</Badge>
                {quote(hit.evidence)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="analysis-topics" title={m.topics}>
        {analysis.topicMatches.length === 0 ? (
          <p className="subtle">{m.noTopics}</p>
        ) : (
          <ul className="analysis__items">
            {analysis.topicMatches.map((topic) => (
              <li key={topic.topicId}>
                <span>
                  <span className="analysis__item-title">{topic.name}</span>{' '}
                  <span className="subtle">· {m.matches(topic.matches)}</span>
                </span>
                {topic.evidence[0] ? quote(topic.evidence[0]) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="analysis-categories" title={m.categories}>
        {analysis.categoryMatches.length === 0 ? (
          <p className="subtle">{m.noCategories}</p>
        ) : (
          <ul className="analysis__items">
            {analysis.categoryMatches.map((category) => (
              <li key={category.categoryId}>
                <span className="analysis__item-title">{category.name}</span>
                <span className="chips">
                  {category.points.map((point, i) => (
                    <button
                      key={i}
                      type="button"
                      className="evidence evidence--chip"
                      onClick={() => onJump(point.startMs, point.segmentId)}
                      aria-label={m.jumpTo(
                        formatMoment(point.startMs),
                        `${category.name} (${point.condition})`,
                      )}
                      title={point.condition}
                    >
                      <span className="mono">{formatMoment(point.startMs)}</span>
                    </button>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
        {analysis.trackers.length > 0 ? (
          <>
            <h4 className="analysis__subheading">{m.trackers}</h4>
            <ul className="analysis__items">
              {analysis.trackers.map((hit, i) => (
                <li key={i}>
                  <span className="analysis__item-title">{hit.trackerName}</span>
                  {quote(hit.evidence)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="analysis-entities" title={m.entities}>
        {analysis.entities.length === 0 ? (
          <p className="subtle">{m.noEntities}</p>
        ) : (
          <ul className="chips analysis__chips">
            {analysis.entities.map((entity, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="evidence evidence--chip"
                  onClick={() => onJump(entity.evidence.startMs, entity.evidence.segmentId)}
                  aria-label={m.jumpTo(
                    formatMoment(entity.evidence.startMs),
                    `${entity.type}: ${entity.text}`,
                  )}
                >
                  <span className="subtle">{words.entity(entity.type)}</span> {entity.text}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {analysis.insights ? (
        <Section id="analysis-insights" title={m.insights}>
          <InsightsView insights={analysis.insights} />
        </Section>
      ) : null}

      <ProvenanceView analysis={analysis} />
    </div>
  );
}
