import { z } from 'zod';
import type { CustomerOrderStats } from '../../orders/index.js';

/*
 * Segments are rule trees over facts about a customer: `all` / `any` / `not` of leaves such as
 * {"fact":"orders.count","since":"P90D","op":">=","value":1} or
 * {"fact":"orders.total","since":"P90D","op":">","value":500,"currency":"EUR"} (value in major
 * units of the currency). Orders facts come from orders' customerStats; `since` is an ISO 8601
 * duration back from now (P90D, P12M, P1Y, PT24H); without it, all time.
 */

const op = z.enum(['>', '>=', '<', '<=', '=', '!=']);
export type RuleOp = z.infer<typeof op>;

const duration = z
  .string()
  .regex(
    /^P(?!$)(\d{1,4}Y)?(\d{1,4}M)?(\d{1,4}W)?(\d{1,5}D)?(T(?=\d)(\d{1,6}H)?(\d{1,6}M)?(\d{1,7}S)?)?$/,
    'must be an ISO 8601 duration such as P90D or P1Y',
  );

const leafSchema = z.discriminatedUnion('fact', [
  z.strictObject({
    fact: z.literal('orders.count'),
    since: duration.optional(),
    op,
    value: z.number().int().min(0).max(1_000_000_000),
  }),
  z.strictObject({
    fact: z.literal('orders.total'),
    since: duration.optional(),
    op,
    value: z.number().min(0).max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  }),
  z.strictObject({
    fact: z.literal('orders.lastOrderAt'),
    op: z.enum(['within', 'not_within']),
    value: duration,
  }),
  z.strictObject({
    fact: z.literal('customer.language'),
    op: z.enum(['=', '!=']),
    value: z.string().max(35),
  }),
  z.strictObject({
    fact: z.literal('consent'),
    purpose: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/),
    op: z.literal('='),
    value: z.boolean(),
  }),
]);

export type RuleLeaf = z.infer<typeof leafSchema>;
export type SegmentRule =
  | RuleLeaf
  | { readonly all: readonly SegmentRule[] }
  | { readonly any: readonly SegmentRule[] }
  | { readonly not: SegmentRule };

// Named, so the OpenAPI document holds the recursive tree once (components/schemas) and refers to it.
const nodeSchema: z.ZodType<SegmentRule> = z
  .lazy(() =>
    z.union([
      z.strictObject({ all: z.array(nodeSchema).min(1).max(50) }),
      z.strictObject({ any: z.array(nodeSchema).min(1).max(50) }),
      z.strictObject({ not: nodeSchema }),
      leafSchema,
    ]),
  )
  .meta({ id: 'CustomerSegmentRule' });

const maxDepth = 6;
const maxLeaves = 50;

function measure(rule: SegmentRule, depth = 1): { depth: number; leaves: number } {
  const children =
    'all' in rule ? rule.all : 'any' in rule ? rule.any : 'not' in rule ? [rule.not] : undefined;
  if (!children) return { depth, leaves: 1 };
  return children
    .map((child) => measure(child, depth + 1))
    .reduce((a, b) => ({ depth: Math.max(a.depth, b.depth), leaves: a.leaves + b.leaves }), {
      depth,
      leaves: 0,
    });
}

export const segmentRuleSchema = nodeSchema
  .superRefine((rule, ctx) => {
    const size = measure(rule);
    if (size.depth > maxDepth)
      ctx.addIssue({ code: 'custom', message: `must nest at most ${String(maxDepth)} levels` });
    if (size.leaves > maxLeaves)
      ctx.addIssue({ code: 'custom', message: `must have at most ${String(maxLeaves)} conditions` });
  })
  .describe(
    'all / any / not of facts: orders.count, orders.total, orders.lastOrderAt, customer.language, consent',
  );

/** The instant `duration` before `now`. */
export function before(now: Date, duration: string): Date {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    duration,
  );
  if (!m) throw new Error(`not an ISO 8601 duration: ${duration}`);
  const n = (i: number) => Number(m[i] ?? 0);
  const at = new Date(now);
  at.setUTCFullYear(at.getUTCFullYear() - n(1), at.getUTCMonth() - n(2), at.getUTCDate() - n(3) * 7 - n(4));
  return new Date(at.getTime() - ((n(5) * 60 + n(6)) * 60 + n(7)) * 1000);
}

/** The `since` durations the rule asks orders about ('' for all time). */
export function sincesOf(rule: SegmentRule): Set<string> {
  if ('all' in rule) return new Set(rule.all.flatMap((r) => [...sincesOf(r)]));
  if ('any' in rule) return new Set(rule.any.flatMap((r) => [...sincesOf(r)]));
  if ('not' in rule) return sincesOf(rule.not);
  if (rule.fact === 'orders.count' || rule.fact === 'orders.total') return new Set([rule.since ?? '']);
  if (rule.fact === 'orders.lastOrderAt') return new Set(['']);
  return new Set();
}

export function usesConsents(rule: SegmentRule): boolean {
  if ('all' in rule) return rule.all.some(usesConsents);
  if ('any' in rule) return rule.any.some(usesConsents);
  if ('not' in rule) return usesConsents(rule.not);
  return rule.fact === 'consent';
}

/** What a customer is judged on. */
export interface CustomerFacts {
  /** Orders' stats per `since` ('' = all time). */
  readonly orders: ReadonlyMap<string, CustomerOrderStats>;
  readonly language: string | null;
  /** Where each consent purpose stands. */
  readonly consents: ReadonlyMap<string, boolean>;
  readonly now: Date;
}

const noOrders: CustomerOrderStats = { orderCount: 0, totals: [], lastOrderAt: null };

function compare(left: number | string, o: RuleOp, right: number | string): boolean {
  switch (o) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '=':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/** Minor units per major unit of a currency (EUR 100, JPY 1). */
export function minorPerMajor(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
    return 10 ** (digits ?? 2);
  } catch {
    return 100;
  }
}

export function evaluate(rule: SegmentRule, facts: CustomerFacts): boolean {
  if ('all' in rule) return rule.all.every((r) => evaluate(r, facts));
  if ('any' in rule) return rule.any.some((r) => evaluate(r, facts));
  if ('not' in rule) return !evaluate(rule.not, facts);
  switch (rule.fact) {
    case 'orders.count':
      return compare((facts.orders.get(rule.since ?? '') ?? noOrders).orderCount, rule.op, rule.value);
    case 'orders.total': {
      const stats = facts.orders.get(rule.since ?? '') ?? noOrders;
      const minor = stats.totals.find((t) => t.currency === rule.currency)?.totalMinor ?? 0;
      return compare(minor, rule.op, Math.round(rule.value * minorPerMajor(rule.currency)));
    }
    case 'orders.lastOrderAt': {
      const last = (facts.orders.get('') ?? noOrders).lastOrderAt;
      const within = last !== null && last >= before(facts.now, rule.value);
      return rule.op === 'within' ? within : !within;
    }
    case 'customer.language':
      return compare(facts.language ?? '', rule.op, rule.value);
    case 'consent':
      return (facts.consents.get(rule.purpose) ?? false) === rule.value;
  }
}
