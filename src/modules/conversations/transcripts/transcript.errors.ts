import { AppError } from '../../../platform/errors.js';
import type { TranscriptFormat } from './transcript.schema.js';

export type TranscriptErrorReason = 'unrecognised' | 'invalid' | 'too_large' | 'not_text';

const CODES: Record<TranscriptErrorReason, string> = {
  unrecognised: 'CONVERSATIONS_TRANSCRIPT_UNRECOGNISED',
  invalid: 'CONVERSATIONS_TRANSCRIPT_INVALID',
  too_large: 'CONVERSATIONS_TRANSCRIPT_TOO_LARGE',
  not_text: 'CONVERSATIONS_TRANSCRIPT_NOT_TEXT',
};

/**
 * A supplied transcript that cannot be read. The message names the format, where (a line of a
 * caption file, a JSON path) and what is wrong, so an uploader can fix the file; `fields` carries
 * the same for a problem+json answer (`transcript.results.items.3.start_time`).
 */
export class TranscriptParseError extends AppError {
  readonly reason: TranscriptErrorReason;
  readonly format: TranscriptFormat | null;
  /** `line 12` or a dotted JSON path; null when the problem is the whole input. */
  readonly location: string | null;

  constructor(
    reason: TranscriptErrorReason,
    format: TranscriptFormat | null,
    location: string | null,
    problem: string,
    cause?: unknown,
  ) {
    const where = location === null ? '' : ` at ${location}`;
    const what = format === null ? 'Transcript' : `${format} transcript`;
    super(
      CODES[reason],
      reason === 'too_large' ? 'payload_too_large' : 'invalid_input',
      `${what}${where}: ${problem}`,
      {
        fields: [
          {
            field:
              location === null || location.startsWith('line ') ? 'transcript' : `transcript.${location}`,
            message: problem,
          },
        ],
        cause,
      },
    );
    this.name = 'TranscriptParseError';
    this.reason = reason;
    this.format = format;
    this.location = location;
  }
}

export function invalidTranscript(
  format: TranscriptFormat,
  location: string | null,
  problem: string,
): TranscriptParseError {
  return new TranscriptParseError('invalid', format, location, problem);
}
