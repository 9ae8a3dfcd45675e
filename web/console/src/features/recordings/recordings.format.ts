import { formattingLocale } from '@/i18n';
import type { Translation } from '@/i18n';
import type { BadgeTone } from '@/kit/Badge';
import type { Failure, RecordingState, TranscriptSpeaker } from '@/api/recordings';
import type { recordingWords } from './recordings.messages';

type Words = Translation<(typeof recordingWords)['en']>;

export const stateTone: Readonly<Record<RecordingState, BadgeTone>> = {
  uploading: 'neutral',
  queued: 'info',
  processing: 'info',
  ready: 'success',
  failed: 'danger',
};

/** Why it failed, in words a user can act on: ours for the codes we know, else the server's reason. */
export function failureWords(words: Words, failure: Failure | null): string {
  if (!failure) return words.failedUnknown;
  const known: Readonly<Record<string, string>> = words.failures;
  return known[failure.code] ?? failure.reason ?? words.failedUnknown;
}

/** "Agent", "Customer 2": a speaker's name by role, numbered when a role occurs more than once. */
export function speakerNames(
  words: Words,
  speakers: readonly Pick<TranscriptSpeaker, 'id' | 'role'>[],
): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const role of ['agent', 'customer', 'unknown'] as const) {
    const same = speakers.filter((s) => s.role === role);
    same.forEach((speaker, index) =>
      names.set(
        speaker.id,
        same.length > 1 || role === 'unknown'
          ? words.speakerName(words.roles[role], index + 1)
          : words.roles[role],
      ),
    );
  }
  return names;
}

/** 0:07.4: a moment in a recording, to the tenth of a second under ten minutes. */
export function formatMoment(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const minutes = Math.floor(total / 60);
  const seconds = Math.floor(total % 60);
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

const bytesFormat = () => new Intl.NumberFormat(formattingLocale(), { maximumFractionDigits: 1 });

/** 512 B, 3.4 MB, 4 GB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytesFormat().format(bytes)} B`;
  if (bytes < 1024 ** 2) return `${bytesFormat().format(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${bytesFormat().format(bytes / 1024 ** 2)} MB`;
  return `${bytesFormat().format(bytes / 1024 ** 3)} GB`;
}
