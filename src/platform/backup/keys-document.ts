import { createLocalMasterKeyProvider } from '../crypto/index.js';
import type { MasterKeys } from './backup-keys.js';

/** KEYS.md of a backup: the key material it does not hold, and the order a restore needs it in. */
export function keysDocument(facts: {
  readonly createdAt: string;
  readonly switchboardVersion: string;
  readonly fingerprints: readonly string[];
  readonly masterKeys: MasterKeys;
  readonly included: boolean;
}): string {
  const [current, ...previous] = facts.fingerprints;
  // The same key as the database's data keys and the start-up check name it (crypto.tenant_keys.master_key_id).
  const currentKey = facts.masterKeys.keys[0];
  const keyringId = currentKey ? createLocalMasterKeyProvider(currentKey).keyId : undefined;
  const alsoNamed = keyringId ? ` — the database and start-up errors name it \`${keyringId}\`` : '';
  const source =
    facts.masterKeys.origin === 'environment'
      ? 'the environment variable SWITCHBOARD_MASTER_KEY'
      : `the key file ${facts.masterKeys.path ?? '<data dir>/master.key'}`;
  const masterKeySection = facts.included
    ? [
        '## The master key IS in this backup (master.key)',
        '',
        'It was written on purpose (`--include-master-key`). Whoever reads this backup can decrypt every',
        "tenant's data: keep it where only the people who may restore can read it, or move master.key to",
        'a separate place (a password manager, a sealed envelope) and delete it here.',
      ]
    : [
        '## NOT in this backup',
        '',
        `- **The master key** (fingerprint \`${current}\`${alsoNamed}), read at backup time from ${source}.`,
        "  Every tenant's data key, blind-index key, subject key, signing key and secret in the database",
        '  is wrapped by it, and the object copies are encrypted under a key derived from it. Without it',
        '  this backup is noise. Keep it apart from the backup (a secrets manager, a password manager, a',
        '  sealed envelope), and keep an old key for as long as backups made with it are kept.',
      ];
  return [
    '# Key material of this backup',
    '',
    `Made ${facts.createdAt} by Switchboard ${facts.switchboardVersion}.`,
    '',
    ...masterKeySection,
    ...(previous.length > 0
      ? [
          `- The previous master keys (${previous.map((f) => `\`${f}\``).join(', ')}) named in`,
          '  SWITCHBOARD_PREVIOUS_MASTER_KEYS: some data keys may still be wrapped by them.',
        ]
      : []),
    '- Credentials of the services: DATABASE_URL / DATABASE_APP_URL, OBJECT_STORE_URL (S3/Azure keys),',
    '  NATS_URL, REDIS_URL, OIDC client secrets in the environment. They belong to the deployment',
    '  configuration, not to the data.',
    '- The embedded PostgreSQL password file: a restore into a new data dir makes a new one.',
    '',
    '## In this backup, wrapped or encrypted',
    '',
    '- Tenant data keys and blind-index keys (crypto.tenant_keys), subject keys and their shred',
    '  tombstones (crypto.subject_keys), signing keys (identity.signing_keys), tenant secrets',
    '  (secrets.tenant_secrets): all wrapped by the master key, in the database dump.',
    '- Object copies (objects/): encrypted under a key derived from the master key.',
    '',
    '## Restore in this order',
    '',
    '1. **Master key first.** Give the restored installation the key with the fingerprint above:',
    '   `SWITCHBOARD_MASTER_KEY=<base64>` in its environment, or the file `<data dir>/master.key`',
    '   (the base64 on one line, `chmod 600`). `switchboard restore` refuses a key with another',
    '   fingerprint before it touches the database, and never generates one.',
    '2. **Database**: `switchboard restore <this backup>` into an empty database (or an empty data',
    '   dir for the embedded PostgreSQL).',
    '3. **Objects**: the same command puts back the copied objects, or checks that the object store',
    '   (S3/Azure, restored from its own versioning or replica) holds every object of objects.jsonl.',
    '4. **Tombstones and checks**: it shreds again the subject keys erased after this backup (their',
    '   tombstones are in the object store), then checks row counts, object checksums and the audit',
    '   chains. Start Switchboard only after it reports success.',
    '',
    'See docs/backup.md.',
    '',
  ].join('\n');
}
