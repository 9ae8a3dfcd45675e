import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

import { mapLimited } from '../concurrency.js';

/**
 * How a batch of freshly written files and folders is made durable.
 *
 * - `syncfs`: Linux's syncfs(2) flushes the whole file system holding the store in one call. For
 *   hundreds of small files that is far cheaper than an fsync each: on the development machine,
 *   writing, linking and syncing 500 files of 1.2 KB cost about 80 µs of CPU per file this way and
 *   about 180 µs with fdatasync on each (README, "Ingest"). Node has no binding for syncfs and no
 *   maintained npm package offers one, so it is reached through coreutils' `sync --file-system`,
 *   run by one long-lived shell (forking the platform process for each batch would cost more
 *   than the syncs). Concurrent batches share syncs: a batch waits for the next syncfs that
 *   starts after its writes, and every batch waiting then is served by that one call.
 *   Since Linux 5.8 syncfs reports write-back errors, but only those after `sync` opened the file
 *   system: an I/O error in the instant between our write and that open would go unseen, where
 *   an fsync of each file would catch it. A crash or power cut is covered either way: syncfs
 *   returns only once everything written before it is on stable storage.
 * - `fsync`: every file and folder synced by itself, concurrently. Used where `sync -f` is not
 *   available (not Linux, old coreutils), after the helper fails, or when configured.
 */
export type BatchSyncMode = 'syncfs' | 'fsync';

export interface BatchSync {
  /** Returns once every path (files and folders written or changed before the call) is on stable storage. */
  sync(paths: readonly string[]): Promise<void>;
  /** The mode in use: `syncfs` until the helper fails, then `fsync` for good. */
  mode(): BatchSyncMode;
  close(): void;
}

/** Concurrent fsyncs in flight in `fsync` mode: the file system folds them into few journal commits. */
const fsyncConcurrency = 16;

type Helper = ChildProcessByStdio<Writable, Readable, null>;

/** A child's pipe as the socket it is, for ref()/unref(). */
const pipeOf = (stream: Readable | Writable) => stream as unknown as { ref?: () => void; unref?: () => void };

export function createBatchSync(root: string, preferred: 'auto' | BatchSyncMode = 'auto'): BatchSync {
  let mode: BatchSyncMode =
    preferred === 'fsync' || (preferred === 'auto' && process.platform !== 'linux') ? 'fsync' : 'syncfs';
  let helper: Helper | undefined;
  let replies: AsyncIterator<string> | undefined;
  let inFlight: Promise<void> | undefined;
  let next: Promise<void> | undefined;

  const startHelper = (): { child: Helper; lines: AsyncIterator<string> } => {
    if (helper && replies) return { child: helper, lines: replies };
    // One `sync -f` per line read; "0" when it succeeded. The root is $0, never parsed as a command.
    const child = spawn(
      'sh',
      ['-c', 'while read -r _; do if sync --file-system -- "$0"; then echo 0; else echo 1; fi; done', root],
      {
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    child.on('error', () => undefined); // reported through the closed stdout below
    child.stdin.on('error', () => undefined);
    // The helper must not keep the process alive when it is idle; a sync under way holds a reference.
    child.unref();
    pipeOf(child.stdin).unref?.();
    pipeOf(child.stdout).unref?.();
    helper = child;
    replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    return { child, lines: replies };
  };

  const stopHelper = () => {
    helper?.kill();
    helper = undefined;
    replies = undefined;
  };

  const syncfsOnce = async (): Promise<void> => {
    const { child, lines } = startHelper();
    pipeOf(child.stdout).ref?.();
    let reply: IteratorResult<string>;
    try {
      child.stdin.write('\n');
      reply = await lines.next();
    } finally {
      pipeOf(child.stdout).unref?.();
    }
    if (reply.done || reply.value !== '0') {
      stopHelper();
      throw new Error('sync --file-system failed');
    }
  };

  /** The next syncfs that starts after this call; concurrent callers share it. */
  const groupSyncfs = (): Promise<void> => {
    if (!inFlight) {
      inFlight = syncfsOnce().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    }
    // The sync under way may have started before the caller's writes: wait for the one after it.
    next ??= inFlight
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return groupSyncfs();
      });
    return next;
  };

  const fsyncEach = (paths: readonly string[]) => mapLimited(paths, fsyncConcurrency, fsyncPath);

  return {
    async sync(paths) {
      if (paths.length === 0) return;
      if (mode === 'syncfs') {
        try {
          await groupSyncfs();
          return;
        } catch {
          mode = 'fsync';
        }
      }
      await fsyncEach(paths);
    },
    mode: () => mode,
    close: stopHelper,
  };
}

export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
