import { useEffect, useRef } from 'react';
import { useMessages } from '@/i18n';
import type { TranscriptSegment } from '@/api/recordings';
import { formatMoment } from '../recordings.format';
import { recordingWords } from '../recordings.messages';
import { recordingDetailMessages } from './detail.messages';
import { piecesOf } from './timeline';
import { analysisMessages } from './analysis/analysis.messages';
import { SentimentTag } from './analysis/Evidence';
import type { SegmentSentiment } from './analysis/moments';

interface Props {
  readonly segments: readonly TranscriptSegment[];
  readonly names: ReadonlyMap<string, string>;
  readonly roles: ReadonlyMap<string, string>;
  /** The segment being heard, or -1. */
  readonly active: number;
  readonly onSeek: (ms: number) => void;
  /** Each segment's sentiment (from the analysis), by segment id: the line is tinted and labelled. */
  readonly sentiments?: ReadonlyMap<string, SegmentSentiment>;
  /** A segment an evidence quote or a timeline moment pointed at: highlighted and brought into view. */
  readonly highlighted?: { readonly segmentId: string; readonly nonce: number } | null;
}

/**
 * The transcript, line by line: the line being heard is highlighted and kept in view (inside the
 * transcript's own scroll box, never moving the page); a line's button plays from its start.
 * Redacted passages are chips naming what was removed ([CARD_NUMBER]).
 */
export function TranscriptView({ segments, names, roles, active, onSeek, sentiments, highlighted }: Props) {
  const m = useMessages(recordingDetailMessages);
  const words = useMessages(recordingWords);
  const a = useMessages(analysisMessages);
  const box = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const list = box.current;
    const line = list?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (!list || !line) return;
    // Scroll the list, not the page: scrollIntoView would also move the window on a phone.
    const top = line.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + line.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: 'smooth' });
  }, [active]);

  // A jump from the analysis is the user's own request: bring the line into view, page included.
  useEffect(() => {
    if (!highlighted) return;
    const line = [...(box.current?.querySelectorAll<HTMLElement>('[data-segment]') ?? [])].find(
      (element) => element.dataset.segment === highlighted.segmentId,
    );
    if (line && typeof line.scrollIntoView === 'function')
      line.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [highlighted]);

  return (
    <ol className="transcript" ref={box}>
      {segments.map((segment, index) => {
        const current = index === active;
        const name = names.get(segment.speakerId) ?? segment.speakerId;
        const sentiment = sentiments?.get(segment.id);
        const marked = highlighted?.segmentId === segment.id;
        const sentimentWord =
          sentiment && sentiment.label !== 'neutral'
            ? a.segmentSentiment(a.sentimentLabels[sentiment.label])
            : null;
        const classes = [
          'transcript__line',
          `transcript__line--${roles.get(segment.speakerId) ?? 'unknown'}`,
          current ? 'transcript__line--current' : '',
          sentiment && sentiment.label !== 'neutral' ? `transcript__line--${sentiment.label}` : '',
          marked ? 'transcript__line--evidence' : '',
        ];
        return (
          <li
            key={segment.id}
            data-index={index}
            data-segment={segment.id}
            data-highlighted={marked ? 'true' : undefined}
            className={classes.filter(Boolean).join(' ')}
            aria-current={current ? 'true' : undefined}
          >
            <button
              type="button"
              className="transcript__seek"
              onClick={() => onSeek(segment.startMs)}
              aria-label={[m.player.seekTo(formatMoment(segment.startMs)), name, sentimentWord]
                .filter(Boolean)
                .join(' · ')}
            >
              <span className="transcript__time mono">{formatMoment(segment.startMs)}</span>
              <span className="transcript__speaker">{name}</span>
              {sentiment && sentiment.label !== 'neutral' ? (
                <SentimentTag label={sentiment.label} compact />
              ) : null}
              {current ? <span className="visually-hidden">{` · ${m.transcript.playing}`}</span> : null}
            </button>
            {/* A click on the text plays from the line too; the button above is the keyboard's way. */}
            <p className="transcript__text" onClick={() => onSeek(segment.startMs)}>
              {piecesOf(segment).map((piece, i) =>
                'entityType' in piece ? (
                  <span
                    key={i}
                    className="redaction-chip"
                    title={m.transcript.redactedToken(words.entity(piece.entityType))}
                  >
                    [{piece.entityType}]
                  </span>
                ) : (
                  <span key={i}>{piece.text}</span>
                ),
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
