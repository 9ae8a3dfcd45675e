import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import { findRecording } from '../pipeline/pipeline.repo.js';

/**
 * The UUID behind a route's `rec_…` id, once the tenant's recording is known to exist: routes
 * under `/recordings/{id}/…` answer recordingNotFound (404) for a malformed id and for one the
 * tenant cannot see alike.
 */
export async function existingRecordingUuid(
  database: Database,
  ctx: RequestContext,
  id: string,
): Promise<string> {
  const uuid = fromPublicId('rec', id);
  if (!uuid) throw ConversationsErrors.recordingNotFound();
  const found = await database.withTenant<ConversationsTables, boolean>(ctx, async (trx) =>
    Boolean(await findRecording(trx, uuid)),
  );
  if (!found) throw ConversationsErrors.recordingNotFound();
  return uuid;
}
