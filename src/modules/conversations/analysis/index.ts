/**
 * Conversation analysis: the one analyser interface (analyser.types.ts) that the local analyser
 * and the LLM analysers implement, and the local, offline analyser. Pure: no database, no I/O, no
 * network. What the local analyser can and cannot do: docs/conversations-analysis.md.
 */
export * from './analyser.types.js';
export { createLocalAnalyser, intentKinds, isEnglish, LOCAL_ANALYSER_VERSION } from './local.analyser.js';
export type { LocalAnalyserOptions } from './local.analyser.js';
export { compilePhrase, PhraseSyntaxError } from './phrase-match.js';
export { INTENT_RULES, type IntentRule } from './intent-rules.js';
