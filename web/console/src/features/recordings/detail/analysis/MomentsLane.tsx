import { useMessages } from '@/i18n';
import { formatMoment } from '../detail.shared';
import { place } from '../timeline';
import { analysisMessages } from './analysis.messages';
import './analysis.css';
import type { Moment } from './moments';

/**
 * The analysis's hits under the timeline's lanes, each a button at its moment (a shape and colour
 * per kind, its kind, name and time as its label): a click or Enter plays from there and shows
 * the transcript line. Outside the timeline's slider, so each is its own tab stop.
 */
export function MomentsLane({
  moments,
  durationMs,
  onMoment,
}: {
  readonly moments: readonly Moment[];
  readonly durationMs: number;
  readonly onMoment: (moment: Moment) => void;
}) {
  const m = useMessages(analysisMessages);
  const nameOf = (moment: Moment) =>
    moment.kind === 'intent' && moment.name in m.intentKinds
      ? m.intentKinds[moment.name as keyof typeof m.intentKinds]
      : moment.name;
  return (
    <div className="recording-timeline__grid">
      <span className="recording-timeline__label" aria-hidden="true">
        {m.title}
      </span>
      <ul className="recording-timeline__moments" aria-label={m.moments}>
        {moments.map((moment, i) => {
          const label = m.momentLabel(
            m.momentKinds[moment.kind],
            nameOf(moment),
            formatMoment(moment.startMs),
          );
          return (
            <li
              key={i}
              className={`recording-timeline__moment-at--${moment.kind}`}
              style={{ left: place(moment, durationMs).left }}
            >
              <button
                type="button"
                className={`recording-timeline__moment recording-timeline__moment--${moment.kind}`}
                aria-label={label}
                title={moment.quote ? `${label} · “${moment.quote}”` : label}
                onClick={() => onMoment(moment)}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The moments' entries in the timeline's key: a swatch per kind present. */
export function MomentsKey({ moments }: { readonly moments: readonly Moment[] }) {
  const m = useMessages(analysisMessages);
  return [...new Set(moments.map((moment) => moment.kind))].map((kind) => (
    <span key={kind}>
      <i className={`recording-timeline__swatch recording-timeline__moment--${kind}`} />
      {m.momentKinds[kind]}
    </span>
  ));
}
