import { AppError, type ErrorKind } from '../../../platform/errors.js';

/**
 * Why audio could not be decoded. A recording that fails with one of these is in state `failed`
 * with the reason; `unsupported_codec` is also the state of a recording whose format needs a
 * decoder this installation lacks (ffmpeg).
 */
export type AudioFailureReason =
  /** 0 bytes. */
  | 'empty'
  /** Bytes, but no container or codec we know (a PDF, a text file, random bytes). */
  | 'not_audio'
  /** A container we recognise whose structure is broken (a WAV without fmt chunk, a zero sample rate). */
  | 'malformed'
  /** A WAV whose header is complete but which holds no sample at all (cut before its audio). */
  | 'truncated'
  /** A codec we do not decode natively and no decoder for it is available. */
  | 'unsupported_codec'
  /** The external decoder (ffmpeg) ran and failed on the input. */
  | 'decoder_failed';

export type AudioErrorCode =
  | 'CONVERSATIONS_AUDIO_EMPTY'
  | 'CONVERSATIONS_AUDIO_NOT_AUDIO'
  | 'CONVERSATIONS_AUDIO_MALFORMED'
  | 'CONVERSATIONS_AUDIO_TRUNCATED'
  | 'CONVERSATIONS_AUDIO_UNSUPPORTED_CODEC'
  | 'CONVERSATIONS_AUDIO_DECODER_FAILED';

const codes: Record<AudioFailureReason, AudioErrorCode> = {
  empty: 'CONVERSATIONS_AUDIO_EMPTY',
  not_audio: 'CONVERSATIONS_AUDIO_NOT_AUDIO',
  malformed: 'CONVERSATIONS_AUDIO_MALFORMED',
  truncated: 'CONVERSATIONS_AUDIO_TRUNCATED',
  unsupported_codec: 'CONVERSATIONS_AUDIO_UNSUPPORTED_CODEC',
  decoder_failed: 'CONVERSATIONS_AUDIO_DECODER_FAILED',
};

function kindOf(reason: AudioFailureReason): ErrorKind {
  switch (reason) {
    case 'empty':
      return 'invalid_input';
    case 'not_audio':
    case 'malformed':
    case 'truncated':
    case 'unsupported_codec':
    case 'decoder_failed':
      // Well-formed requests whose content cannot be processed: never retried.
      return 'unprocessable';
  }
}

/** A decoding failure: terminal (the same bytes fail again), with the reason a recording shows. */
export class AudioError extends AppError {
  declare readonly code: AudioErrorCode;

  constructor(
    readonly reason: AudioFailureReason,
    message: string,
    /** For `unsupported_codec`: the codec or container, e.g. `mp3`, `gsm_ms (WAV format 0x0031)`. */
    readonly codec?: string,
    options: { cause?: unknown } = {},
  ) {
    super(codes[reason], kindOf(reason), message, options);
    this.name = 'AudioError';
  }
}

export const AudioErrors = {
  empty: () => new AudioError('empty', 'The audio is empty (0 bytes).'),
  notAudio: (detail: string) => new AudioError('not_audio', `This is not audio: ${detail}.`),
  malformed: (detail: string) => new AudioError('malformed', `The WAV file is malformed: ${detail}.`),
  noSamples: (detail: string) => new AudioError('truncated', `The WAV file holds no audio: ${detail}.`),
  unsupportedCodec: (codec: string, detail: string) => new AudioError('unsupported_codec', detail, codec),
  /** The codec needs ffmpeg and it is not installed (or not at the configured path). */
  ffmpegMissing: (codec: string, ffmpegPath: string) =>
    new AudioError(
      'unsupported_codec',
      `${codec} audio is decoded with ffmpeg, which is not installed (looked for '${ffmpegPath}'): ` +
        `apt-get install ffmpeg, or set the path of an ffmpeg binary.`,
      codec,
    ),
  decoderFailed: (codec: string, detail: string, cause?: unknown) =>
    new AudioError('decoder_failed', `ffmpeg could not decode this ${codec} audio: ${detail}`, codec, {
      cause,
    }),
} as const;
