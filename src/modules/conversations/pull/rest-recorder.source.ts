import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { RecordingDirection } from '../db/conversations.tables.js';
import { dateAt, fillTemplate, numberAt, readPath, textAt } from './json-path.js';
import { chooseLegs, internalPartyMatcher, type RecordingLeg } from './leg-groups.js';
import { oauthBearer } from './oauth-token.js';
import { readSecrets } from './pull-config.shared.js';
import { createPullHttp, type AuthScheme, type PullHttpOptions } from './pull-http.js';
import { PullErrors } from './pull.errors.js';
import type { RestRecorderConfig } from './rest-recorder.config.js';
import type {
  PartyRole,
  PulledAudio,
  PulledParty,
  PulledRecording,
  PullPass,
  PullWindow,
  RecordingSource,
  SkippedRecording,
} from './recording-source.types.js';

/**
 * A recorder's REST API, driven by configuration: OAuth2 token (password or client-credentials
 * grant), a time-window search page by page, one download per recording. Legs sharing a
 * recording group are reduced to one (leg-groups.ts), so the whole window is listed before the
 * first recording is yielded; `search.maxItems` bounds that.
 *
 * sourceRecordingId is the group id when the mapping has one (a re-scan that finds a longer leg
 * still names the same recording, so the ingest keeps one), else the leg's id.
 */

type Json = Record<string, unknown>;

function formatTime(date: Date, format: RestRecorderConfig['search']['timeFormat']): string {
  switch (format) {
    case 'iso':
      return date.toISOString();
    case 'iso-seconds':
      return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'epoch-ms':
      return String(date.getTime());
    case 'epoch-s':
      return String(Math.floor(date.getTime() / 1000));
  }
}

const lower = (values: readonly string[]) => values.map((value) => value.toLowerCase());

export interface RestRecorderSourceOptions {
  readonly config: RestRecorderConfig;
  /** A reader allowed the secret names the config gives. */
  readonly secrets: SecretReader;
  readonly http?: Omit<PullHttpOptions, 'system'>;
}

export function createRestRecorderSource(options: RestRecorderSourceOptions): RecordingSource {
  const { config } = options;
  const system = `The recorder '${config.name}'`;
  const http = createPullHttp({ system, ...options.http });
  const origin = new URL(config.baseUrl).origin;
  const isInternal = internalPartyMatcher(config.internalParty);
  const map = config.mapping;
  const agentRoles = lower(map.roleValues.agent);
  const customerRoles = lower(map.roleValues.customer);
  const directions = {
    inbound: lower(map.directionValues.inbound),
    outbound: lower(map.directionValues.outbound),
    internal: lower(map.directionValues.internal),
  };
  /** Tokens are kept per tenant (each tenant has its own credentials) while the secrets stay the same. */
  const auths = new Map<string, { fingerprint: string; auth: AuthScheme }>();

  async function authFor(tenantId: string): Promise<AuthScheme> {
    const a = config.auth;
    const values = await readSecrets(options.secrets, tenantId, system, {
      clientId: a.clientIdSecret,
      clientSecret: a.clientSecretSecret,
      username: a.grant === 'password' ? a.usernameSecret : undefined,
      password: a.grant === 'password' ? a.passwordSecret : undefined,
    });
    const fingerprint = JSON.stringify(values);
    const cached = auths.get(tenantId);
    if (cached?.fingerprint === fingerprint) return cached.auth;
    const auth = oauthBearer({
      http,
      tokenUrl: `${config.baseUrl}${a.tokenPath}`,
      credentials:
        a.grant === 'password'
          ? {
              grant: 'password',
              clientId: values.clientId,
              clientSecret: a.clientSecretSecret === undefined ? undefined : values.clientSecret,
              username: values.username,
              password: values.password,
            }
          : { grant: 'client_credentials', clientId: values.clientId, clientSecret: values.clientSecret },
      scope: a.scope,
      clientAuth: a.clientAuth,
    });
    auths.set(tenantId, { fingerprint, auth });
    return auth;
  }

  function roleOf(value: string | null): PartyRole | null {
    if (value === null) return null;
    const text = value.toLowerCase();
    if (agentRoles.includes(text)) return 'agent';
    if (customerRoles.includes(text)) return 'customer';
    return null;
  }

  function partiesOf(record: Json): PulledParty[] {
    const parties: PulledParty[] = [];
    const add = (
      number: string | null,
      name: string | null,
      role: PartyRole | null,
      channel: number | null,
    ) => {
      if (number === null && name === null) return;
      if (number !== null && parties.some((party) => party.number === number)) return;
      parties.push({
        number,
        name,
        role: role ?? (number === null ? null : isInternal(number) ? 'agent' : 'customer'),
        channel,
      });
    };
    add(textAt(record, map.callingParty), textAt(record, map.callingName), null, null);
    add(textAt(record, map.calledParty), textAt(record, map.calledName), null, null);
    if (map.parties) {
      const list = readPath(record, map.parties.path);
      for (const entry of Array.isArray(list) ? (list as unknown[]) : []) {
        const channel = numberAt(entry, map.parties.channel);
        add(
          textAt(entry, map.parties.number),
          textAt(entry, map.parties.name),
          roleOf(textAt(entry, map.parties.role)),
          channel !== null && Number.isInteger(channel) && channel >= 0 ? channel : null,
        );
      }
    }
    return parties;
  }

  function directionOf(record: Json, calling: string | null, called: string | null): RecordingDirection {
    const stated = textAt(record, map.direction)?.toLowerCase();
    if (stated !== undefined) {
      if (directions.inbound.includes(stated)) return 'inbound';
      if (directions.outbound.includes(stated)) return 'outbound';
      if (directions.internal.includes(stated)) return 'internal';
    }
    if (calling === null || called === null) return 'unknown';
    const from = isInternal(calling);
    const to = isInternal(called);
    if (from && to) return 'internal';
    if (from) return 'outbound';
    if (to) return 'inbound';
    return 'unknown';
  }

  function durationMsOf(record: Json, startedAt: Date | null): number | null {
    const seconds = numberAt(record, map.durationSeconds);
    if (seconds !== null && seconds >= 0) return Math.round(seconds * 1000);
    const endedAt = dateAt(record, map.endedAt);
    if (startedAt && endedAt && endedAt >= startedAt) return endedAt.getTime() - startedAt.getTime();
    return null;
  }

  function tagsOf(record: Json): string[] {
    if (map.tags === undefined) return [];
    const value = readPath(record, map.tags);
    const list = Array.isArray(value)
      ? (value as unknown[])
      : typeof value === 'string'
        ? value.split(',')
        : [];
    return list
      .filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '')
      .map((tag) => tag.trim());
  }

  async function* pages(
    auth: AuthScheme,
    window: PullWindow,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<unknown[]> {
    const { search } = config;
    const times = {
      since: formatTime(window.since, search.timeFormat),
      until: formatTime(window.until, search.timeFormat),
    };
    const paging = search.paging;
    const pageSize = paging.kind === 'page' || paging.kind === 'offset' ? paging.pageSize : 0;
    let page = paging.kind === 'page' ? paging.firstPage : 0;
    let offset = 0;
    let url: string | undefined =
      `${config.baseUrl}${fillTemplate(search.path, { ...times, page, offset, pageSize })}`;
    const seen = new Set<string>();
    let listed = 0;
    while (url !== undefined) {
      if (seen.has(url))
        throw PullErrors.badResponse(system, 'the recordings search', `paging repeats ${url}`);
      seen.add(url);
      const answer = await http.json({ url, what: 'the recordings search', auth, signal });
      const list = search.itemsPath === '' ? answer : readPath(answer, search.itemsPath);
      if (!Array.isArray(list))
        throw PullErrors.badResponse(
          system,
          'the recordings search',
          `no list at '${search.itemsPath || '(the answer itself)'}'`,
        );
      listed += list.length;
      if (listed > search.maxItems)
        throw PullErrors.notConfigured(
          system,
          `one window listed more than search.maxItems (${search.maxItems}) recordings; run the timer more often or raise the limit`,
        );
      yield list as unknown[];
      url = undefined;
      if (paging.kind === 'next-link') {
        const next = textAt(answer, paging.nextPath);
        if (next !== null) {
          const resolved = new URL(next, `${config.baseUrl}/`);
          if (resolved.origin !== origin)
            throw PullErrors.badResponse(
              system,
              'the recordings search',
              `a next link off ${origin}: ${resolved.origin}`,
            );
          url = resolved.toString();
        }
      } else if (paging.kind === 'page' || paging.kind === 'offset') {
        offset += list.length;
        const total = numberAt(answer, paging.totalPath);
        const more = total !== null ? offset < total : list.length >= pageSize;
        if (more && list.length > 0) {
          page += 1;
          url = `${config.baseUrl}${fillTemplate(search.path, { ...times, page, offset, pageSize })}`;
        }
      }
    }
  }

  function mediaUrlOf(record: Json, legId: string): { url: string; withAuth: boolean } {
    const given = textAt(record, map.mediaUrl);
    if (given !== null) {
      const url = new URL(given, `${config.baseUrl}/`);
      // The bearer token goes to the recorder only; a URL elsewhere (pre-signed storage) gets none.
      return { url: url.toString(), withAuth: url.origin === origin };
    }
    return {
      url: `${config.baseUrl}${fillTemplate(config.download.path ?? '', { id: legId })}`,
      withAuth: true,
    };
  }

  function recordingOf(leg: RecordingLeg<Json>, auth: AuthScheme): PulledRecording {
    const record = leg.item;
    const parties = partiesOf(record);
    const calling = textAt(record, map.callingParty);
    const called = textAt(record, map.calledParty);
    const agentParty = parties.find((party) => party.role === 'agent');
    const media = mediaUrlOf(record, leg.id);
    const id =
      map.recordingGroupId !== undefined && textAt(record, map.recordingGroupId) !== null
        ? leg.groupId
        : leg.id;
    return {
      metadata: {
        source: config.name,
        sourceRecordingId: id,
        startedAt: leg.startedAt?.toISOString() ?? null,
        direction: directionOf(record, calling, called),
        parties,
        agent: textAt(record, map.agent) ?? agentParty?.name ?? agentParty?.number ?? null,
        queue: textAt(record, map.queue),
        language: textAt(record, map.language),
        tags: tagsOf(record),
        sourceCallId: textAt(record, map.sourceCallId),
        durationMs: leg.durationMs,
      },
      contentType: config.download.contentType,
      async openAudio(signal): Promise<PulledAudio> {
        const response = await http.open({
          url: media.url,
          what: `the audio of recording ${leg.id}`,
          auth: media.withAuth ? auth : undefined,
          accept: config.download.accept,
          signal,
          notFoundIsNull: true,
        });
        if (!response?.body)
          throw PullErrors.badResponse(
            system,
            `the audio of recording ${leg.id}`,
            response === null ? 'not found (404): deleted since it was listed' : 'an empty answer',
            response?.status ?? null,
          );
        const length = Number(response.headers.get('content-length'));
        return {
          stream: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
          contentType:
            response.headers.get('content-type')?.split(';')[0]?.trim() || config.download.contentType,
          bytes:
            Number.isFinite(length) && length >= 0 && response.headers.has('content-length') ? length : null,
        };
      },
    };
  }

  return {
    name: `rest:${config.name}`,
    pull(ctx, window): PullPass {
      const skipped: SkippedRecording[] = [];
      async function* run(): AsyncGenerator<PulledRecording> {
        const auth = await authFor(ctx.tenantId);
        const legs: RecordingLeg<Json>[] = [];
        for await (const list of pages(auth, window, ctx.signal)) {
          for (const item of list) {
            const unwrapped: unknown =
              config.search.itemPath !== undefined ? (readPath(item, config.search.itemPath) ?? item) : item;
            if (typeof unwrapped !== 'object' || unwrapped === null) continue;
            const record = unwrapped as Json;
            const id = textAt(record, map.sourceRecordingId);
            if (id === null) {
              skipped.push({
                sourceRecordingId: '(none)',
                reason: `a record without '${map.sourceRecordingId}'`,
              });
              continue;
            }
            const startedAt = dateAt(record, map.startedAt);
            // The search may round the window; the window itself decides what this pass owns.
            if (startedAt && (startedAt < window.since || startedAt >= window.until)) continue;
            const calling = textAt(record, map.callingParty);
            const parties = partiesOf(record);
            const legRole = roleOf(textAt(record, map.legRole));
            legs.push({
              id,
              groupId: textAt(record, map.recordingGroupId) ?? id,
              startedAt,
              durationMs: durationMsOf(record, startedAt),
              startedByInternal: isInternal(calling),
              hasInternalParty: legRole === 'agent' || parties.some((party) => party.role === 'agent'),
              item: record,
            });
          }
        }
        const { chosen, dropped } = chooseLegs(legs, config.grouping.whenNoInternalLeg);
        for (const { leg, reason } of dropped) skipped.push({ sourceRecordingId: leg.id, reason });
        for (const leg of chosen) yield recordingOf(leg, auth);
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
