import type { RequestContext } from '../../../platform/context.js';
import type { Database, ListTotal } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import { AGGREGATE_THRESHOLD, label } from '../analysis/sentiment.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { normaliseAgentKey } from '../recordings/party-numbers.js';
import { indexPurposes, sealingAad, type ConversationsSealing } from '../sealing.js';
import type { Transcript } from '../transcripts/index.js';
import {
  countConversations,
  currentAnalysesOf,
  currentTranscriptsSealed,
  headlines,
  MATCH_END,
  MATCH_START,
  searchConversations,
  type ConversationAnalysisRow,
  type ConversationFilters,
  type ConversationRow,
  type SnippetLine,
} from './conversation-search.repo.js';
import type { ConversationCursor, ConversationQuery } from './conversation-search.schemas.js';

/*
 * Conversation search: filters over the transcript's words (all, the agent's, the customer's) and
 * the current analysis, newest call first. Snippets come from the page's transcripts, unsealed for
 * the answer only (the matching line, with the searched words marked).
 */

type Tables = ConversationsTables;
type SnippetRole = SnippetLine['role'];

export interface ConversationHit {
  readonly recordingId: string;
  readonly callId: string | null;
  readonly startedAt: string;
  readonly durationMs: number | null;
  readonly direction: ConversationRow['direction'];
  readonly queue: string | null;
  readonly language: string | null;
  readonly snippet: { role: SnippetRole; parts: { text: string; match: boolean }[] } | null;
  readonly analysis: {
    id: string;
    grade: ConversationAnalysisRow['grade'];
    qaScore: number | null;
    sentiment: { score: number; label: 'negative' | 'neutral' | 'positive' } | null;
    customerSentiment: { score: number; label: 'negative' | 'neutral' | 'positive' } | null;
    intents: string[];
    categories: string[];
    topics: string[];
    analysedAt: string;
  } | null;
}

export interface ConversationPage {
  readonly items: ConversationHit[];
  readonly nextCursor: ConversationCursor | null;
  readonly total: ListTotal | null;
}

export interface ConversationSearchService {
  /** `withAnalysis`: the caller may read analyses (else the hits carry none). */
  search(
    ctx: RequestContext,
    query: Omit<ConversationQuery, 'cursor'> & { after?: ConversationCursor | undefined },
    options: { withAnalysis: boolean },
  ): Promise<ConversationPage>;
}

const sentimentOf = (score: number | null) =>
  score === null ? null : { score, label: label(score, AGGREGATE_THRESHOLD) };
const stripMarks = (text: string) => text.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');

/** ts_headline's text split at its marks: `a \uE000b\uE001 c` → a, b (match), c. */
export function snippetParts(headline: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  for (const piece of headline.split(MATCH_START)) {
    const end = piece.indexOf(MATCH_END);
    if (end === -1) {
      if (piece !== '') parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, end), match: true });
    const rest = piece.slice(end + MATCH_END.length);
    if (rest !== '') parts.push({ text: rest, match: false });
  }
  return parts;
}

export function createConversationSearch(deps: {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
}): ConversationSearchService {
  const { database, sealing } = deps;

  return {
    async search(ctx, query, options) {
      const agentKey = query.agent === undefined ? null : normaliseAgentKey({ id: query.agent });
      const filters: ConversationFilters = {
        q: query.q,
        agentSaid: query.agentSaid,
        customerSaid: query.customerSaid,
        sentiment: query.sentiment,
        customerSentiment: query.customerSentiment,
        sentimentMin: query.sentimentMin,
        sentimentMax: query.sentimentMax,
        grades: query.grade,
        qaScoreMin: query.qaScoreMin,
        qaScoreMax: query.qaScoreMax,
        intents: query.intent,
        categories: query.category,
        topics: query.topic,
        analysed: query.analysed,
        agentIndex:
          agentKey === null
            ? undefined
            : await sealing.blindIndex(ctx.tenantId, indexPurposes.agent, agentKey),
        queue: query.queue,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      };
      // The text a snippet shows: anywhere, else the customer's, else the agent's.
      const snippetOf: { text: string; role: 'agent' | 'customer' | undefined } | undefined =
        query.q !== undefined
          ? { text: query.q, role: undefined }
          : query.customerSaid !== undefined
            ? { text: query.customerSaid, role: 'customer' }
            : query.agentSaid !== undefined
              ? { text: query.agentSaid, role: 'agent' }
              : undefined;

      return database.withTenant<Tables, ConversationPage>(ctx, async (trx) => {
        const total = query.total ? await countConversations(trx, filters) : null;
        // One row more than asked tells whether another page exists.
        const rows = await searchConversations(trx, filters, { limit: query.limit + 1, after: query.after });
        const page = rows.slice(0, query.limit);
        let marked = new Map<string, { role: SnippetRole; headline: string }>();
        if (snippetOf && page.length > 0) {
          const lines: SnippetLine[] = [];
          for (const row of await currentTranscriptsSealed(
            trx,
            page.map((r) => r.id),
          )) {
            const transcript = await sealing.unsealJson<Transcript>(
              ctx.tenantId,
              row.transcriptSealed,
              sealingAad.transcript(row.id),
            );
            const roleOf = new Map(transcript.speakers.map((s) => [s.id, s.role]));
            for (const segment of transcript.segments)
              lines.push({
                recordingId: row.recordingId,
                role: roleOf.get(segment.speakerId) ?? 'unknown',
                text: stripMarks(segment.text),
              });
          }
          marked = await headlines(trx, lines, snippetOf.text, snippetOf.role);
        }
        const analyses = options.withAnalysis
          ? new Map(
              (
                await currentAnalysesOf(
                  trx,
                  page.map((r) => r.id),
                )
              ).map((a) => [a.recordingId, a]),
            )
          : new Map<string, ConversationAnalysisRow>();
        const last = page.at(-1);
        return {
          items: page.map((row) => toHit(row, marked.get(row.id), analyses.get(row.id))),
          nextCursor: rows.length > query.limit && last ? { at: last.at, id: last.id } : null,
          total,
        };
      });
    },
  };
}

function toHit(
  row: ConversationRow,
  snippet: { role: SnippetRole; headline: string } | undefined,
  analysis: ConversationAnalysisRow | undefined,
): ConversationHit {
  return {
    recordingId: toPublicId('rec', row.id),
    callId: row.callId === null ? null : toPublicId('call', row.callId),
    startedAt: row.at.toISOString(),
    durationMs: row.durationMs === null ? null : Number(row.durationMs),
    direction: row.direction,
    queue: row.queue,
    language: row.language,
    snippet: snippet ? { role: snippet.role, parts: snippetParts(snippet.headline) } : null,
    analysis: analysis
      ? {
          id: toPublicId('ana', analysis.id),
          grade: analysis.grade,
          qaScore: analysis.qaScore,
          sentiment: sentimentOf(analysis.sentimentScore),
          customerSentiment: sentimentOf(analysis.customerSentimentScore),
          intents: analysis.intents,
          categories: analysis.categories,
          topics: analysis.topics,
          analysedAt: analysis.createdAt.toISOString(),
        }
      : null,
  };
}
