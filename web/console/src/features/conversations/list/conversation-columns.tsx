import { Link } from '@tanstack/react-router';
import type { Translation } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { TimeCell, type Column } from '@/kit/data-table';
import { formatDuration, formatNumber } from '@/kit/format';
import type { ConversationGrade, ConversationHit, SentimentLabel } from '@/api/conversations';
import type { conversationSearchMessages } from '../conversations.messages';

type Words = Translation<(typeof conversationSearchMessages)['en']>;

const gradeTone: Record<ConversationGrade, BadgeTone> = {
  A: 'success',
  B: 'success',
  C: 'warning',
  D: 'danger',
  E: 'danger',
};
const sentimentTone: Record<SentimentLabel, BadgeTone> = {
  negative: 'danger',
  neutral: 'neutral',
  positive: 'success',
};

/** The matching line: who said it, the searched words marked. */
function Snippet({ hit, words }: { hit: ConversationHit; words: Words }) {
  if (!hit.snippet) return <span className="subtle">—</span>;
  return (
    <p className="conversations-snippet">
      <span className="subtle">{`${words.roles[hit.snippet.role]}: `}</span>
      {hit.snippet.parts.map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </p>
  );
}

/** The columns of the conversation search; the API answers newest call first only. */
export function conversationColumns(words: Words): Column<ConversationHit>[] {
  return [
    {
      id: 'started',
      label: words.columns.started,
      hideable: false,
      width: '176px',
      cell: (hit) => (
        <Link
          to="/recordings/$recordingId"
          params={{ recordingId: hit.recordingId }}
          className="conversations-row__link"
        >
          <TimeCell value={hit.startedAt} />
          <span className="visually-hidden">{` · ${hit.recordingId}`}</span>
        </Link>
      ),
    },
    { id: 'match', label: words.columns.match, cell: (hit) => <Snippet hit={hit} words={words} /> },
    {
      id: 'grade',
      label: words.columns.grade,
      width: '96px',
      cell: (hit) =>
        hit.analysis === null ? (
          <span className="subtle">{words.notAnalysed}</span>
        ) : hit.analysis.grade === null ? (
          '—'
        ) : (
          <span className="cluster">
            <Badge tone={gradeTone[hit.analysis.grade]}>{words.grades[hit.analysis.grade]}</Badge>
            {hit.analysis.qaScore === null ? null : (
              <span className="subtle">{formatNumber(Math.round(hit.analysis.qaScore))}</span>
            )}
          </span>
        ),
    },
    {
      id: 'sentiment',
      label: words.columns.sentiment,
      width: '120px',
      cell: (hit) =>
        hit.analysis?.sentiment ? (
          <Badge tone={sentimentTone[hit.analysis.sentiment.label]}>
            {words.sentiments[hit.analysis.sentiment.label]}
          </Badge>
        ) : (
          '—'
        ),
    },
    {
      id: 'labels',
      label: words.columns.labels,
      cell: (hit) =>
        hit.analysis && hit.analysis.intents.length + hit.analysis.categories.length > 0 ? (
          <span className="conversations-labels">
            {hit.analysis.intents.map((intent) => (
              <Badge key={`i-${intent}`} tone="info">
                {intent}
              </Badge>
            ))}
            {hit.analysis.categories.map((category) => (
              <Badge key={`c-${category}`}>{category}</Badge>
            ))}
          </span>
        ) : (
          '—'
        ),
    },
    { id: 'queue', label: words.columns.queue, width: '140px', cell: (hit) => hit.queue ?? '—' },
    {
      id: 'duration',
      label: words.columns.duration,
      align: 'end',
      width: '96px',
      hiddenByDefault: true,
      cell: (hit) => (hit.durationMs === null ? '—' : formatDuration(hit.durationMs / 1000)),
    },
  ];
}
