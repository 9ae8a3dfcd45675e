/*
 * Whether a text message a lead sent is an opt-out. The FCC's 2024 revocation rule (47 CFR
 * 64.1200(a)(10), FCC 24-24) treats a reply of "stop", "quit", "end", "revoke", "opt out",
 * "cancel" or "unsubscribe" as revoking consent, to calls as well as texts; Twilio's default
 * opt-out keywords (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) are the same family. A message
 * that is one of them — any case, with punctuation or spaces around — is an opt-out; a longer
 * message counts when it says so plainly ("stop calling me", "do not call me again").
 */

const KEYWORDS = new Set([
  'stop',
  'stopall',
  'stop all',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'revoke',
  'opt out',
  'optout',
  'opt-out',
]);

const PHRASES = [
  /\bstop (calling|texting|messaging|contacting)\b/,
  /\b(do not|don'?t|dont) (call|text|contact)( me)?\b/,
  /\b(remove|take) me (off|from) (your|the) (list|calling list)\b/,
];

export function isSmsOptOut(body: string): boolean {
  const text = body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (KEYWORDS.has(text)) return true;
  return PHRASES.some((phrase) => phrase.test(text));
}
