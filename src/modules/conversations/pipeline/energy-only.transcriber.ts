import { PipelineFailure } from '../errors.js';
import type { Transcriber } from './transcriber.js';

export const ENERGY_ONLY_PROVIDER = 'energy-only';

/**
 * What an installation without any speech engine has: the characteristics of the audio (voice
 * activity, talk time, loudness) are measured, but there is nothing to turn speech into words,
 * so the run ends with `no_local_engine` and says what to install. The last provider of the
 * default order, so any real one configured before it is tried first.
 */
export function createEnergyOnlyTranscriber(): Transcriber {
  return {
    name: ENERGY_ONLY_PROVIDER,
    transcribe() {
      return Promise.reject(
        new PipelineFailure(
          'no_local_engine',
          'No transcript was supplied and this installation has no speech engine: install whisper.cpp ' +
            '(the whisper-cli binary and a ggml model such as ggml-base.bin) for local transcription, ' +
            'or configure a cloud provider (Deepgram, OpenAI, AWS Transcribe) and list it in the ' +
            'conversations settings; then start a new run of the recording.',
        ),
      );
    },
  };
}
