import type { RecordingDirection } from '../db/conversations.tables.js';
import type { ScorecardScope } from './scorecard.schema.js';

/** An active scorecard as the choice sees it. */
export interface ScopedScorecard {
  readonly configId: string;
  readonly appliesTo: ScorecardScope | undefined;
  readonly activatedAt: Date | null;
}

/** What of a call decides its scorecard. */
export interface CallScope {
  readonly queue: string | null;
  readonly direction: RecordingDirection;
}

/**
 * How specific a scorecard is for the call, or null when it does not apply: a queue list that
 * names the call's queue weighs 2, a direction list that names its direction 1, so a scorecard for
 * the queue beats one for the direction, and one for both beats either. No scope: 0 (the default).
 */
export function scopeSpecificity(appliesTo: ScorecardScope | undefined, call: CallScope): number | null {
  let weight = 0;
  if (appliesTo?.queues) {
    if (call.queue === null || !appliesTo.queues.includes(call.queue)) return null;
    weight += 2;
  }
  if (appliesTo?.directions) {
    if (!appliesTo.directions.includes(call.direction)) return null;
    weight += 1;
  }
  return weight;
}

/**
 * The scorecard analysis uses for a call: of the active scorecards that apply, the most specific;
 * on a tie, the one activated last (then the greater id, so the choice is stable). Undefined when
 * none applies (no default and no scope matches): the call gets no QA score.
 */
export function chooseScorecard<S extends ScopedScorecard>(
  candidates: readonly S[],
  call: CallScope,
): S | undefined {
  let best: { card: S; weight: number } | undefined;
  for (const card of candidates) {
    const weight = scopeSpecificity(card.appliesTo, call);
    if (weight === null) continue;
    if (!best || weight > best.weight || (weight === best.weight && newer(card, best.card)))
      best = { card, weight };
  }
  return best?.card;
}

function newer(a: ScopedScorecard, b: ScopedScorecard): boolean {
  const at = a.activatedAt?.getTime() ?? 0;
  const bt = b.activatedAt?.getTime() ?? 0;
  return at !== bt ? at > bt : a.configId > b.configId;
}
