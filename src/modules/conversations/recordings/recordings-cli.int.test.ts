import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnCli } from '../../../../test/support/child-process.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { systemContext } from '../../../platform/context.js';
import { toneWav } from './testing/upload-forms.js';

const transcriptsDir = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/transcripts');

describe('switchboard recordings upload', () => {
  let t: TestPlatform;
  let dir: string;
  let url: string;
  let apiKey: string;
  let tenant: string;

  beforeAll(async () => {
    // Upload URLs are absolute, made from the public URL: the server listens where it says it is.
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    t = await createTestPlatform({
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64'), SWITCHBOARD_PUBLIC_URL: url },
    });
    tenant = (await createTenant(t.platform)).tenant.uuid;
    const created = await t.platform.modules.identity.apiKeys.create(systemContext(tenant, 'test', 'test'), {
      name: 'recorder',
      scopes: ['recordings:ingest'],
    });
    apiKey = created.key;
    const http = t.platform.http;
    if (!http) throw new Error('no HTTP');
    await http.listen({ port, host: '127.0.0.1' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'recordings-cli-'));
    await writeFile(path.join(dir, 'call.wav'), toneWav(2));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    const cli = spawnCli(['recordings', 'upload', ...args, '--url', url, '--quiet'], {
      SWITCHBOARD_API_KEY: apiKey,
    });
    const code = await cli.exited;
    return { code, output: cli.output() };
  };
  const metaFile = async (name: string, sourceRecordingId: string) => {
    const file = path.join(dir, name);
    await writeFile(file, JSON.stringify({ source: 'cli', sourceRecordingId, direction: 'outbound' }));
    return file;
  };

  it(
    'uploads in one request, and says so when the recording was received before',
    { timeout: 120_000 },
    async () => {
      const meta = await metaFile('one.json', 'cli-1');
      const first = await run([path.join(dir, 'call.wav'), '--meta', meta]);
      expect(first.code, first.output).toBe(0);
      expect(first.output).toMatch(/Uploaded rec_\w+ \(queued, not linked to a call yet\)/);
      const again = await run([path.join(dir, 'call.wav'), '--meta', meta]);
      expect(again.output).toMatch(/Already received: rec_\w+/);
    },
  );

  it(
    'uploads in two steps above the threshold, and with a supplied transcript',
    { timeout: 120_000 },
    async () => {
      const twoStep = await run([
        path.join(dir, 'call.wav'),
        '--meta',
        await metaFile('two.json', 'cli-2'),
        '--two-step-above',
        '0',
      ]);
      expect(twoStep.code, twoStep.output).toBe(0);
      const id = /Uploaded (rec_\w+) \(queued/.exec(twoStep.output)?.[1] ?? '';
      const stored = await t.platform.modules.conversations.recordings.get(
        systemContext(tenant, 'test', 'test'),
        id,
      );
      expect(stored.audio?.bytes).toBe((await readFile(path.join(dir, 'call.wav'))).length);

      const withTranscript = await run([
        path.join(dir, 'call.wav'),
        '--meta',
        await metaFile('three.json', 'cli-3'),
        '--transcript',
        path.join(transcriptsDir, 'deepgram-captions-speakers.srt'),
      ]);
      expect(withTranscript.code, withTranscript.output).toBe(0);
    },
  );

  it('prints the refusal with the field it names', { timeout: 120_000 }, async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ source: 'cli', sourceRecordingId: 'x', queue: 'a\u0000b' }));
    const refused = await run([path.join(dir, 'call.wav'), '--meta', bad]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('metadata.queue');
  });

  it('names a file it cannot read, without a stack trace', { timeout: 120_000 }, async () => {
    const missing = path.join(dir, 'missing.json');
    const refused = await run([path.join(dir, 'call.wav'), '--meta', missing]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`switchboard: ${missing}: no such file or directory`);
    expect(refused.output).not.toContain('    at ');
  });
});
