import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { RecordingDirection } from '../db/conversations.tables.js';
import { dateAt, textAt } from './json-path.js';
import { oauthBearer } from './oauth-token.js';
import { readSecrets } from './pull-config.shared.js';
import { createPullHttp, type AuthScheme, type PullHttpOptions } from './pull-http.js';
import { PullErrors } from './pull.errors.js';
import type {
  PartyRole,
  PulledParty,
  PulledRecording,
  PullPass,
  RecordingSource,
  SkippedRecording,
} from './recording-source.types.js';
import type { ThreecxRecordingsConfig } from './threecx-recordings.config.js';

/*
 * 3CX V20 recordings through the Configuration API (XAPI, OData):
 * - token: POST /connect/token, client-credentials grant with the API client's id and secret;
 *   tokens live 60 s, so one is fetched again shortly before that (and once more on a 401);
 * - list: GET /xapi/v1/Recordings?$filter=StartTime ge … and StartTime lt …&$orderby=Id&$top=N&$skip=M,
 *   page by page until a page is short (3CX's @odata.count is not relied on);
 * - audio: GET /xapi/v1/Recordings/Pbx.DownloadRecording(recId={Id}) (audio/x-wav).
 * A recording row names both ends: From…/To… DisplayName, CallerNumber ("Ext.101" for an
 * extension), Dn and DnType; CallType says the direction (InboundExternal, OutboundExternal,
 * Internal…). An extension is our agent, anything else (a trunk, an outside number) the customer.
 * 3CX records one mixed channel: parties carry no channel.
 */

type Json = Record<string, unknown>;

const SYSTEM = '3CX';

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function directionOf(
  callType: string | null,
  from: PulledParty | null,
  to: PulledParty | null,
): RecordingDirection {
  const type = (callType ?? '').toLowerCase();
  if (type.startsWith('inbound')) return 'inbound';
  if (type.startsWith('outbound')) return 'outbound';
  if (type.startsWith('internal')) return 'internal';
  if (from?.role === 'agent' && to?.role === 'agent') return 'internal';
  if (from?.role === 'agent' && to?.role === 'customer') return 'outbound';
  if (from?.role === 'customer' && to?.role === 'agent') return 'inbound';
  return 'unknown';
}

/** One end of a 3CX recording row (`From` or `To`). */
function partyOf(row: Json, side: 'From' | 'To'): PulledParty | null {
  const callerNumber = textAt(row, `${side}CallerNumber`);
  const dn = textAt(row, `${side}Dn`);
  const dnType = textAt(row, `${side}DnType`);
  const name = textAt(row, `${side}DisplayName`);
  const extension = /^ext\.?\s*(\S+)$/i.exec(callerNumber ?? '');
  const isExtension =
    extension !== null || dnType === '0' || (dnType !== null && /^extension$/i.test(dnType));
  const number = extension?.[1] ?? callerNumber ?? dn;
  if (number === null && name === null) return null;
  const role: PartyRole | null = isExtension
    ? 'agent'
    : callerNumber !== null || dnType !== null
      ? 'customer'
      : null;
  return { number, name, role, channel: null };
}

export interface ThreecxRecordingsSourceOptions {
  readonly config: ThreecxRecordingsConfig;
  readonly secrets: SecretReader;
  readonly http?: Omit<PullHttpOptions, 'system'>;
}

export function createThreecxRecordingsSource(options: ThreecxRecordingsSourceOptions): RecordingSource {
  const { config } = options;
  const http = createPullHttp({ system: SYSTEM, ...options.http });
  const xapi = `${config.baseUrl}/xapi/v1`;
  const auths = new Map<string, { fingerprint: string; auth: AuthScheme }>();

  async function authFor(tenantId: string): Promise<AuthScheme> {
    const values = await readSecrets(options.secrets, tenantId, SYSTEM, {
      clientId: config.clientIdSecret,
      clientSecret: config.clientSecretSecret,
    });
    const fingerprint = `${values.clientId}\0${values.clientSecret}`;
    const cached = auths.get(tenantId);
    if (cached?.fingerprint === fingerprint) return cached.auth;
    const auth = oauthBearer({
      http,
      tokenUrl: `${config.baseUrl}/connect/token`,
      credentials: { grant: 'client_credentials', ...values },
    });
    auths.set(tenantId, { fingerprint, auth });
    return auth;
  }

  function recordingOf(row: Json, id: string, auth: AuthScheme): PulledRecording {
    const startedAt = dateAt(row, 'StartTime');
    const endedAt = dateAt(row, 'EndTime');
    const from = partyOf(row, 'From');
    const to = partyOf(row, 'To');
    const parties = [from, to].filter((party): party is PulledParty => party !== null);
    const agent = parties.find((party) => party.role === 'agent');
    const url = `${xapi}/Recordings/Pbx.DownloadRecording(recId=${id})`;
    return {
      metadata: {
        source: '3cx',
        sourceRecordingId: id,
        startedAt: startedAt?.toISOString() ?? null,
        direction: directionOf(textAt(row, 'CallType'), from, to),
        parties,
        agent: agent ? (agent.name ?? agent.number) : null,
        queue: null,
        language: null,
        tags: [],
        sourceCallId: textAt(row, 'CallId'),
        durationMs:
          startedAt && endedAt && endedAt >= startedAt ? endedAt.getTime() - startedAt.getTime() : null,
      },
      contentType: 'audio/wav',
      async openAudio(signal) {
        const response = await http.open({
          url,
          what: `the audio of recording ${id}`,
          auth,
          accept: 'audio/*, application/octet-stream',
          signal,
          notFoundIsNull: true,
        });
        if (!response?.body)
          throw PullErrors.badResponse(
            SYSTEM,
            `the audio of recording ${id}`,
            response === null ? 'not found (404): deleted since it was listed' : 'an empty answer',
            response?.status ?? null,
          );
        const length = response.headers.get('content-length');
        const type = response.headers.get('content-type')?.split(';')[0]?.trim();
        return {
          stream: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
          // 3CX answers audio/x-wav; octet-stream says nothing the sniffing would not.
          contentType: type && type !== 'application/octet-stream' ? type : 'audio/wav',
          bytes: length !== null && /^\d+$/.test(length) ? Number(length) : null,
        };
      },
    };
  }

  return {
    name: '3cx',
    pull(ctx, window): PullPass {
      const skipped: SkippedRecording[] = [];
      async function* run(): AsyncGenerator<PulledRecording> {
        const auth = await authFor(ctx.tenantId);
        const filter = `StartTime ge ${isoSeconds(window.since)} and StartTime lt ${isoSeconds(window.until)}`;
        const seenIds = new Set<string>();
        for (let skip = 0; ; skip += config.pageSize) {
          const query = new URLSearchParams({
            $filter: filter,
            $orderby: 'Id',
            $top: String(config.pageSize),
            $skip: String(skip),
          });
          const answer = await http.json({
            url: `${xapi}/Recordings?${query.toString()}`,
            what: 'the recordings list',
            auth,
            signal: ctx.signal,
          });
          const rows = (answer as Json | null)?.value;
          if (!Array.isArray(rows))
            throw PullErrors.badResponse(SYSTEM, 'the recordings list', 'no OData `value` list');
          for (const item of rows as unknown[]) {
            const row = (typeof item === 'object' && item !== null ? item : {}) as Json;
            const id = textAt(row, 'Id');
            if (id === null || !/^\d+$/.test(id)) {
              skipped.push({ sourceRecordingId: id ?? '(none)', reason: 'a row without a numeric Id' });
              continue;
            }
            // A recording that ended while we paged can shift $skip: the same row may come twice.
            if (seenIds.has(id)) continue;
            seenIds.add(id);
            yield recordingOf(row, id, auth);
          }
          if (rows.length < config.pageSize) break;
          if (skip / config.pageSize >= 10_000)
            throw PullErrors.badResponse(SYSTEM, 'the recordings list', 'paging does not end');
        }
      }
      const iterator = run();
      return {
        [Symbol.asyncIterator]: () => iterator,
        holdBackTo: () => null,
        skipped: () => skipped,
      };
    },
  };
}
