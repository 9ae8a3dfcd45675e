import type { AudioFormat, DecodeOutcome, PlanarChunk } from './audio.types.js';

/**
 * Decoded audio as it is read: the format is known before the first sample, the chunks come as
 * the bytes arrive (one pass, constant memory), and the outcome (length, truncation) once the last
 * chunk has been read.
 */
/** What an external decoder needs to hear about the end of reading. */
export interface StreamHooks {
  /** After the last chunk: may throw (ffmpeg exited with an error after writing some audio). */
  readonly finish?: () => Promise<void>;
  /** The reader stopped early: stop the decoder. */
  readonly abandon?: () => void;
  /** Always, last: remove temporary files. */
  readonly cleanup?: () => void;
}

export class AudioStream implements AsyncIterable<PlanarChunk> {
  private result: DecodeOutcome | null = null;
  private started = false;

  constructor(
    readonly format: AudioFormat,
    private readonly chunks: AsyncGenerator<PlanarChunk, DecodeOutcome['truncated']>,
    private readonly hooks: StreamHooks = {},
  ) {}

  /** Known once every chunk has been read; throws before. */
  get outcome(): DecodeOutcome {
    if (this.result === null)
      throw new Error('AudioStream.outcome is known only after every chunk has been read');
    return this.result;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<PlanarChunk> {
    if (this.started) throw new Error('an AudioStream can be read once');
    this.started = true;
    let frames = 0;
    let finished = false;
    try {
      for (;;) {
        const next = await this.chunks.next();
        if (next.done === true) {
          finished = true;
          await this.hooks.finish?.();
          this.result = {
            frames,
            durationMs: Math.round((frames / this.format.sampleRate) * 1000),
            truncated: next.value,
          };
          return;
        }
        frames += next.value[0]?.length ?? 0;
        yield next.value;
      }
    } finally {
      try {
        if (!finished) {
          this.hooks.abandon?.();
          await this.chunks.return(null);
        }
      } finally {
        this.hooks.cleanup?.();
      }
    }
  }
}

/** Reads a whole stream into memory: for short clips and tests, not for recordings. */
export async function readAll(
  stream: AudioStream,
): Promise<{ channels: Float32Array[]; outcome: DecodeOutcome }> {
  const parts: PlanarChunk[] = [];
  for await (const chunk of stream) parts.push(chunk);
  const frames = parts.reduce((sum, part) => sum + (part[0]?.length ?? 0), 0);
  const channels = Array.from({ length: stream.format.channels }, () => new Float32Array(frames));
  let offset = 0;
  for (const part of parts) {
    part.forEach((samples, c) => channels[c]?.set(samples, offset));
    offset += part[0]?.length ?? 0;
  }
  return { channels, outcome: stream.outcome };
}
