import { AudioErrors } from './audio.errors.js';
import type { NativeCodec } from './audio.types.js';
import type { ByteReader } from './byte-reader.js';

/** WAVE_FORMAT_* tags (mmreg.h) we decode natively. */
const PCM = 0x0001;
const IEEE_FLOAT = 0x0003;
const ALAW = 0x0006;
const MULAW = 0x0007;
const EXTENSIBLE = 0xfffe;

/** Tags met in call recordings that need another decoder, by name for the error message. */
const KNOWN_OTHER_TAGS: Record<number, string> = {
  0x0002: 'adpcm_ms',
  0x0011: 'adpcm_ima_wav',
  0x0022: 'truespeech',
  0x0031: 'gsm_ms',
  0x0040: 'g721',
  0x0045: 'g726',
  0x0050: 'mp2',
  0x0055: 'mp3',
  0x0064: 'g726',
  0x0065: 'g722',
  0x0092: 'ac3',
  0x00ff: 'aac',
  0x1610: 'aac',
  0xa106: 'aac',
};

export interface WavHeader {
  readonly codec: NativeCodec;
  readonly sampleRate: number;
  readonly channels: number;
  /** Bytes per frame (all channels of one sample instant). */
  readonly blockAlign: number;
  /** Bytes per sample of one channel. */
  readonly bytesPerSample: number;
  /** Bytes of the data chunk the header announces; null when unknown (a streamed WAV). */
  readonly declaredDataBytes: number | null;
}

/** A WAV whose codec we do not read: the caller may hand the original bytes to ffmpeg. */
export interface ForeignWav {
  readonly foreignCodec: string;
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => u16(b, at) + u16(b, at + 2) * 0x10000;
const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

function nativeCodec(tag: number, bits: number): NativeCodec | null {
  switch (tag) {
    case PCM:
      if (bits === 8) return 'pcm_u8';
      if (bits === 16) return 'pcm_s16le';
      if (bits === 24) return 'pcm_s24le';
      if (bits === 32) return 'pcm_s32le';
      return null;
    case IEEE_FLOAT:
      if (bits === 32) return 'pcm_f32le';
      if (bits === 64) return 'pcm_f64le';
      return null;
    case ALAW:
      return bits === 8 ? 'pcm_alaw' : null;
    case MULAW:
      return bits === 8 ? 'pcm_mulaw' : null;
    default:
      return null;
  }
}

function describeTag(tag: number, bits: number): string {
  const hex = `0x${tag.toString(16).padStart(4, '0')}`;
  const name = KNOWN_OTHER_TAGS[tag];
  if (name !== undefined) return `${name} (WAV format ${hex})`;
  if (tag === PCM || tag === IEEE_FLOAT || tag === ALAW || tag === MULAW)
    return `${bits}-bit WAV format ${hex}`;
  return `WAV format ${hex}`;
}

/**
 * Reads a RIFF/WAVE (or RF64) header up to the start of the data chunk, skipping chunks it does
 * not need (LIST, fact, bext, cue…) without holding them. The reader is left at the first sample.
 * `unknownSizeIfZero` is for WAV written to a pipe (ffmpeg's output), whose sizes are 0 or ~0.
 */
export async function readWavHeader(
  reader: ByteReader,
  options: { unknownSizeIfZero?: boolean } = {},
): Promise<WavHeader | ForeignWav> {
  const riff = await reader.read(12);
  if (riff.length < 12) throw AudioErrors.noSamples('the file ends inside the RIFF header');
  const form = fourcc(riff, 0);
  if (form === 'RIFX') return { foreignCodec: 'big-endian WAV (RIFX)' };
  if (fourcc(riff, 8) !== 'WAVE')
    throw AudioErrors.notAudio(`a RIFF file of type '${fourcc(riff, 8)}', not WAVE`);
  const rf64 = form === 'RF64';

  let fmt: { tag: number; channels: number; sampleRate: number; blockAlign: number; bits: number } | null =
    null;
  let rf64DataBytes: number | null = null;
  for (;;) {
    const head = await reader.read(8);
    if (head.length < 8) {
      if (fmt === null) throw AudioErrors.malformed('no fmt chunk before the end of the file');
      throw AudioErrors.noSamples('the file ends before its data chunk');
    }
    const id = fourcc(head, 0);
    const size = u32(head, 4);
    if (id === 'fmt ') {
      if (size < 16) throw AudioErrors.malformed(`a fmt chunk of ${size} bytes (at least 16 expected)`);
      const body = await reader.read(size + (size & 1));
      if (body.length < size) throw AudioErrors.noSamples('the file ends inside its fmt chunk');
      let tag = u16(body, 0);
      if (tag === EXTENSIBLE) {
        if (size < 40)
          throw AudioErrors.malformed('a WAVE_FORMAT_EXTENSIBLE fmt chunk without its sub-format');
        // The sub-format GUID starts with the format tag: KSDATAFORMAT_SUBTYPE_PCM is 00000001-0000-0010-…
        tag = u16(body, 24);
      }
      fmt = {
        tag,
        channels: u16(body, 2),
        sampleRate: u32(body, 4),
        blockAlign: u16(body, 12),
        bits: u16(body, 14),
      };
    } else if (id === 'ds64' && rf64) {
      const body = await reader.read(size + (size & 1));
      // riffSize (8), dataSize (8): sizes beyond 2^53 are not recordings.
      rf64DataBytes = u32(body, 8) + u32(body, 12) * 2 ** 32;
    } else if (id === 'data') {
      if (fmt === null) throw AudioErrors.malformed('the data chunk comes before the fmt chunk');
      const codec = nativeCodec(fmt.tag, fmt.bits);
      if (codec === null) return { foreignCodec: describeTag(fmt.tag, fmt.bits) };
      if (fmt.channels === 0) throw AudioErrors.malformed('zero channels');
      if (fmt.sampleRate === 0) throw AudioErrors.malformed('a sample rate of 0');
      const bytesPerSample = fmt.bits / 8;
      const blockAlign =
        fmt.blockAlign >= fmt.channels * bytesPerSample ? fmt.blockAlign : fmt.channels * bytesPerSample;
      let declared: number | null = size;
      if (rf64 && size === 0xffffffff) declared = rf64DataBytes;
      else if (options.unknownSizeIfZero === true && (size === 0 || size === 0xffffffff)) declared = null;
      return {
        codec,
        sampleRate: fmt.sampleRate,
        channels: fmt.channels,
        blockAlign,
        bytesPerSample,
        declaredDataBytes: declared,
      };
    } else {
      const skipped = await reader.skip(size + (size & 1));
      if (skipped < size) {
        if (fmt === null)
          throw AudioErrors.malformed(`the file ends inside its '${id}' chunk, before any fmt chunk`);
        throw AudioErrors.noSamples(`the file ends inside its '${id}' chunk, before the data chunk`);
      }
    }
  }
}
