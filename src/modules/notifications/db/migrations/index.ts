import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const notificationsMigrations: MigrationSet = {
  schema: 'notifications',
  migrations: [
    sqlMigration(
      '0001_notifications',
      `
      ${grantSchemaUsage('notifications')}
      -- One notification per recipient. Title and body are sealed under the recipient's subject key
      -- (crypto-shredding); source_key makes an event's notification idempotent per recipient.
      CREATE TABLE notifications.notifications (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        user_id text NOT NULL CHECK (length(user_id) BETWEEN 1 AND 100),
        type text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
        content_ciphertext bytea NOT NULL,
        in_app boolean NOT NULL DEFAULT true,
        source_key text CHECK (length(source_key) <= 300),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE UNIQUE INDEX notifications_source_key ON notifications.notifications (tenant_id, source_key)
        WHERE source_key IS NOT NULL;
      CREATE INDEX notifications_inbox ON notifications.notifications (tenant_id, user_id, id DESC) WHERE in_app;
      CREATE INDEX notifications_unread ON notifications.notifications (tenant_id, user_id) WHERE in_app AND read_at IS NULL;
      CREATE INDEX notifications_created ON notifications.notifications (created_at);
      ${tenantIsolation('notifications.notifications')}

      -- One row per channel of a notification: its status, attempts and the address it goes to
      -- (sealed under the address's and the recipient's subject keys; address_ref finds it by e-mail or phone).
      CREATE TABLE notifications.deliveries (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        notification_id uuid NOT NULL REFERENCES notifications.notifications (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
        status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'deferred', 'not_configured', 'skipped_by_preference')),
        address_ciphertext bytea,
        address_ref text,
        content_ciphertext bytea,
        attempts integer NOT NULL DEFAULT 0,
        due_at timestamptz NOT NULL DEFAULT now(),
        reason text CHECK (length(reason) <= 1000),
        provider_id text CHECK (length(provider_id) <= 200),
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel)
      );
      CREATE INDEX deliveries_due ON notifications.deliveries (due_at) WHERE status IN ('queued', 'deferred', 'sending');
      CREATE INDEX deliveries_address ON notifications.deliveries (tenant_id, address_ref) WHERE address_ref IS NOT NULL;
      ${tenantIsolation('notifications.deliveries')}

      -- Per-tenant templates; the defaults live in code (templates/default-templates.ts).
      CREATE TABLE notifications.templates (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        type text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
        channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
        language text NOT NULL CHECK (length(language) BETWEEN 2 AND 20),
        subject text NOT NULL CHECK (length(subject) <= 500),
        body text NOT NULL CHECK (length(body) <= 20000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, type, channel, language)
      );
      ${tenantIsolation('notifications.templates')}

      -- A user's choices: channels per type, quiet hours, language, the phone for SMS (sealed).
      CREATE TABLE notifications.preferences (
        tenant_id uuid NOT NULL,
        user_id text NOT NULL CHECK (length(user_id) BETWEEN 1 AND 100),
        channels jsonb NOT NULL DEFAULT '{}',
        quiet_start text CHECK (quiet_start ~ '^[0-2][0-9]:[0-5][0-9]$'),
        quiet_end text CHECK (quiet_end ~ '^[0-2][0-9]:[0-5][0-9]$'),
        time_zone text CHECK (length(time_zone) <= 100),
        language text CHECK (length(language) BETWEEN 2 AND 20),
        phone_ciphertext bytea,
        phone_ref text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      );
      ${tenantIsolation('notifications.preferences')}

      -- Single-use tickets for the WebSocket (browsers cannot set headers on it): stored as a hash.
      CREATE TABLE notifications.socket_tickets (
        ticket_hash text PRIMARY KEY,
        tenant_id uuid NOT NULL,
        user_id text NOT NULL,
        surface text NOT NULL CHECK (surface IN ('internal', 'external')),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      ${tenantIsolation('notifications.socket_tickets')}
      `,
    ),
    sqlMigration(
      '0002_restrictions',
      `
      -- Subjects whose processing is restricted (GDPR Art. 18, privacy.restrict): a user id (usr_…)
      -- or the subject reference of an e-mail or phone (never the plaintext). While a row is here,
      -- optional notifications are not sent to them; transactional ones still are.
      CREATE TABLE notifications.restrictions (
        tenant_id uuid NOT NULL,
        subject_ref text NOT NULL CHECK (length(subject_ref) BETWEEN 1 AND 200),
        restricted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, subject_ref)
      );
      ${tenantIsolation('notifications.restrictions')}
      `,
    ),
  ],
};
