import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CallSource, NormalisedCall } from '../call-record.js';
import { callConnectors } from '../connectors/connector-registry.js';

/*
 * Real normalised calls: the call fixtures in shared/fixtures/real (CDRs and call records as
 * Asterisk, FreeSWITCH, 3CX, CUCM, Amazon Connect, Genesys, Teams, Twilio and vCon publish them)
 * through the connectors, as ingest reads them. The call benchmarks encrypt these (a few distinct
 * real records re-encrypted per call) so that record_ciphertext has its production size.
 */

const fixtureDir = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real');

const fixtureSources: Readonly<Record<string, CallSource>> = {
  asterisk: 'asterisk',
  freeswitch: 'freeswitch',
  '3cx': '3cx',
  cucm: 'cucm',
  connect: 'connect',
  genesys: 'genesys',
  teams: 'teams',
  twilio: 'twilio',
  vcon: 'vcon',
};

/** Every call record the connectors make of the real fixtures (files they refuse are passed over). */
export function realCalls(): NormalisedCall[] {
  const calls: NormalisedCall[] = [];
  for (const [dir, source] of Object.entries(fixtureSources)) {
    let files: string[];
    try {
      files = readdirSync(path.join(fixtureDir, dir));
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      const raw = readFileSync(path.join(fixtureDir, dir, file), 'utf8');
      try {
        for (const item of callConnectors[source].parseItems(raw, {}))
          if (item.kind === 'record') calls.push(item.record);
      } catch {
        // Not a call payload (signature vectors, subscription requests): not a record.
      }
    }
  }
  return calls;
}
