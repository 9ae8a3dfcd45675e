import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * The load of `bench:scale`: real Asterisk CDR rows (the first row of shared/fixtures/real's
 * asterisk/Master-1.csv, a cdr_csv file as Asterisk writes it) with the call's uniqueid/linkedid,
 * times and caller varied so every record is its own call, posted to the ingest API as batches and
 * as single records, spread over the api processes like a load balancer would: a request that
 * fails to connect, is cut off or answered 5xx goes to the next api, and an api that refused a
 * connection is left out for a moment. A record counts as accepted only once an api answered 202.
 * The client is plain node:http with keep-alive sockets and bodies built before the clock starts.
 */

/** The shared real-format fixtures sit beside the checkout, as the connector tests read them. */
const fixture = path.resolve(import.meta.dirname, '../../../shared/fixtures/real/asterisk/Master-1.csv');

/** The template row and the values in it that vary per record. */
const template = {
  uniqueid: '"1706368044.0"',
  start: '2024-01-27 15:07:24',
  end: '2024-01-27 15:07:51',
  caller: '89245555937',
  channel: 'SIP/211474-00000000',
};

function templateRow(): string {
  const first = readFileSync(fixture, 'utf8').split('\n')[0];
  if (!first?.includes(template.uniqueid)) throw new Error(`${fixture}: not the expected first row`);
  return first;
}

export interface IngestRequest {
  /** The source call ids (linkedid) of its records. */
  readonly ids: readonly string[];
  readonly body: Buffer;
}

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * `count` distinct records as requests: in every `perSingle` requests one carries a single record,
 * the others `batch` records each. `seq` numbers the records (and their calls) from `firstSeq`.
 */
export function buildRequests(options: {
  readonly count: number;
  readonly firstSeq: number;
  readonly batch: number;
  readonly perSingle: number;
}): IngestRequest[] {
  const row = templateRow();
  const base = Date.parse('2024-01-27T15:07:24Z');
  const line = (seq: number): { id: string; text: string } => {
    const id = `${String(1706368044 + Math.floor(seq / 50))}.${String(seq)}`;
    const start = base + seq * 7_000;
    const caller = `8924${String(5_000_000 + (seq % 4_000_000)).padStart(7, '0')}`;
    const text = row
      .replaceAll(template.uniqueid, `"${id}"`)
      .replaceAll(template.start, stamp(start))
      .replace(template.end, stamp(start + 27_000))
      .replaceAll(template.caller, caller)
      .replace(template.channel, `SIP/211474-${(seq % 0xffffffff).toString(16).padStart(8, '0')}`);
    return { id, text };
  };
  const requests: IngestRequest[] = [];
  let seq = options.firstSeq;
  const end = options.firstSeq + options.count;
  while (seq < end) {
    const size = (requests.length + 1) % options.perSingle === 0 ? 1 : Math.min(options.batch, end - seq);
    const lines = Array.from({ length: size }, (_, i) => line(seq + i));
    seq += size;
    requests.push({
      ids: lines.map((l) => l.id),
      body: Buffer.from(`${lines.map((l) => l.text).join('\n')}\n`, 'utf8'),
    });
  }
  return requests;
}

export interface ApiTarget {
  readonly name: string;
  readonly port: number;
}

export interface SendProgress {
  /** Requests and records answered 202 so far. */
  acceptedRequests: number;
  acceptedRecords: number;
  readonly totalRequests: number;
}

export interface SendResult {
  readonly acceptedIds: readonly string[];
  /** performance.now() of the first request and of the last 202. */
  readonly startedAt: number;
  readonly lastAcceptedAt: number;
  /** Attempts that did not end in 202, by what happened, and how many requests needed more than one. */
  readonly failures: Readonly<Record<string, number>>;
  readonly retriedRequests: number;
}

interface Answer {
  readonly status: number;
  readonly text: string;
}

export function createIngestClient(options: { readonly apiKey: string; readonly maxSockets: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const post = (port: number, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/calls/ingest?format=asterisk-csv',
          agent,
          headers: {
            'x-api-key': options.apiKey,
            'content-type': 'text/csv',
            'content-length': body.length,
          },
          timeout: 60_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
      request.end(body);
    });

  /**
   * Posts every request, `concurrency` at a time, until each was accepted (or `deadline` passes).
   * `targets()` is read at each attempt, so the caller may add apis as they come up.
   */
  async function sendAll(
    requests: readonly IngestRequest[],
    targets: () => readonly ApiTarget[],
    concurrency: number,
    progress: SendProgress,
    options: {
      /** Called as a sender takes request `index`, the others' requests in flight (the kills hang here). */
      readonly beforeRequest?: (index: number) => void;
      readonly deadlineMs?: number;
    } = {},
  ): Promise<SendResult> {
    const deadlineMs = options.deadlineMs ?? 10 * 60_000;
    const startedAt = performance.now();
    const acceptedIds: string[] = [];
    const failures: Record<string, number> = {};
    const resting = new Map<number, number>();
    let lastAcceptedAt = startedAt;
    let retriedRequests = 0;
    let next = 0;
    let turn = 0;

    const pick = (): ApiTarget | undefined => {
      const all = targets();
      const now = performance.now();
      for (let i = 0; i < all.length; i++) {
        const candidate = all[(turn + i) % all.length];
        if (candidate && (resting.get(candidate.port) ?? 0) <= now) {
          turn = (turn + i + 1) % all.length;
          return candidate;
        }
      }
      return undefined;
    };
    const failed = (kind: string) => (failures[kind] = (failures[kind] ?? 0) + 1);

    async function deliver(request: IngestRequest): Promise<void> {
      for (let attempt = 1; ; attempt++) {
        if (performance.now() - startedAt > deadlineMs) throw new Error('requests not accepted in time');
        if (attempt === 2) retriedRequests++;
        const target = pick();
        if (!target) {
          await sleep(50);
          continue;
        }
        try {
          const answer = await post(target.port, request.body);
          if (answer.status === 202) {
            for (const id of request.ids) acceptedIds.push(id);
            progress.acceptedRequests++;
            progress.acceptedRecords += request.ids.length;
            lastAcceptedAt = performance.now();
            return;
          }
          if (answer.status !== 429 && answer.status < 500)
            throw new Error(`ingest answered ${String(answer.status)}: ${answer.text.slice(0, 500)}`);
          failed(`HTTP ${String(answer.status)}`);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === undefined && !(error instanceof Error && error.message === 'timed out')) throw error;
          failed(code ?? 'timed out');
          // Like a load balancer's health check: an api that refuses connections rests a moment.
          if (code === 'ECONNREFUSED') resting.set(target.port, performance.now() + 1_000);
        }
        await sleep(Math.min(1_000, 25 * attempt));
      }
    }

    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests.length) {
          const index = next++;
          const request = requests[index];
          options.beforeRequest?.(index);
          if (request) await deliver(request);
        }
      }),
    );
    return { acceptedIds, startedAt, lastAcceptedAt, failures, retriedRequests };
  }

  return {
    sendAll,
    close: () => agent.destroy(),
  };
}

export type IngestClient = ReturnType<typeof createIngestClient>;
