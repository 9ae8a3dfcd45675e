import { multipartForm } from '../../../../platform/http/testing/multipart-body.js';
import { encodeWav } from '../../audio/wav.encode.js';
import { awsTranscriptWithSpokenCard, stereoCallWav } from '../../pipeline/testing/pipeline-fixtures.js';

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

/**
 * The upload API's form for the stereo test call with its AWS transcript supplied (the card
 * number read out on channel 0): `metadata` as given, then the audio, then the transcript.
 */
export function stereoCallUploadForm(metadata: object): ReturnType<typeof multipartForm> {
  return multipartForm([
    { name: 'metadata', contentType: 'application/json', body: JSON.stringify(metadata) },
    { name: 'audio', filename: 'call.wav', contentType: 'audio/wav', body: stereoCallWav() },
    {
      name: 'transcript',
      filename: 'aws.json',
      contentType: 'application/json',
      body: awsTranscriptWithSpokenCard(),
    },
  ]);
}
