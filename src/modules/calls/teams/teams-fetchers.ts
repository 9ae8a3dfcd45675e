import { systemContext } from '../../../platform/context.js';
import { mapLimited } from '../../../platform/concurrency.js';
import type { GraphCallRecordResult } from './graph-client.js';
import { teamsItems } from './normalise-teams.js';
import { quarantine, skip, type ParsedItem } from '../connectors/parse-result.js';
import {
  parseGraphNotifications,
  type CallRecordChangeNotification,
  type LifecycleNotification,
} from './teams-notifications.js';
import type { TeamsGraphClients } from './teams-credentials.js';
import type { TeamsSubscriptionService } from './teams-subscription.service.js';
import { fromGraph } from '../errors.js';

/** How a payload kind that names work, rather than carrying calls, becomes parsed items. */
export type PayloadFetcher = (tenantId: string, body: Buffer) => Promise<ParsedItem[]>;

/** A notification as kept in an item's raw, without the shared secret it carried. */
const withoutClientState = (notification: { clientState: string | null } | undefined): unknown =>
  notification && { ...notification, clientState: null };

/** Call records fetched at once for one notification batch (Graph sends up to a few hundred). */
const fetchConcurrency = 4;

/**
 * The `graph-notification` and `graph-lifecycle` payloads the Teams webhook stores, as the
 * calls-transform consumer's fetchers:
 *
 * - a change notification names call records: each is fetched from Graph with its sessions and
 *   segments (every nextLink followed) and normalised; Graph answering 404 (the record is older
 *   than the 30 days Graph keeps, or was deleted) gives a `skipped` item with that reason, since
 *   there is nothing to repair or replay. Throttling and outages are retried inside the Graph
 *   client (Retry-After honoured) and then thrown as CALLS_TEAMS_GRAPH_UNAVAILABLE, which the bus
 *   retries with backoff; refusals (credentials, permission) are thrown as terminal errors and
 *   the payload waits in the dead letters until someone fixes the cause and replays it.
 * - a lifecycle notification is housekeeping: its action is taken (reauthorize, recreate,
 *   backfill) and reported as a `skipped` item saying what was done.
 */
export function createTeamsFetchers(deps: {
  clients: TeamsGraphClients;
  subscriptions: TeamsSubscriptionService;
}): Record<'graph-notification' | 'graph-lifecycle', PayloadFetcher> {
  const { clients, subscriptions } = deps;

  async function changeNotifications(
    tenantId: string,
    notifications: readonly CallRecordChangeNotification[],
  ): Promise<ParsedItem[]> {
    const ctx = systemContext(tenantId, 'teams-notification', 'teams-fetch');
    const items: ParsedItem[] = [];
    const byId = new Map<string, CallRecordChangeNotification>();
    for (const notification of notifications) {
      if (notification.callRecordId === null)
        items.push(
          skip(
            `change notification names no call record (resource "${notification.resource}")`,
            withoutClientState(notification),
          ),
        );
      // Graph may notify one call twice in a batch (created, then updated): one fetch gets the latest.
      else byId.set(notification.callRecordId, notification);
    }
    if (byId.size === 0) return items;
    const client = await clients.forTenant(ctx, 'fetch');
    const fetched = await mapLimited(
      [...byId.keys()],
      fetchConcurrency,
      async (id): Promise<[string, GraphCallRecordResult]> => {
        try {
          return [id, await client.getCallRecord(id)];
        } catch (error) {
          throw fromGraph(error, `the call record ${id}`);
        }
      },
    );
    for (const [id, result] of fetched) {
      if (result.status === 'found') items.push(...teamsItems(result.callRecord));
      else
        items.push(
          skip(
            `call record ${id} is not in Microsoft Graph (404): older than the 30 days Graph keeps call records, or deleted`,
            withoutClientState(byId.get(id)),
          ),
        );
    }
    await subscriptions.noteNotification(ctx);
    return items;
  }

  async function lifecycleNotifications(
    tenantId: string,
    notifications: readonly LifecycleNotification[],
  ): Promise<ParsedItem[]> {
    const ctx = systemContext(tenantId, 'teams-lifecycle', 'teams-lifecycle');
    const items: ParsedItem[] = [];
    // In order: a batch may hold several events, each handled on its own.
    for (const notification of notifications)
      items.push(
        skip(
          `Graph lifecycle notification ${notification.lifecycleEventRaw}: ${await subscriptions.handleLifecycle(ctx, notification)}`,
          withoutClientState(notification),
        ),
      );
    return items;
  }

  /** Either kind may arrive under either format name; the body says which it is. */
  const fetcher: PayloadFetcher = async (tenantId, body) => {
    const parsed = parseGraphNotifications(body.toString('utf8'));
    if (!parsed.ok) return [quarantine(parsed.error, body, { category: 'unknown_format' })];
    return parsed.batch.kind === 'lifecycleNotifications'
      ? lifecycleNotifications(tenantId, parsed.batch.notifications)
      : changeNotifications(tenantId, parsed.batch.notifications);
  };
  return { 'graph-notification': fetcher, 'graph-lifecycle': fetcher };
}
