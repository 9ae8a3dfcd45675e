import type { Schema } from '@/api/types';
import { formatDateTime } from '@/kit/format';
import { dispositionLabel, formatDuration, formatDurationWords, partyLabel } from '../calls.format';
import { legTimeline } from './legs-timeline';

type CallRecord = Schema<'CallRecordV1'>;

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * Every leg of the call as a bar on one time axis: hatched while it rang, solid while it talked,
 * grey when nobody answered. Each bar says the same in words for screen readers.
 */
export function LegsTimeline({ record }: { record: CallRecord }) {
  const timeline = legTimeline(record);
  return (
    <div className="stack stack--sm">
      <ol
        className="timeline"
        aria-label={`Legs of the call over ${formatDurationWords(timeline.seconds)}, from ${formatDateTime(timeline.start)}`}
      >
        {record.legs.map((leg, index) => {
          const bar = timeline.legs[index];
          if (!bar) return null;
          const words = bar.timed
            ? `${bar.startsAfterSeconds > 0 ? `starts after ${formatDurationWords(bar.startsAfterSeconds)}, ` : ''}rang ${formatDurationWords(bar.ringSeconds)}${bar.answered ? `, talked ${formatDurationWords(bar.talkSeconds)}` : ', not answered'}`
            : 'no times reported';
          return (
            <li key={`${leg.legId}-${index}`} className="timeline__leg">
              <div className="timeline__label">
                <span
                  className="cell-primary calls-cell-text"
                  title={`${partyLabel(leg.from)} → ${partyLabel(leg.to)}`}
                >
                  {partyLabel(leg.from)} → {partyLabel(leg.to)}
                </span>
                <span className="subtle calls-cell-text">
                  {dispositionLabel(leg.disposition)} · <span className="mono">{leg.legId}</span>
                </span>
              </div>
              <div
                className="timeline__track"
                role="img"
                aria-label={`Leg ${index + 1}: ${words}`}
                title={words}
              >
                {bar.timed ? (
                  <div
                    className="timeline__bar"
                    style={{ left: `${bar.offsetPct}%`, width: `${bar.ringPct + bar.talkPct}%` }}
                  >
                    <span
                      className={bar.answered ? 'timeline__ring' : 'timeline__unanswered'}
                      style={{ flex: `${bar.ringPct} 0 0` }}
                    />
                    {bar.answered ? (
                      <span className="timeline__talk" style={{ flex: `${bar.talkPct} 0 0` }} />
                    ) : null}
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="timeline__axis" aria-hidden="true">
        <span>{timeOnly.format(timeline.start)}</span>
        <span>{formatDuration(timeline.seconds)}</span>
        <span>{timeOnly.format(timeline.end)}</span>
      </div>
      <div className="timeline__key" aria-hidden="true">
        <span>
          <span className="timeline__swatch timeline__ring" /> Ringing
        </span>
        <span>
          <span className="timeline__swatch timeline__talk" /> Talking
        </span>
        <span>
          <span className="timeline__swatch timeline__unanswered" /> Not answered
        </span>
      </div>
    </div>
  );
}
