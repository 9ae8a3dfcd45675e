import type { Command } from 'commander';
import type { UploadOptions } from './recordings-upload.action.js';

/** `switchboard recordings upload`: a client of the HTTP API, authenticated by an API key. */
export function registerRecordingsCommands(program: Command): void {
  const recordings = program
    .command('recordings')
    .description('Recordings: upload them to a running Switchboard');
  recordings
    .command('upload')
    .description(
      'Upload a recording with its metadata through the API (streamed; files over --two-step-above MiB use the two-step upload)',
    )
    .argument('<file>', 'the audio file (WAV, MP3, Ogg, FLAC, ...)')
    .requiredOption(
      '--meta <file>',
      'the metadata as JSON (source, sourceRecordingId, startedAt, parties, ...)',
    )
    .option(
      '--transcript <file>',
      'a supplied transcript to import instead of transcribing (WebVTT, SRT, provider JSON)',
    )
    .option(
      '--url <url>',
      'the API base URL (default: SWITCHBOARD_URL, SWITCHBOARD_PUBLIC_URL or http://localhost:3000)',
    )
    .option('--api-key <key>', 'an API key with the scope recordings:ingest (default: SWITCHBOARD_API_KEY)')
    .option('--two-step-above <mib>', 'use the two-step upload for files larger than this many MiB', '64')
    .option('--quiet', 'no progress bar')
    .action(async (file: string, options: UploadOptions) => {
      const { uploadRecording } = await import('./recordings-upload.action.js');
      await uploadRecording(file, options);
    });
}
