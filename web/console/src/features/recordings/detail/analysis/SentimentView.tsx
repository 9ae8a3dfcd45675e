import { useMessages } from '@/i18n';
import { recordingWords } from '../detail.shared';
import type { Analysis, SentimentLabel } from './analysis.api';
import { analysisMessages } from './analysis.messages';
import { SentimentTag } from './Evidence';
import { formatScore } from './moments';

/**
 * One sentiment as a bar growing left (negative) or right (positive) of a middle line, with its
 * icon, word and score beside it: the bar is a picture of the figure, never the only way to read it.
 */
function SentimentBar({ name, label, score }: { name: string; label: SentimentLabel; score: number }) {
  const share = Math.min(Math.abs(score), 1) * 50;
  return (
    <li className="sentiment-row">
      <span className="sentiment-row__name">{name}</span>
      <span className="sentiment-row__track" aria-hidden="true">
        <span
          className={`sentiment-row__bar sentiment-row__bar--${label}`}
          style={score >= 0 ? { left: '50%', width: `${share}%` } : { right: '50%', width: `${share}%` }}
        />
      </span>
      <SentimentTag label={label} score={formatScore(score)} />
    </li>
  );
}

export function SentimentView({
  sentiment,
  names,
}: {
  readonly sentiment: Analysis['sentiment'];
  readonly names: ReadonlyMap<string, string>;
}) {
  const m = useMessages(analysisMessages);
  const words = useMessages(recordingWords);
  const nameOf = (speaker: string, role: keyof typeof words.roles) => names.get(speaker) ?? words.roles[role];
  return (
    <div className="stack stack--sm">
      <ul className="sentiment-rows" aria-label={m.overall}>
        <SentimentBar name={m.overall} label={sentiment.overall.label} score={sentiment.overall.score} />
      </ul>
      {sentiment.bySpeaker.length > 0 ? (
        <>
          <h4 className="analysis__subheading">{m.bySpeaker}</h4>
          <ul className="sentiment-rows">
            {sentiment.bySpeaker.map((s) => (
              <SentimentBar
                key={s.speaker}
                name={nameOf(s.speaker, s.role)}
                label={s.label}
                score={s.score}
              />
            ))}
          </ul>
        </>
      ) : null}
      {sentiment.byQuarter.length > 0 ? (
        <>
          <h4 className="analysis__subheading">{m.byQuarter}</h4>
          <ul className="sentiment-rows">
            {sentiment.byQuarter.map((q) =>
              q.overall ? (
                <SentimentBar
                  key={q.quarter}
                  name={m.quarterLong(q.quarter)}
                  label={q.overall.label}
                  score={q.overall.score}
                />
              ) : (
                <li key={q.quarter} className="sentiment-row">
                  <span className="sentiment-row__name">{m.quarterLong(q.quarter)}</span>
                  <span className="sentiment-row__track" aria-hidden="true" />
                  <span className="subtle">{m.noSentiment}</span>
                </li>
              ),
            )}
          </ul>
        </>
      ) : null}
    </div>
  );
}
