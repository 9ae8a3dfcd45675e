/**
 * Fixed edges, in whole seconds, of the wait (ring) histogram the rollups keep per interval:
 * element i of `ring_within` counts the calls whose ring_seconds is at most WAIT_EDGES[i]. A
 * service-level target or short-abandon threshold on an edge is therefore exact from the rollups;
 * targets are only accepted on an edge. Changing this list needs a migration that rebuilds the
 * rollups (the arrays are positional).
 */
export const WAIT_EDGES = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 240, 300, 600] as const;
export type WaitEdge = (typeof WAIT_EDGES)[number];

export const isWaitEdge = (seconds: number): seconds is WaitEdge =>
  (WAIT_EDGES as readonly number[]).includes(seconds);

/** PostgreSQL's 1-based position of an edge in `ring_within`. */
export function edgePosition(seconds: WaitEdge): number {
  return (WAIT_EDGES as readonly number[]).indexOf(seconds) + 1;
}
