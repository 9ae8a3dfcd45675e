/**
 * The waveform's peaks: the largest absolute sample of each of `buckets` equal slices of the
 * audio (all channels), scaled so the loudest is 1. A quiet recording still fills the height.
 */
export function peaksOf(channels: readonly Float32Array[], buckets: number): Float32Array {
  const peaks = new Float32Array(buckets);
  const length = Math.max(0, ...channels.map((c) => c.length));
  if (length === 0 || buckets <= 0) return peaks;
  const size = length / buckets;
  for (let b = 0; b < buckets; b += 1) {
    const from = Math.floor(b * size);
    const to = Math.max(from + 1, Math.floor((b + 1) * size));
    let peak = 0;
    for (const channel of channels) {
      // A long recording has millions of samples a bucket: every sample is not needed for a pixel.
      const step = Math.max(1, Math.floor((to - from) / 2048));
      for (let i = from; i < to && i < channel.length; i += step) {
        const v = Math.abs(channel[i] ?? 0);
        if (v > peak) peak = v;
      }
    }
    peaks[b] = peak;
  }
  let max = 0;
  for (const p of peaks) if (p > max) max = p;
  if (max > 0) for (let b = 0; b < buckets; b += 1) peaks[b] = (peaks[b] ?? 0) / max;
  return peaks;
}

/**
 * Fetches the audio and decodes it with the Web Audio API; null where the browser cannot (no
 * AudioContext, a codec it does not decode, a file too large to fetch whole): the page then shows
 * the timeline without a waveform.
 */
export async function decodePeaks(
  url: string,
  buckets: number,
  signal: AbortSignal,
): Promise<Float32Array | null> {
  const audioGlobals = globalThis as {
    AudioContext?: typeof AudioContext;
    webkitAudioContext?: typeof AudioContext;
  };
  const Context = audioGlobals.AudioContext ?? audioGlobals.webkitAudioContext;
  if (!Context) return null;
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) return null;
    const declared = Number(response.headers.get('content-length'));
    // Whole files only up to 200 MB: beyond that decoding would take the tab's memory.
    if (Number.isFinite(declared) && declared > 200 * 1024 * 1024) return null;
    const bytes = await response.arrayBuffer();
    const context = new Context();
    try {
      const audio = await context.decodeAudioData(bytes);
      const channels = Array.from({ length: audio.numberOfChannels }, (_, i) => audio.getChannelData(i));
      return peaksOf(channels, buckets);
    } finally {
      void context.close();
    }
  } catch {
    return null;
  }
}
