import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/db/index.js';
import type { Surface } from '../../../platform/auth/index.js';
import type { NotificationsTables } from '../db/notifications.tables.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** How long a ticket may wait for its socket. */
export const ticketTtlMs = 60_000;

/**
 * Single-use, 60-second tickets for the WebSocket (a browser cannot send an Authorization header
 * with it). The ticket names its tenant (so it is looked up under row-level security) and a random
 * secret; only the secret's hash is stored.
 */
export function createSocketTickets(database: Database) {
  return {
    async issue(
      tenantId: string,
      userId: string,
      surface: Surface,
    ): Promise<{ ticket: string; expiresAt: Date }> {
      const secret = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + ticketTtlMs);
      await database.withTenant<NotificationsTables>({ tenantId }, async (trx) => {
        await trx
          .deleteFrom('notifications.socket_tickets')
          .where('expiresAt', '<', new Date(Date.now() - ticketTtlMs))
          .execute();
        await trx
          .insertInto('notifications.socket_tickets')
          .values({ ticketHash: hashOf(secret), tenantId, userId, surface, expiresAt, usedAt: null })
          .execute();
      });
      return { ticket: `${tenantId}.${secret}`, expiresAt };
    },
    /** The ticket's tenant and user, once; undefined when unknown, used, expired or for the other surface. */
    async redeem(
      ticket: string,
      surface: Surface,
    ): Promise<{ tenantId: string; userId: string } | undefined> {
      const [tenantId = '', secret = ''] = ticket.split('.');
      if (!uuidPattern.test(tenantId) || secret.length < 20) return undefined;
      const row = await database.withTenant<NotificationsTables, { userId: string } | undefined>(
        { tenantId },
        (trx) =>
          trx
            .updateTable('notifications.socket_tickets')
            .set({ usedAt: new Date() })
            .where('ticketHash', '=', hashOf(secret))
            .where('usedAt', 'is', null)
            .where('expiresAt', '>', new Date())
            .where('surface', '=', surface)
            .returning('userId')
            .executeTakeFirst(),
      );
      return row ? { tenantId, userId: row.userId } : undefined;
    },
  };
}

export type SocketTickets = ReturnType<typeof createSocketTickets>;
