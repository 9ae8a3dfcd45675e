import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalMasterKeyProvider } from '../crypto/index.js';
import { masterKeyFingerprint } from './backup-keys.js';
import { keysDocument } from './keys-document.js';

describe('KEYS.md', () => {
  it('names the master key both ways: the backup fingerprint and the id the database and start-up errors use', () => {
    const key = randomBytes(32);
    const text = keysDocument({
      createdAt: '2026-12-04T00:00:00Z',
      switchboardVersion: '0.1.0',
      fingerprints: [masterKeyFingerprint(key)],
      masterKeys: { keys: [key], origin: 'environment' },
      included: false,
    });
    expect(text).toContain(`fingerprint \`${masterKeyFingerprint(key)}\``);
    expect(text).toContain(`\`${createLocalMasterKeyProvider(key).keyId}\``);
    expect(text).not.toContain(key.toString('base64'));
  });
});
