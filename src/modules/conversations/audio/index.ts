/**
 * The audio library of conversations: decoding (native WAV, ffmpeg for the rest), resampling for
 * speech engines, and conversation characteristics without any model. Pure: no database, no bus.
 */
export { AudioError, AudioErrors, type AudioErrorCode, type AudioFailureReason } from './audio.errors.js';
export type {
  AudioContainer,
  AudioFormat,
  AudioSource,
  DecodeOutcome,
  NativeCodec,
  PlanarChunk,
  Span,
} from './audio.types.js';
export { AudioStream, readAll, type StreamHooks } from './audio-stream.js';
export { openAudio, openAudioFile, type OpenAudioOptions } from './open-audio.js';
export { ffmpegAvailable, type FfmpegOptions } from './ffmpeg.decode.js';
export { ENGINE_SAMPLE_RATE, Resampler, resample, type ResamplerOptions } from './resample.js';
export { encodeWav, engineAudio, pcm16WavHeader, toPcm16 } from './wav.encode.js';
export { FRAME_MS, FrameTrackBuilder, powerToDb, type ChannelTrack, type FrameTrack } from './frame-track.js';
export { detectVoiceActivity, type VadOptions } from './vad.js';
export { diariseMono, type MonoDiarisation, type MonoDiarisationOptions } from './mono-diarise.js';
export {
  conversationCharacteristics,
  speakerLoudness,
  talkSpeed,
  type CharacteristicsOptions,
  type ConversationCharacteristics,
  type Interruption,
  type Loudness,
  type SpeakerCharacteristics,
  type SpeakerSpeech,
  type TimedSpan,
} from './characteristics.js';
export {
  analyseAudio,
  analyseTrack,
  frameTrackOf,
  type AnalyseOptions,
  type AudioAnalysis,
} from './analyse-audio.js';
