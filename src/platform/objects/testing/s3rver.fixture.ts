import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * A real S3-compatible server for integration tests: s3rver, in a child process.
 *
 * Not in-process because s3rver encrypts ListObjectsV2 continuation tokens with DES, which
 * OpenSSL 3 (Node 17+) only provides with --openssl-legacy-provider; without it every
 * truncated listing fails with a 500. A child process gets the flag without touching the
 * test runner's own flags.
 */
export interface S3rverFixture {
  readonly endpoint: string;
  readonly bucket: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** The server's process (benchmarks count its CPU). */
  readonly pid: number | undefined;
  /** A plain SDK client for the test to go behind the adapter's back. */
  readonly client: S3Client;
  /** The S3 adapter's connection options for this server (add a prefix and any limits). */
  readonly storeOptions: {
    readonly bucket: string;
    readonly endpoint: string;
    readonly region: string;
    readonly forcePathStyle: true;
    readonly credentials: { accessKeyId: string; secretAccessKey: string };
  };
  stop(): Promise<void>;
}

const CHILD_SCRIPT = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: process.env.S3RVER_DIR });
server.run().then(({ port }) => process.stdout.write('S3RVER_PORT ' + port + '\\n'));
// Exit with the parent: stdin closes when the test process goes away.
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
`;

export async function startS3rver(): Promise<S3rverFixture> {
  const directory = await mkdtemp(join(tmpdir(), 'sb-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', CHILD_SCRIPT], {
    env: {
      ...process.env,
      S3RVER_MODULE: createRequire(import.meta.url).resolve('s3rver'),
      S3RVER_DIR: directory,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await readPort(child, /S3RVER_PORT (\d+)/);
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = 'switchboard-test';
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    credentials,
    pid: child.pid,
    client,
    storeOptions: { bucket, endpoint, region: 'us-east-1', forcePathStyle: true, credentials },
    async stop() {
      client.destroy();
      await stopChild(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function readPort(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not report its port within ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      const match = pattern.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)} before reporting its port: ${output}`));
    });
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}
