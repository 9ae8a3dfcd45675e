import { grantSchemaUsage, sqlMigration, tenantIsolation, type MigrationSet } from '../db/index.js';
import { appRole } from '../db/migration-helpers.js';

/**
 * The bus's tables. Publishers write `outbox` in their own transaction (as the RLS-restricted
 * application role, so a tenant can only publish for itself). A relay moves committed rows, in
 * the order it sees them commit, either into `log` (PostgreSQL adapter) or to JetStream.
 */
export const busMigrations: MigrationSet = {
  schema: 'bus',
  migrations: [
    sqlMigration(
      '0001_outbox_log_groups',
      `
      ${grantSchemaUsage('bus')}

      CREATE TABLE bus.outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL,
        type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$'),
        tenant_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        key text,
        partition smallint NOT NULL CHECK (partition >= 0),
        traceparent text,
        data jsonb NOT NULL,
        -- Set by a dead-letter replay: only this consumer group receives the event.
        target_group text
      );
      -- The application role may only add rows, and only for the tenant of its transaction.
      ${tenantIsolation('bus.outbox', { privileges: ['INSERT'] })}
      GRANT USAGE ON SEQUENCE bus.outbox_seq_seq TO ${appRole};

      -- One wake-up per publishing statement (NOTIFY folds duplicates within a transaction and
      -- is delivered only on commit), so relays sleep until there is work instead of polling.
      CREATE FUNCTION bus.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('bus_outbox', ''); RETURN NULL; END $$;
      CREATE TRIGGER outbox_notify AFTER INSERT ON bus.outbox
        FOR EACH STATEMENT EXECUTE FUNCTION bus.notify_outbox();

      -- The PostgreSQL adapter's append-only log. Positions are assigned by the relay under an
      -- advisory lock, in the order rows became visible to it, so a reader that has seen
      -- position n will never later find a committed row below n (no outbox gaps).
      CREATE TABLE bus.log (
        position bigint NOT NULL,
        partition smallint NOT NULL,
        id uuid NOT NULL,
        type text NOT NULL,
        tenant_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        key text,
        traceparent text,
        data jsonb NOT NULL,
        target_group text,
        appended_at timestamptz NOT NULL DEFAULT now(),
        -- Readers only ever ask for one partition after a position: one index serves them all
        -- (positions are unique on their own; a second unique index would double the cost).
        PRIMARY KEY (partition, position)
      );
      CREATE INDEX log_appended_at ON bus.log USING brin (appended_at);
      -- The last position handed out; a counter rather than max(position) so that trimming old
      -- log rows can never make positions go back.
      CREATE TABLE bus.log_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position bigint NOT NULL
      );
      INSERT INTO bus.log_head VALUES (true, 0);

      CREATE TABLE bus.consumer_groups (
        name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
        topics text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- A group's position in each partition, and which consumer holds the partition's lease.
      CREATE TABLE bus.group_partitions (
        group_name text NOT NULL REFERENCES bus.consumer_groups ON DELETE CASCADE,
        partition smallint NOT NULL,
        position bigint NOT NULL,
        owner text,
        lease_until timestamptz,
        -- Failed deliveries of the event just after position, and when to try it again.
        failures int NOT NULL DEFAULT 0,
        retry_at timestamptz,
        last_error text,
        PRIMARY KEY (group_name, partition)
      );
      CREATE TABLE bus.group_members (
        group_name text NOT NULL REFERENCES bus.consumer_groups ON DELETE CASCADE,
        member text NOT NULL,
        heartbeat_at timestamptz NOT NULL,
        PRIMARY KEY (group_name, member)
      );

      CREATE TABLE bus.dead_letters (
        id uuid PRIMARY KEY,
        group_name text NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        tenant_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        key text,
        traceparent text,
        data jsonb NOT NULL,
        error text NOT NULL,
        error_code text,
        deliveries int NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        replay_count int NOT NULL DEFAULT 0
      );
      CREATE INDEX dead_letters_waiting ON bus.dead_letters (tenant_id, failed_at DESC) WHERE replayed_at IS NULL;
      CREATE INDEX dead_letters_group ON bus.dead_letters (group_name, failed_at DESC);
      -- At-least-once delivery can dead-letter the same event twice; keep one open letter.
      CREATE UNIQUE INDEX dead_letters_one_open ON bus.dead_letters (group_name, event_id) WHERE replayed_at IS NULL;
      -- Tenant admins see and replay their own letters through the API; the CLI uses the owner.
      ${tenantIsolation('bus.dead_letters', { privileges: ['SELECT', 'UPDATE'] })}

      -- Events a group's handler has applied, written in the same transaction as the effects.
      CREATE TABLE bus.inbox (
        group_name text NOT NULL,
        event_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_name, event_id)
      );
      CREATE INDEX inbox_handled_at ON bus.inbox USING brin (handled_at);
      ${tenantIsolation('bus.inbox', { privileges: ['SELECT', 'INSERT'] })}
      `,
    ),
    sqlMigration(
      '0002_dead_letter_discard',
      `
      -- A letter that must not be replayed (its cause cannot be fixed, or the work was done by
      -- other means) is discarded: kept, with who and when, but no longer waiting. Deleting it
      -- would lose the record and make the dead-lettered counter (count of rows) go back.
      ALTER TABLE bus.dead_letters ADD COLUMN discarded_at timestamptz, ADD COLUMN discarded_by text;
      -- "Open" now means neither replayed nor discarded: a discarded event that fails again gets
      -- a new letter instead of being folded into the discarded one.
      DROP INDEX bus.dead_letters_one_open;
      CREATE UNIQUE INDEX dead_letters_one_open ON bus.dead_letters (group_name, event_id)
        WHERE replayed_at IS NULL AND discarded_at IS NULL;
      DROP INDEX bus.dead_letters_waiting;
      CREATE INDEX dead_letters_waiting ON bus.dead_letters (tenant_id, failed_at DESC)
        WHERE replayed_at IS NULL AND discarded_at IS NULL;
      `,
    ),
    sqlMigration(
      '0003_dead_letter_category',
      `
      -- Why the handler gave up, in a word the console explains (dead-letter-category.ts), decided
      -- from the error object when the letter is written. Letters from before are categorised once
      -- from their code and text; what is not recognised stays handler_error.
      ALTER TABLE bus.dead_letters ADD COLUMN category text NOT NULL DEFAULT 'handler_error';
      UPDATE bus.dead_letters SET category = CASE
        WHEN error_code = 'BUS_MAX_DELIVERIES' OR error ~* '(timed? ?out|timeout|statement_timeout)' THEN 'timeout'
        WHEN error ~* '(ECONNREFUSED|connection terminated|terminating connection|too many clients)' THEN 'db_unavailable'
        WHEN error ~ '^ZodError' OR error_code ~ '_(INVALID|UNPROCESSABLE)' THEN 'schema_rejected'
        ELSE 'handler_error'
      END;
      CREATE INDEX dead_letters_category ON bus.dead_letters (tenant_id, category)
        WHERE replayed_at IS NULL AND discarded_at IS NULL;
      `,
    ),
  ],
};
