import { api, unwrap } from './client';
import type { paths } from './schema.gen';
import type { Schema } from './types';

/* The conversation search API (GET /api/v1/conversations) as the console reads it. */

export type ConversationHit = Schema<'ConversationHit'>;
export type ConversationAnalysis = NonNullable<ConversationHit['analysis']>;
export type ConversationGrade = NonNullable<ConversationAnalysis['grade']>;
export type SentimentLabel = NonNullable<ConversationAnalysis['sentiment']>['label'];

/** The filters of GET /api/v1/conversations (the API's names). */
export type ConversationQuery = NonNullable<paths['/api/v1/conversations']['get']['parameters']['query']>;

export const conversationGrades = ['A', 'B', 'C', 'D', 'E'] as const;
export const sentimentLabels = ['negative', 'neutral', 'positive'] as const;

/* The lists above are the server's enums again (filters need them at run time): a change there fails the typecheck here. */
type SameValues<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
export const enumsMatchTheApi: [
  SameValues<(typeof conversationGrades)[number], ConversationGrade>,
  SameValues<(typeof sentimentLabels)[number], SentimentLabel>,
] = [true, true];

export const conversationsApi = {
  search: (query: ConversationQuery, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/conversations', { params: { query }, signal })),
};
