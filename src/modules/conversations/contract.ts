/**
 * What other modules and the API see of conversations. Every service method takes the request
 * context first; no driver types cross this line. The services are added feature by feature
 * (recordings/, pipeline/); this file grows with them.
 */
export type { RecordingState, RecordingDirection, CallLinkKind } from './db/conversations.tables.js';
