import { describe, expect, it } from 'vitest';
import { apiKeyScopes, permissions } from '../../src/modules/identity/index.js';
import { allScopes } from '../../web/console/src/features/admin/api-keys/scopes.js';
import { consolePermissions } from '../../web/console/src/kit/permissions.js';

/** The console names permissions and scopes itself; these keep its names the server's. */
describe('the console and the server agree on names', () => {
  it('every permission the console checks is one the server grants', () => {
    expect(consolePermissions.filter((p) => !(permissions as readonly string[]).includes(p))).toEqual([]);
  });

  it('the API-key form offers exactly the scopes a key may carry', () => {
    expect([...allScopes].sort()).toEqual([...apiKeyScopes].sort());
  });
});
