import type { AudioContainer } from './audio.types.js';

/** Bytes the sniffer looks at (a raw GSM stream is recognised by its first frames). */
export const SNIFF_BYTES = 33 * 12;

const ascii = (b: Uint8Array, at: number, text: string) => {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** What a non-audio file probably is, for the error message. */
const NOT_AUDIO: readonly [string, string][] = [
  ['%PDF', 'a PDF document'],
  ['PK\u0003\u0004', 'a ZIP archive'],
  ['{', 'JSON text'],
  ['[', 'JSON text'],
  ['<', 'XML or HTML text'],
  ['\u0089PNG', 'a PNG image'],
  ['GIF8', 'a GIF image'],
];

/**
 * The container of an audio file from its first bytes, or a description of what it is instead.
 * Headerless formats other than GSM 6.10 (raw PCM, raw G.711) cannot be told from noise and are
 * not guessed.
 */
export function sniffContainer(head: Uint8Array): { container: AudioContainer } | { notAudio: string } {
  if (ascii(head, 0, 'RIFF') || ascii(head, 0, 'RF64') || ascii(head, 0, 'RIFX')) return { container: 'wav' };
  if (ascii(head, 0, 'ID3')) return { container: 'mp3' };
  if (ascii(head, 0, 'OggS')) return { container: 'ogg' };
  if (ascii(head, 0, 'fLaC')) return { container: 'flac' };
  if (ascii(head, 0, '#!AMR')) return { container: 'amr' };
  if (ascii(head, 0, '.snd')) return { container: 'au' };
  if (ascii(head, 0, 'FORM') && (ascii(head, 8, 'AIFF') || ascii(head, 8, 'AIFC')))
    return { container: 'aiff' };
  if (ascii(head, 4, 'ftyp')) return { container: 'mp4' };
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)
    return { container: 'webm' };
  const b0 = head[0] ?? 0;
  const b1 = head[1] ?? 0;
  // ADTS AAC: sync 0xFFF, layer 00. MPEG audio: sync 0xFFE, layer ≠ 00, a valid bitrate index.
  if (b0 === 0xff && (b1 & 0xf6) === 0xf0) return { container: 'aac' };
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0 && (head[2] ?? 0) >> 4 !== 0x0f)
    return { container: 'mp3' };
  // GSM 06.10 (.gsm): 33-byte frames, each starting with the 0xD signature nibble.
  if ((head.length >= 33 * 8 && head.length % 33 === 0) || head.length >= SNIFF_BYTES) {
    const frames = Math.floor(Math.min(head.length, SNIFF_BYTES) / 33);
    let gsm = frames >= 8;
    for (let f = 0; gsm && f < frames; f++) gsm = ((head[f * 33] ?? 0) & 0xf0) === 0xd0;
    if (gsm) return { container: 'gsm' };
  }
  for (const [magic, what] of NOT_AUDIO)
    if (ascii(head, 0, magic)) return { notAudio: `it looks like ${what}` };
  const hex = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return { notAudio: `no audio format starts with the bytes ${hex}` };
}
