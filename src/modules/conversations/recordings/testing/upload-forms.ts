import { encodeWav } from '../../audio/wav.encode.js';

/** Test helpers: multipart bodies (the platform's) and small WAV files. */
export { multipartForm, type FormPart } from '../../../../platform/http/testing/multipart-body.js';

/** A mono 8 kHz 16-bit WAV of a tone, `seconds` long. */
export function toneWav(seconds = 1, frequency = 440): Buffer {
  const sampleRate = 8000;
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++)
    samples[i] = 0.3 * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return Buffer.from(encodeWav([samples], sampleRate));
}
