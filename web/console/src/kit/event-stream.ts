import { useEffect, useRef } from 'react';
import { authorisingFetch, session } from '@/api/client';

/**
 * One server-sent event: its name (`message` when the server gave none), its data lines joined and,
 * when the stream gives ids, the last event id seen (what `Last-Event-ID` resumes from).
 */
export interface ServerEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/**
 * The text/event-stream format (HTML Living Standard, "event stream interpretation"): lines of
 * `field: value`, comments starting with `:`, an event dispatched at each blank line. Feed it text
 * as it arrives, in chunks of any size; it keeps a partial line for the next chunk.
 */
export function createEventStreamParser(
  onEvent: (event: ServerEvent) => void,
  onRetry?: (ms: number) => void,
): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  // The last event id persists across events until the stream sets another (the standard's buffer).
  let lastId: string | undefined;
  const dispatch = () => {
    if (data.length > 0)
      onEvent({
        event: event || 'message',
        data: data.join('\n'),
        ...(lastId === undefined ? {} : { id: lastId }),
      });
    event = '';
    data = [];
  };
  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry?.(Number(value));
  };
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (buffer[end] === '\r' && end === buffer.length - 1) break;
      const size = buffer.startsWith('\r\n', end) ? 2 : 1;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + size);
    }
  };
}

export interface EventStreamOptions {
  readonly signal: AbortSignal;
  /** The stream is open; `reconnected`: again, after a gap in which events may have been missed. */
  readonly onOpen?: (reconnected: boolean) => void;
  /** The server refused the stream for good (401, 403, 404): no more attempts. */
  readonly onRefused?: (status: number) => void;
  /**
   * Resume after this event id (sent as `Last-Event-ID` on the first connection). Each reconnection
   * sends the last id the stream gave, so a server that keeps events replays the ones missed.
   */
  readonly lastEventId?: string | undefined;
}

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Follows a server-sent event stream of the API until `signal` aborts. EventSource cannot send an
 * Authorization header and a token does not belong in a URL, so this reads the stream with fetch
 * and the session's bearer token. It reconnects when the stream ends or the network fails (at
 * the server's `retry:` delay, backing off to 30 s while it keeps failing), each time with the
 * current token.
 */
export async function followEventStream(
  path: string,
  onEvent: (event: ServerEvent) => void,
  options: EventStreamOptions,
): Promise<void> {
  const { signal } = options;
  const send = authorisingFetch(session);
  let retryMs = 3_000;
  let failures = 0;
  let opened = false;
  let lastEventId = options.lastEventId;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (lastEventId !== undefined && lastEventId !== '') headers['last-event-id'] = lastEventId;
      const response = await send(new Request(path, { headers, cache: 'no-store', signal }));
      if ([401, 403, 404].includes(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        options.onRefused?.(response.status);
        return;
      }
      if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
      failures = 0;
      options.onOpen?.(opened);
      opened = true;
      const parse = createEventStreamParser(
        (event) => {
          if (event.id !== undefined) lastEventId = event.id;
          onEvent(event);
        },
        (ms) => {
          retryMs = ms;
        },
      );
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parse(value);
      }
    } catch {
      // Aborted (the wait below then ends at once and so does the loop), or the network failed.
      failures += 1;
    }
    await wait(Math.min(30_000, retryMs * 2 ** Math.min(failures, 4)), signal);
  }
}

/**
 * Follows `path` while the component is mounted and `enabled`; `onEvent` and `onOpen` may change
 * between renders without reconnecting.
 */
export function useEventStream(
  path: string,
  handlers: {
    onEvent: (event: ServerEvent) => void;
    onOpen?: (reconnected: boolean) => void;
    /** Read when the stream (re)starts: resume after this id (`Last-Event-ID`). */
    lastEventId?: () => string | undefined;
  },
  enabled = true,
): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    void followEventStream(path, (event) => latest.current.onEvent(event), {
      signal: controller.signal,
      onOpen: (reconnected) => latest.current.onOpen?.(reconnected),
      lastEventId: latest.current.lastEventId?.(),
    });
    return () => controller.abort();
  }, [path, enabled]);
}
