import type { Readable } from 'node:stream';
import type { RecordingDirection } from '../db/conversations.tables.js';

/**
 * What every pull connector gives the recordings ingest: one shape, whichever system the
 * recording came from. `metadata` is the recordings upload metadata; the ingest keys
 * idempotency on (source, sourceRecordingId), so a recording pulled twice (the look-back
 * re-scans on purpose) is stored once.
 */

export type PartyRole = 'agent' | 'customer';

export interface PulledParty {
  /** As the source wrote it (E.164, an extension, a SIP URI or a client id); null when withheld. */
  readonly number: string | null;
  readonly name: string | null;
  /** Null when the source does not say who is who. */
  readonly role: PartyRole | null;
  /** 0-based audio channel this party is on; null for mono or unknown. */
  readonly channel: number | null;
}

export interface PulledRecordingMetadata {
  /** `twilio`, `3cx`, or the name a REST connector is configured with (`oak`). */
  readonly source: string;
  readonly sourceRecordingId: string;
  /** ISO 8601 UTC. */
  readonly startedAt: string | null;
  readonly direction: RecordingDirection;
  readonly parties: readonly PulledParty[];
  /** The agent's name, extension or id as the source knows it. */
  readonly agent: string | null;
  readonly queue: string | null;
  /** BCP 47 when the source states it. */
  readonly language: string | null;
  readonly tags: readonly string[];
  /** The source's id of the call (Twilio CallSid, a recorder's call id): links to the call record. */
  readonly sourceCallId: string | null;
  /** As the source reports it; the pipeline measures the audio itself. */
  readonly durationMs: number | null;
}

export interface PulledAudio {
  readonly stream: Readable;
  /** From the download's Content-Type; falls back to the recording's `contentType`. */
  readonly contentType: string;
  /** Content-Length when the source sent one. */
  readonly bytes: number | null;
}

export interface PulledRecording {
  readonly metadata: PulledRecordingMetadata;
  /** What the audio is expected to be (`audio/wav`, `audio/mpeg`) before it is opened. */
  readonly contentType: string;
  /**
   * Starts the download. Retries (5xx, 429, network) happen before the stream is handed over;
   * the stream itself is not retried: a failure mid-body fails this recording, and the cursor
   * stays behind it so the next run pulls it again.
   */
  openAudio(signal?: AbortSignal): Promise<PulledAudio>;
}

/** Where a connector left off. JSON: the lead stores it per tenant and connector. */
export interface PullCursor {
  readonly version: 1;
  /** Every recording up to this instant (ISO) has been handed over, except those the look-back catches again. */
  readonly until: string;
}

export interface PullWindow {
  readonly since: Date;
  readonly until: Date;
}

export interface PullContext {
  readonly tenantId: string;
  /** Aborts the run (shutdown); in-flight requests are cancelled. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * One run of a connector over a window. Iterate it once; the recordings come as the source pages
 * through them (a grouping connector yields after its last page). `holdBackTo` is the earliest
 * instant the source saw something not ready yet (a recording still processing): the cursor must
 * not pass it.
 */
export interface PullPass extends AsyncIterable<PulledRecording> {
  readonly holdBackTo: () => Date | null;
  /** What the source skipped and why (absent recordings, legs dropped by grouping), for the run report. */
  readonly skipped: () => readonly SkippedRecording[];
}

export interface SkippedRecording {
  readonly sourceRecordingId: string;
  readonly reason: string;
}

/** The one interface every pull connector implements. */
export interface RecordingSource {
  /** `twilio`, `3cx`, `rest:<name>`: used in messages and as the cursor's key. */
  readonly name: string;
  /**
   * Recordings whose time (creation for Twilio, start for 3CX and REST) falls in
   * [since, until). Credentials are read from the tenant's secrets when the pass starts: a
   * missing secret or a refused credential throws a PullError before anything is yielded.
   */
  pull(ctx: PullContext, window: PullWindow): PullPass;
}
