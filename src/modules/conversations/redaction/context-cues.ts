/**
 * Words that say what the next number is. A number is read in the light of the cues said just
 * before it, by either speaker (the agent asks "and the expiry date?", the customer answers "oh
 * three twenty six"); the nearest cue is tried first.
 */
export type Cue =
  | 'otherNumber'
  | 'lastFour'
  | 'card'
  | 'expiry'
  | 'cvv'
  | 'pin'
  | 'ssn'
  | 'routing'
  | 'sortCode'
  | 'bank'
  | 'phone'
  | 'zip'
  | 'nino';

const CUES: Record<Cue, RegExp> = {
  /** Numbers named as something else (an order, an amount, a year): left in clear unless they pass as a card (Luhn). */
  otherNumber:
    /\b(?:order|reference|ref|ticket|case|tracking|invoice|confirmation|booking|model|room|flight)(?: (?:number|no|id|code))?\b|\b(?:cost|costs|price|paid|pay|total|dollars?|pounds?|euros?|bucks|percent|since|year|years)\b/g,
  /** PCI DSS lets the last four digits of a card be shown: "the card ending in 4242" is not redacted as card data. */
  lastFour: /\b(?:ending (?:in|with)|ends (?:in|with)|last (?:four|4)(?: digits)?)\b/g,
  card: /\b(?:card|visa|master ?card|amex|american express|discover|maestro|long number|credit|debit)\b/g,
  expiry:
    /\b(?:expir\w*|exp|valid (?:thru|through|until|till|to)|good (?:thru|through)|end date|expiration|date on (?:the|your) card|date on the front)\b/g,
  cvv: /\b(?:cvv2?|cvc2?|cv2|csc|security (?:code|number|digits)|three digit|3 digit|3-digit|verification (?:code|number|value)|back of (?:the|your) card|on the back)\b/g,
  pin: /\b(?:pin|pin number|pin code)\b/g,
  ssn: /\b(?:social security|social|ssn|s s n|taxpayer id\w*)\b/g,
  routing: /\b(?:routing|aba|transit number)\b/g,
  sortCode: /\bsort code\b/g,
  bank: /\b(?:account|acct|bank|checking|savings)\b/g,
  phone:
    /\b(?:phone|telephone|mobile|cell|landline|extension|call (?:you|me) (?:back|on|at)|reach (?:you|me)|contact number|callback number)\b/g,
  zip: /\b(?:zip|zip code|postcode|post code|postal code)\b/g,
  nino: /\b(?:national insurance|ni number|n i number|nino)\b/g,
};

export interface CueHit {
  cue: Cue;
  /** Characters from the end of the context to the end of the cue: smaller is nearer. */
  distance: number;
}

/**
 * Cues that name no particular number: "card" is said of the expiry and the code too ("the date on
 * the card", "the back of the card"), "account" of everything. They are tried after the others.
 */
const GENERAL: ReadonlySet<Cue> = new Set(['card', 'bank']);

/** The cues in `context` (lower case): specific ones nearest (latest) first, then the general ones. */
export function cuesIn(context: string): CueHit[] {
  const hits: CueHit[] = [];
  for (const [cue, pattern] of Object.entries(CUES) as [Cue, RegExp][]) {
    let last = -1;
    for (const match of context.matchAll(pattern)) last = match.index + match[0].length;
    if (last >= 0) hits.push({ cue, distance: context.length - last });
  }
  return hits.sort(
    (a, b) => Number(GENERAL.has(a.cue)) - Number(GENERAL.has(b.cue)) || a.distance - b.distance,
  );
}
