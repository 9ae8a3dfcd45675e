/** Bytes of audio: a whole buffer, or a stream of chunks (a Node Readable, an object-store body). */
export type AudioSource = Uint8Array | AsyncIterable<Uint8Array>;

/** Containers recognised by their first bytes. */
export type AudioContainer =
  'wav' | 'mp3' | 'aac' | 'ogg' | 'mp4' | 'flac' | 'webm' | 'amr' | 'aiff' | 'au' | 'gsm';

/**
 * Sample encodings the native WAV decoder reads. Everything else (GSM 6.10, ADPCM, MP3 in WAV, and
 * the other containers) goes through ffmpeg.
 */
export type NativeCodec =
  'pcm_u8' | 'pcm_s16le' | 'pcm_s24le' | 'pcm_s32le' | 'pcm_f32le' | 'pcm_f64le' | 'pcm_mulaw' | 'pcm_alaw';

export interface AudioFormat {
  readonly container: AudioContainer;
  /** `native` for WAV codecs we read ourselves; `ffmpeg` when ffmpeg decoded the input. */
  readonly decoder: 'native' | 'ffmpeg';
  /** The codec of the source: a NativeCodec, or what needed ffmpeg (`mp3`, `gsm_ms (WAV format 0x0031)`). */
  readonly codec: string;
  readonly sampleRate: number;
  readonly channels: number;
  /** Frames (samples per channel) the header announces, when it does. */
  readonly declaredFrames: number | null;
}

/** One block of decoded audio: one Float32Array per channel, samples in [-1, 1], all of one length. */
export type PlanarChunk = readonly Float32Array[];

/** What decoding found, known once every chunk has been read. */
export interface DecodeOutcome {
  readonly frames: number;
  readonly durationMs: number;
  /**
   * Set when the data chunk is shorter than its header says (a cut upload, a recorder that died):
   * what was there is decoded, and this says how much was missing.
   */
  readonly truncated: { readonly declaredFrames: number; readonly decodedFrames: number } | null;
}

/** A time span in milliseconds from the start of the recording. */
export interface Span {
  readonly startMs: number;
  readonly endMs: number;
}
