import type { EventTrigger } from '../../../platform/jobs/index.js';
import { recordingReceivedV1 } from '../events.js';
import { recordingUuid, type PipelineService } from './pipeline.service.js';

/**
 * The `conversations-pipeline` consumer group: a received recording gets its first run (a
 * recording_runs row and the workflow `conversations.recording-<recording>-<run>`). The run id is
 * derived from the event id, so a redelivery finds the row and the workflow its first delivery
 * made and starts nothing twice.
 */
export function createRecordingReceivedHandler(pipeline: PipelineService): EventTrigger {
  return {
    group: 'conversations-pipeline',
    topics: [recordingReceivedV1.type],
    retry: { maxDeliveries: 8 },
    async handle(ctx, event) {
      const data = recordingReceivedV1.schema.parse(event.data);
      const recordingId = recordingUuid(data.recordingId);
      if (!recordingId) throw new Error(`conversations.recording.received.v1 with a malformed recordingId`);
      await pipeline.startReceived(ctx, recordingId, event.id);
    },
  };
}
