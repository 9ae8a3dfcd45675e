import type { RequestContext } from '../../../platform/context.js';

/** Who did it, as consent and DNC rows record it: `user:usr_...`, `api_key:key_...`, `system:campaigns.opt-out`. */
export function actorName(ctx: RequestContext): string {
  return `${ctx.actor.type}:${ctx.actor.id}`;
}
