import { describe, expect, it, vi } from 'vitest';
import { createEventStreamParser, followEventStream, type ServerEvent } from './event-stream';

describe('event stream parser', () => {
  it('dispatches events at blank lines, whatever the chunks, and skips comments', () => {
    const events: ServerEvent[] = [];
    const push = createEventStreamParser((e) => events.push(e));
    push(': live calls\n\nevent: cal');
    push('ls\ndata: {"at":1}\n');
    expect(events).toEqual([]);
    push('\n: keep-alive\n\ndata: a\ndata: b\r\n\r\n');
    expect(events).toEqual([
      { event: 'calls', data: '{"at":1}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('waits for the \\n of a \\r\\n split across chunks, and reads retry', () => {
    const events: ServerEvent[] = [];
    const retries: number[] = [];
    const push = createEventStreamParser(
      (e) => events.push(e),
      (ms) => retries.push(ms),
    );
    push('retry: 5000\r');
    push('\nevent: calls\r');
    push('\ndata: x\r\n\r');
    push('\n');
    expect(retries).toEqual([5000]);
    expect(events).toEqual([{ event: 'calls', data: 'x' }]);
  });

  it('ignores an event without data, as browsers do', () => {
    const events: ServerEvent[] = [];
    createEventStreamParser((e) => events.push(e))('event: calls\n\n');
    expect(events).toEqual([]);
  });
});

describe('event ids and resuming', () => {
  it('gives each event the last id the stream set, until it sets another', () => {
    const events: ServerEvent[] = [];
    createEventStreamParser((e) => events.push(e))('id: 7\ndata: a\n\ndata: b\n\nid: 9\ndata: c\n\n');
    expect(events.map((e) => [e.data, e.id])).toEqual([
      ['a', '7'],
      ['b', '7'],
      ['c', '9'],
    ]);
  });

  it('sends Last-Event-ID first as given, then as the stream last said, when it reconnects', async () => {
    const seen: (string | null)[] = [];
    const controller = new AbortController();
    const bodies = ['retry: 5\nid: ntf_2\ndata: one\n\n', 'id: ntf_3\ndata: two\n\n'];
    const received: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((request: Request) => {
        seen.push(request.headers.get('last-event-id'));
        const text = bodies.shift();
        if (text === undefined) {
          controller.abort();
          return Promise.resolve(
            new Response('', { status: 200, headers: { 'content-type': 'text/event-stream' } }),
          );
        }
        return Promise.resolve(
          new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
        );
      }),
    );
    await followEventStream('/api/v1/notifications/stream', (e) => received.push(e.data), {
      signal: controller.signal,
      lastEventId: 'ntf_1',
    });
    expect(received).toEqual(['one', 'two']);
    expect(seen).toEqual(['ntf_1', 'ntf_2', 'ntf_3']);
  });
});
