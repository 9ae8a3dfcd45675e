import type { RecordingMetadata } from '../contract.js';
import { ConversationsErrors } from '../errors.js';
import type { PulledRecordingMetadata } from '../pull/index.js';
import { metadataLimits, recordingMetadataSchema } from '../recordings/recording-metadata.schema.js';

/*
 * A pulled recording's metadata as the recordings intake takes it (the same schema as an upload's).
 * What another system says is trimmed to the upload limits rather than refused: a tag too long or
 * a 17th party does not cost the recording. What still does not pass (an unusable id) fails this
 * one recording, terminally, with the field named.
 */

const clip = (value: string | null | undefined, max: number): string | undefined => {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim().slice(0, max);
  return trimmed === '' ? undefined : trimmed;
};

const languageTag = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export function toRecordingMetadata(pulled: PulledRecordingMetadata): RecordingMetadata {
  const parties = pulled.parties
    .map((party) => {
      const number = clip(party.number, 128);
      const name = clip(party.name, 256);
      return {
        ...(number === undefined ? {} : { number }),
        ...(name === undefined ? {} : { name }),
        ...(party.role === null ? {} : { role: party.role }),
        ...(party.channel !== null &&
        Number.isInteger(party.channel) &&
        party.channel >= 0 &&
        party.channel <= 7
          ? { channel: party.channel }
          : {}),
      };
    })
    .filter((party) => party.number !== undefined || party.name !== undefined)
    .slice(0, metadataLimits.parties);
  const tags = [...new Set(pulled.tags.flatMap((tag) => clip(tag, 64) ?? []))].slice(0, metadataLimits.tags);
  const agent = clip(pulled.agent, 256);
  const queue = clip(pulled.queue, 256);
  const language = clip(pulled.language, 35);
  const sourceCallId = clip(pulled.sourceCallId, 256);
  const candidate = {
    source: pulled.source,
    sourceRecordingId: pulled.sourceRecordingId,
    ...(pulled.startedAt === null ? {} : { startedAt: pulled.startedAt }),
    direction: pulled.direction,
    ...(parties.length > 0 ? { parties } : {}),
    ...(agent === undefined ? {} : { agent: { id: agent } }),
    ...(queue === undefined ? {} : { queue }),
    ...(language !== undefined && languageTag.test(language) ? { language } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(sourceCallId === undefined ? {} : { sourceCallId }),
  };
  const parsed = recordingMetadataSchema.safeParse(candidate);
  if (!parsed.success)
    throw ConversationsErrors.pulledMetadataInvalid(
      parsed.error.issues.slice(0, 10).map((issue) => ({
        field: ['metadata', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  return parsed.data;
}
