import { A_LAW, MU_LAW } from './g711.js';
import type { NativeCodec } from './audio.types.js';

/**
 * Interleaved little-endian frames → one Float32Array per channel in [-1, 1]. `bytes` holds whole
 * frames only; `blockAlign` may exceed channels × sample size (padding some writers add).
 */
export function deinterleave(
  bytes: Uint8Array,
  codec: NativeCodec,
  channels: number,
  blockAlign: number,
): Float32Array[] {
  const frames = Math.floor(bytes.length / blockAlign);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let c = 0; c < channels; c++) {
    const samples = out[c] ?? new Float32Array(0);
    switch (codec) {
      case 'pcm_u8': {
        for (let i = 0, at = c; i < frames; i++, at += blockAlign)
          samples[i] = ((bytes[at] ?? 128) - 128) / 128;
        break;
      }
      case 'pcm_s16le': {
        for (let i = 0, at = c * 2; i < frames; i++, at += blockAlign)
          samples[i] = view.getInt16(at, true) / 32768;
        break;
      }
      case 'pcm_s24le': {
        for (let i = 0, at = c * 3; i < frames; i++, at += blockAlign) {
          const value = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
          samples[i] = ((value << 8) >> 8) / 8388608;
        }
        break;
      }
      case 'pcm_s32le': {
        for (let i = 0, at = c * 4; i < frames; i++, at += blockAlign)
          samples[i] = view.getInt32(at, true) / 2147483648;
        break;
      }
      case 'pcm_f32le': {
        for (let i = 0, at = c * 4; i < frames; i++, at += blockAlign)
          samples[i] = clamp(view.getFloat32(at, true));
        break;
      }
      case 'pcm_f64le': {
        for (let i = 0, at = c * 8; i < frames; i++, at += blockAlign)
          samples[i] = clamp(view.getFloat64(at, true));
        break;
      }
      case 'pcm_mulaw': {
        for (let i = 0, at = c; i < frames; i++, at += blockAlign)
          samples[i] = MU_LAW[bytes[at] ?? 0xff] ?? 0;
        break;
      }
      case 'pcm_alaw': {
        for (let i = 0, at = c; i < frames; i++, at += blockAlign) samples[i] = A_LAW[bytes[at] ?? 0xd5] ?? 0;
        break;
      }
    }
  }
  return out;
}

/** Float WAV may hold NaN or values past full scale; analysis wants finite samples in range. */
function clamp(value: number): number {
  if (value > 1) return 1;
  if (value < -1) return -1;
  return Number.isNaN(value) ? 0 : value;
}
