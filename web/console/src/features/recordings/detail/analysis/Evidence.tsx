import { Frown, Meh, Smile } from 'lucide-react';
import { useMessages } from '@/i18n';
import { formatMoment } from '../detail.shared';
import type { SentimentLabel } from './analysis.api';
import { analysisMessages } from './analysis.messages';
import './analysis.css';

/** Plays the call from a moment and highlights its transcript line. */
export type Jump = (ms: number, segmentId: string | null) => void;

/** A quote from the call as a button: its time, who said it, what was said; it jumps there. */
export function EvidenceButton({
  startMs,
  segmentId,
  speaker,
  quote,
  names,
  onJump,
}: {
  readonly startMs: number;
  readonly segmentId: string | null;
  readonly speaker: string | null;
  readonly quote: string;
  readonly names: ReadonlyMap<string, string>;
  readonly onJump: Jump;
}) {
  const m = useMessages(analysisMessages);
  const at = formatMoment(startMs);
  const who = speaker ? (names.get(speaker) ?? speaker) : null;
  return (
    <button
      type="button"
      className="evidence"
      onClick={() => onJump(startMs, segmentId)}
      aria-label={m.jumpTo(at, quote.trim() ? `${who ? `${who}: ` : ''}“${quote}”` : m.moment)}
    >
      <span className="evidence__time mono">{at}</span>
      {who ? <span className="evidence__speaker">{who}</span> : null}
      {/* A moment without words (a silence, an interruption) is evidence too: it is named, not quoted. */}
      {quote.trim() ? (
        <q className="evidence__quote">{quote}</q>
      ) : (
        <span className="evidence__quote">{m.moment}</span>
      )}
    </button>
  );
}

const sentimentIcons = { positive: Smile, neutral: Meh, negative: Frown } as const;

/** A sentiment as an icon and a word (never colour alone); `compact` keeps the word for screen readers only. */
export function SentimentTag({
  label,
  score,
  compact = false,
}: {
  readonly label: SentimentLabel;
  readonly score?: string;
  readonly compact?: boolean;
}) {
  const m = useMessages(analysisMessages);
  const Icon = sentimentIcons[label];
  const word = score ? m.sentimentOf(m.sentimentLabels[label], score) : m.sentimentLabels[label];
  return (
    <span className={`sentiment sentiment--${label}`} title={compact ? m.segmentSentiment(word) : undefined}>
      <Icon aria-hidden="true" className="sentiment__icon" />
      <span className={compact ? 'visually-hidden' : undefined}>
        {compact ? m.segmentSentiment(word) : word}
      </span>
    </span>
  );
}
