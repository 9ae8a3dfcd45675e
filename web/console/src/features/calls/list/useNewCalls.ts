import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useEventStream } from '@/kit/event-stream';
import type { ApiFilters } from '../calls.search';
import type { CallSummary } from './call-columns';

const probeSize = 50;

export interface NewCalls {
  /** Calls matching the filters that the list does not show yet; `more` when the probe was full. */
  readonly count: number;
  readonly more: boolean;
}

/**
 * Listens to the live feed (GET /calls/live) and, on each "calls changed", asks for the first page
 * of the current filters to count the calls the list does not show yet. The list stays where the
 * reader is; they choose when to show the new ones. An empty list just reloads.
 */
export function useNewCalls(
  search: ApiFilters,
  shown: readonly CallSummary[],
  reload: () => void,
  enabled: boolean,
): [NewCalls | undefined, () => void] {
  const key = JSON.stringify(search);
  const [fresh, setFresh] = useState<NewCalls & { key: string }>();
  const latest = useRef({ search, key, shown, reload });
  useEffect(() => {
    latest.current = { search, key, shown, reload };
  });
  const asked = useRef(0);

  const probe = async () => {
    const { search: filters, key: filtersKey, shown: loaded, reload: refresh } = latest.current;
    if (loaded.length === 0) {
      refresh();
      return;
    }
    const ticket = ++asked.current;
    try {
      const page = await unwrap(
        api.GET('/api/v1/calls', { params: { query: { ...filters, limit: probeSize } } }),
      );
      if (ticket !== asked.current) return;
      const known = new Set(latest.current.shown.map((call) => call.id));
      const count = page.items.filter((call) => !known.has(call.id)).length;
      setFresh(
        count > 0
          ? { key: filtersKey, count, more: count === probeSize && page.nextCursor !== null }
          : undefined,
      );
    } catch {
      // A missed count is not worth an error: the next event asks again.
    }
  };

  useEventStream(
    '/api/v1/calls/live',
    {
      onEvent: (event) => {
        if (event.event === 'calls') void probe();
      },
      onOpen: (reconnected) => {
        if (reconnected) void probe();
      },
    },
    enabled,
  );

  const dismiss = () => {
    asked.current++;
    setFresh(undefined);
  };
  // A count made for other filters says nothing about these.
  return [fresh?.key === key ? fresh : undefined, dismiss];
}
