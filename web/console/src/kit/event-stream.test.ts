import { describe, expect, it } from 'vitest';
import { createEventStreamParser, type ServerEvent } from './event-stream';

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
