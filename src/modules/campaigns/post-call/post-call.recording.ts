import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { RequestContext } from '../../../platform/context.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { ConversationsApi, IncomingFile, RecordingMetadata } from '../../conversations/index.js';
import type { CallReport } from '../telephony/adapter.js';
import { transcriptToWebVtt } from './call-report.codec.js';

/*
 * The call's recording and transcript go to conversations as a recording like any other (source
 * `campaigns-<adapter>`, the attempt id as the source's recording id, so a second hand-over finds
 * the first). There the pipeline transcribes or reads the transcript, analyses it, and an opt-out
 * intent the voice agent missed still reaches the DNC list (suppression/opt-out.handler.ts).
 */

/** Downloads a recording a provider holds (its URL from the report), with the provider's auth where it needs one. */
export type RecordingFetch = (ctx: RequestContext, adapter: string, url: string) => Promise<IncomingFile>;

/** HTTP headers a provider's recording URLs need (Twilio: Basic with the account SID and token); none by default. */
export type RecordingAuth = (
  ctx: RequestContext,
  adapter: string,
) => Promise<Readonly<Record<string, string>> | undefined>;

export function recordingFetchOver(fetchImpl: typeof fetch, auth?: RecordingAuth): RecordingFetch {
  return async (ctx, adapter, url) => {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new Error(`recording URL scheme ${parsed.protocol} is not fetched`);
    const headers = (await auth?.(ctx, adapter)) ?? {};
    const response = await fetchImpl(parsed, { headers: { ...headers }, redirect: 'follow' });
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new Error(`the provider answered ${response.status} for the recording`);
    }
    return {
      body: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) as AsyncIterable<Buffer>,
      contentType: response.headers.get('content-type'),
      filename: null,
    };
  };
}

export interface CallForRecording {
  readonly attemptId: string;
  readonly campaignId: string;
  readonly adapter: string;
  /** E.164. */
  readonly customerNumber: string;
  readonly startedAt: Date;
}

/**
 * Hands the recording and/or transcript to conversations; answers the `rec_…` id, or undefined
 * when the report has neither. Throws when conversations refused or the download failed (what was
 * stored of this delivery is removed, the claim released: the retry starts afresh).
 */
export async function fileRecording(
  deps: {
    readonly conversations: Pick<ConversationsApi, 'recordings'>;
    readonly fetch: RecordingFetch;
    readonly logger: Logger;
  },
  ctx: RequestContext,
  call: CallForRecording,
  report: CallReport,
): Promise<string | undefined> {
  const vtt = report.transcript ? transcriptToWebVtt(report.transcript) : undefined;
  if (report.recording === undefined && vtt === undefined) return undefined;
  const metadata: RecordingMetadata = {
    source: `campaigns-${call.adapter}`,
    sourceRecordingId: call.attemptId,
    startedAt: call.startedAt.toISOString(),
    direction: 'outbound',
    parties: [
      { role: 'customer', number: call.customerNumber },
      { role: 'agent', name: call.adapter === 'twilio' ? 'Agent' : 'Voice agent' },
    ],
    tags: [call.campaignId],
  };
  const begun = await deps.conversations.recordings.begin(ctx, metadata);
  if (begun.status === 'existing') return begun.recording.id;
  const intake = begun.intake;
  try {
    const recording = report.recording;
    if (recording !== undefined) {
      const file =
        'bytes' in recording
          ? {
              body: Readable.from([recording.bytes]) as AsyncIterable<Buffer>,
              contentType: recording.contentType,
              filename: null,
            }
          : await deps.fetch(ctx, call.adapter, recording.url);
      await intake.putAudio(file);
    }
    if (vtt !== undefined) await intake.putTranscript({ bytes: Buffer.from(vtt), filename: 'call.vtt' });
    const summary = await intake.complete();
    return summary.id;
  } catch (error) {
    await intake
      .abort('the call recording could not be filed')
      .catch((abortError: unknown) =>
        deps.logger.warn(
          { err: abortError, recordingId: intake.recordingId },
          'aborting a recording intake failed',
        ),
      );
    throw error;
  }
}
