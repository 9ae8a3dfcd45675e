import type { AudioSource } from './audio.types.js';

/** Largest block handed on at once when the source is one big buffer (keeps chunk sizes bounded). */
const SLICE_BYTES = 1 << 20;

function* slices(buffer: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < buffer.length; offset += SLICE_BYTES) {
    yield buffer.subarray(offset, Math.min(buffer.length, offset + SLICE_BYTES));
  }
}

/**
 * Reads a byte stream in exact amounts while holding only what was asked for beyond the current
 * chunk: a 500 MB file passes through in chunks. While `history` is on it also keeps every byte
 * consumed, so that a header we cannot decode natively can be replayed to ffmpeg.
 */
export class ByteReader {
  private readonly source: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private queue: Uint8Array[] = [];
  private queued = 0;
  private ended = false;
  private kept: Uint8Array[] | null = [];
  /** Bytes consumed so far. */
  position = 0;

  constructor(source: AudioSource) {
    this.source = source instanceof Uint8Array ? slices(source) : source[Symbol.asyncIterator]();
  }

  /** Buffers until at least `n` bytes are available or the source ends; returns what is available. */
  async fill(n: number): Promise<number> {
    while (this.queued < n && !this.ended) {
      const next = await this.source.next();
      if (next.done === true) {
        this.ended = true;
        break;
      }
      if (next.value.length > 0) {
        this.queue.push(next.value);
        this.queued += next.value.length;
      }
    }
    return this.queued;
  }

  /** The first `n` buffered bytes without consuming them (fewer at the end of the source). */
  async peek(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.gather(Math.min(n, this.queued), false);
  }

  /** Exactly `n` bytes, or fewer when the source ends first. */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.gather(Math.min(n, this.queued), true);
  }

  /** Skips `n` bytes without holding them; returns how many were skipped (fewer at the end). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n) {
      await this.fill(1);
      const head = this.queue[0];
      if (head === undefined) break;
      const take = Math.min(head.length, n - skipped);
      this.consumeHead(take);
      skipped += take;
    }
    return skipped;
  }

  /** The remaining bytes in the chunks they arrive in, at most `limit` of them. */
  async *rest(limit = Number.POSITIVE_INFINITY): AsyncGenerator<Uint8Array> {
    let given = 0;
    while (given < limit) {
      await this.fill(1);
      const head = this.queue[0];
      if (head === undefined) return;
      const take = Math.min(head.length, limit - given);
      const part = head.subarray(0, take);
      this.consumeHead(take);
      given += take;
      yield part;
    }
  }

  /** Stops keeping consumed bytes (the decode has started; no replay is needed any more). */
  forget(): void {
    this.kept = null;
  }

  /**
   * Everything consumed since the start (history must still be on) followed by the rest of the
   * source: the original bytes, for a decoder that takes over.
   */
  async *replay(): AsyncGenerator<Uint8Array> {
    if (this.kept === null) throw new Error('ByteReader.replay after forget()');
    const kept = this.kept;
    this.kept = null;
    yield* kept;
    yield* this.rest();
  }

  private consumeHead(take: number): void {
    const head = this.queue[0];
    if (head === undefined) return;
    if (this.kept !== null) this.kept.push(head.subarray(0, take));
    if (take === head.length) this.queue.shift();
    else this.queue[0] = head.subarray(take);
    this.queued -= take;
    this.position += take;
  }

  private gather(n: number, consume: boolean): Uint8Array {
    const first = this.queue[0];
    let out: Uint8Array;
    if (first !== undefined && first.length >= n) {
      out = first.subarray(0, n);
    } else {
      out = new Uint8Array(n);
      let offset = 0;
      for (const part of this.queue) {
        if (offset >= n) break;
        const take = Math.min(part.length, n - offset);
        out.set(part.subarray(0, take), offset);
        offset += take;
      }
    }
    if (consume) {
      let left = n;
      while (left > 0 && this.queue[0] !== undefined) {
        const take = Math.min(this.queue[0].length, left);
        this.consumeHead(take);
        left -= take;
      }
    }
    return out;
  }
}
