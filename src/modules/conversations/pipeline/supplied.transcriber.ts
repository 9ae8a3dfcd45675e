import { buffer } from 'node:stream/consumers';
import type { ObjectStore } from '../../../platform/objects/index.js';
import { PipelineFailure } from '../errors.js';
import { parseTranscript, TRANSCRIPT_PARSER_VERSION, TranscriptParseError } from '../transcripts/index.js';
import { configHash } from './provenance.js';
import type { Transcriber } from './transcriber.js';

export const SUPPLIED_PROVIDER = 'supplied';

/**
 * The transcript delivered with the recording (a caption file or a provider's JSON), read with
 * parseTranscript. It costs nothing and wins over every provider: the tenant already paid for it.
 */
export function createSuppliedTranscriber(objects: ObjectStore): Transcriber {
  return {
    name: SUPPLIED_PROVIDER,
    async transcribe(_ctx, request) {
      if (!request.suppliedTranscriptKey)
        throw new Error('the supplied transcriber needs a recording with a supplied transcript');
      const object = await objects.get(request.suppliedTranscriptKey);
      const bytes = await buffer(object.body);
      try {
        const transcript = parseTranscript(bytes);
        return {
          transcript,
          costMicros: null,
          provenance: {
            provider: SUPPLIED_PROVIDER,
            version: `parser-${TRANSCRIPT_PARSER_VERSION}`,
            configHash: configHash({ parser: TRANSCRIPT_PARSER_VERSION }),
            detail: {
              format: transcript.provenance.format,
              madeBy: transcript.provenance.provider,
              model: transcript.provenance.model,
            },
          },
        };
      } catch (error) {
        if (error instanceof TranscriptParseError)
          throw new PipelineFailure(
            'transcript_unreadable',
            `The supplied transcript could not be read: ${error.message}`,
            { cause: error },
          );
        throw error;
      }
    },
  };
}
