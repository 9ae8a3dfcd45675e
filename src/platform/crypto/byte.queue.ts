/** FIFO of buffers that hands out exact-length slices without copying when it can. */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** Removes and returns the first `n` bytes; `n` must not exceed `length`. */
  take(n: number): Buffer {
    if (n > this.total) throw new RangeError(`cannot take ${n} bytes from a queue of ${this.total}`);
    const first = this.chunks[0];
    if (first && first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.total -= n;
      return first.subarray(0, n);
    }
    const parts: Buffer[] = [];
    let needed = n;
    while (needed > 0) {
      const chunk = this.chunks.shift();
      if (!chunk) break;
      if (chunk.length > needed) {
        parts.push(chunk.subarray(0, needed));
        this.chunks.unshift(chunk.subarray(needed));
        needed = 0;
      } else {
        parts.push(chunk);
        needed -= chunk.length;
      }
    }
    this.total -= n;
    return Buffer.concat(parts, n);
  }

  /** Looks at the first `n` bytes (or fewer if not buffered) without removing them. */
  peek(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.chunks, Math.min(n, this.total));
  }

  takeAll(): Buffer {
    return this.take(this.total);
  }
}
