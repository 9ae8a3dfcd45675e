/** Test builders for the dialer: campaigns seeded straight into migration 0003's tables, a fake adapter. */
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { CampaignsApi } from '../campaigns.module.js';
import { campaignSettingsSchema, type CampaignSettingsInput } from '../campaigns/campaign-settings.js';
import type { CampaignsTables, TimeZoneSource } from '../db/campaigns.tables.js';
import { createSealing, sealingAad } from '../sealing.js';
import { PlaceCallError, type DialRequest, type TelephonyAdapter } from '../telephony/adapter.js';
import { createDialer, type Dialer } from './dialer.service.js';
import type { DialerMetrics } from './dialer.metrics.js';

type Tables = CampaignsTables;

/** What the fixtures need of a platform (by shape, so that module code does not import test/support). */
export interface DialerTestPlatform {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly auditLog: AuditLog;
  readonly logger: Logger;
  readonly modules: { readonly campaigns: CampaignsApi };
}

export interface SeedLead {
  readonly e164: string;
  readonly region?: string | null;
  readonly subdivision?: string | null;
  readonly timeZone?: string | null;
  readonly candidates?: readonly string[];
  readonly source?: TimeZoneSource | null;
  readonly personal?: Record<string, unknown>;
  /** Hopper row overrides. */
  readonly callbackAt?: Date | null;
  readonly nextDueAt?: Date | null;
}

export interface SeededCampaign {
  readonly campaignId: string;
  readonly listIds: string[];
  /** Lead uuids per list, in the order given. */
  readonly leadIds: string[][];
}

/** US-wide settings with no AI voice (so no AI consent needed) and caps that rarely bite. */
export const openSettings = (overrides: Partial<CampaignSettingsInput> = {}): CampaignSettingsInput => ({
  allowedRegions: ['US', 'GB'],
  usesArtificialVoice: false,
  callingWindow: { startMinute: 0, endMinute: 24 * 60 },
  maxAttemptsPerLead: 3,
  maxAttemptsPerDay: 3,
  pacing: { callsPerMinute: 600, maxConcurrent: 500 },
  contextFields: ['firstName', 'tier'],
  ...overrides,
});

/** A current copy of the US national registry (empty), downloaded at `at`, so US leads pass registry_stale. */
export async function freshUsRegistry(p: DialerTestPlatform, ctx: RequestContext, at: Date): Promise<void> {
  await p.database.withTenant<Tables, void>(ctx, async (trx) => {
    await trx
      .insertInto('campaigns.dnc_registry_copies')
      .values({
        id: newUuid(),
        tenantId: ctx.tenantId,
        registry: 'us-national-dnc',
        region: 'US',
        downloadedAt: at,
        state: 'current',
        importedBy: 'test',
        finishedAt: at,
      })
      .execute();
  });
}

export async function seedCampaign(
  p: DialerTestPlatform,
  ctx: RequestContext,
  input: {
    readonly settings?: CampaignSettingsInput;
    readonly state?: 'draft' | 'running';
    readonly lists: readonly { readonly weight?: number; readonly leads: readonly SeedLead[] }[];
  },
): Promise<SeededCampaign> {
  const sealer = await createSealing(p.keyring).forTenant(ctx.tenantId);
  const campaignId = newUuid();
  const listIds: string[] = [];
  const leadIds: string[][] = [];
  const settings = campaignSettingsSchema.parse(input.settings ?? openSettings());
  await p.database.withTenant<Tables, void>(ctx, async (trx) => {
    await trx
      .insertInto('campaigns.campaigns')
      .values({
        id: campaignId,
        tenantId: ctx.tenantId,
        name: `campaign ${campaignId}`,
        description: null,
        state: input.state ?? 'running',
        settings: JSON.stringify(settings),
        createdBy: 'test',
        startsAt: null,
        endsAt: null,
        startedAt: null,
        stoppedAt: null,
      })
      .execute();
    for (const list of input.lists) {
      const listId = newUuid();
      listIds.push(listId);
      await trx
        .insertInto('campaigns.lead_lists')
        .values({
          id: listId,
          tenantId: ctx.tenantId,
          name: `list ${listId}`,
          description: null,
          defaultRegion: null,
        })
        .execute();
      await trx
        .insertInto('campaigns.campaign_lists')
        .values({ tenantId: ctx.tenantId, campaignId, listId, weight: list.weight ?? 1 })
        .execute();
      const ids = list.leads.map(() => newUuid());
      leadIds.push(ids);
      for (let i = 0; i < list.leads.length; i += 500) {
        const chunk = list.leads.slice(i, i + 500);
        await trx
          .insertInto('campaigns.leads')
          .values(
            chunk.map((lead, j) => {
              const id = ids[i + j] ?? '';
              return {
                id,
                tenantId: ctx.tenantId,
                listId,
                phoneIndex: sealer.phoneIndex(lead.e164),
                phoneSealed: sealer.seal(lead.e164, sealingAad.phone(id)),
                emailIndex: null,
                emailSealed: null,
                personalSealed: sealer.seal(
                  JSON.stringify(lead.personal ?? { firstName: 'Ada', lastName: 'Secret', custom: {} }),
                  sealingAad.personal(id),
                ),
                region: lead.region === undefined ? 'US' : lead.region,
                subdivision: lead.subdivision === undefined ? 'US-NY' : lead.subdivision,
                timeZone: lead.timeZone === undefined ? 'America/New_York' : lead.timeZone,
                timeZoneCandidates: [...(lead.candidates ?? [])],
                timeZoneSource: lead.source === undefined ? 'field' : lead.source,
                importId: null,
                sourceRow: null,
              };
            }),
          )
          .execute();
        await trx
          .insertInto('campaigns.campaign_leads')
          .values(
            chunk.map((lead, j) => ({
              tenantId: ctx.tenantId,
              campaignId,
              leadId: ids[i + j] ?? '',
              listId,
              callbackAt: lead.callbackAt ?? null,
              nextDueAt: lead.nextDueAt ?? lead.callbackAt ?? null,
            })),
          )
          .execute();
      }
    }
  });
  return { campaignId, listIds, leadIds };
}

export interface FakeAdapter extends TelephonyAdapter {
  readonly placed: DialRequest[];
  /** Refuse the next calls with this error. */
  refuse?: PlaceCallError | undefined;
}

/** An adapter that places nothing anywhere: it records each request and answers a call id. */
export function fakeAdapter(onPlace?: (request: DialRequest) => Promise<void> | void): FakeAdapter {
  const adapter: FakeAdapter = {
    name: 'simulator',
    placed: [],
    refuse: undefined,
    async place(_ctx, request) {
      if (adapter.refuse) throw adapter.refuse;
      await onPlace?.(request);
      adapter.placed.push(request);
      return { providerCallId: `fake_${adapter.placed.length}` };
    },
    parseWebhook: () => Promise.resolve([]),
    fetchCall: () => Promise.resolve(undefined),
  };
  return adapter;
}

export function dialerFor(p: DialerTestPlatform, adapter: TelephonyAdapter, metrics?: DialerMetrics): Dialer {
  return createDialer({
    ...(metrics ? { metrics } : {}),
    database: p.database,
    sealing: createSealing(p.keyring),
    consents: p.modules.campaigns.consents,
    suppression: p.modules.campaigns.suppression,
    campaigns: p.modules.campaigns.campaigns,
    audit: p.auditLog,
    logger: p.logger,
    adapterFor: () => adapter,
  });
}

export { PlaceCallError };
