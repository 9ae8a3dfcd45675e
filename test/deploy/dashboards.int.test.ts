import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { metricNames } from '../support/promql-names.js';
import { parseScrape } from '../support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));
const dashboardsDir = `${deployDir}grafana/dashboards/`;

/**
 * Series that come from elsewhere, as docs/operations.md says: `up` from Prometheus itself,
 * `probe_*` from the blackbox exporter's probe of the public address.
 */
const fromOtherExporters = (name: string) => name === 'up' || name.startsWith('probe_');

interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly datasource?: { readonly uid: string };
  readonly targets?: readonly {
    readonly expr: string;
    readonly refId: string;
    readonly datasource?: { uid: string };
  }[];
  readonly panels?: readonly Panel[];
}
interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly templating: {
    readonly list: readonly { readonly name: string; readonly type: string; readonly query: string }[];
  };
  readonly panels: readonly Panel[];
}

async function dashboards(): Promise<{ file: string; dashboard: Dashboard }[]> {
  const files = (await readdir(dashboardsDir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      file,
      dashboard: JSON.parse(await readFile(`${dashboardsDir}${file}`, 'utf8')) as Dashboard,
    })),
  );
}

const panelsOf = (panels: readonly Panel[]): Panel[] =>
  panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);

async function alertExpressions(): Promise<{ alert: string; expr: string }[]> {
  const file = parse(await readFile(`${deployDir}prometheus/alerts.yml`, 'utf8')) as {
    groups: { rules: { alert?: string; expr: string }[] }[];
  };
  return file.groups.flatMap((g) => g.rules).map((r) => ({ alert: r.alert ?? '(recording)', expr: r.expr }));
}

describe('the PromQL metric-name reader the checks below rely on', () => {
  it('finds the metrics and skips functions, labels, ranges, grouping, variables and numbers', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{route!~".*/(live|stream)", status=~"5.."}[$__rate_interval])))',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(
      metricNames(
        'max by (group) (increase(bus_events_dead_lettered_total[10m] offset 10m)) > 0 and on (group) bus_dead_letters / 1e9 < 14 * 86400 - time()',
      ),
    ).toEqual(['bus_events_dead_lettered_total', 'bus_dead_letters']);
  });
});

describe('dashboards and alert rules against what the platform serves', () => {
  let api: TestPlatform;
  let worker: TestPlatform;
  let served: Set<string>;

  beforeAll(async () => {
    api = await createTestPlatform({ role: 'api' });
    worker = await createTestPlatform({ role: 'worker' });
    const scrapes = await Promise.all([
      api.inject({ method: 'GET', url: '/metrics' }),
      worker.platform.opsHttp?.inject({ method: 'GET', url: '/metrics' }),
    ]);
    served = new Set();
    for (const res of scrapes) {
      expect(res?.statusCode).toBe(200);
      for (const family of parseScrape(res?.body ?? '').families) served.add(family);
    }
  }, 120_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** Served as it is, or as a histogram's `_bucket`, `_count` or `_sum` series. */
  const isServed = (name: string) => served.has(name) || served.has(name.replace(/_(bucket|count|sum)$/, ''));

  it('serves every metric a dashboard panel reads (series from other exporters aside)', async () => {
    const missing: string[] = [];
    for (const { file, dashboard } of await dashboards())
      for (const panel of panelsOf(dashboard.panels))
        for (const target of panel.targets ?? [])
          for (const name of metricNames(target.expr))
            if (!fromOtherExporters(name) && !isServed(name))
              missing.push(`${file} "${panel.title}": ${name}`);
    expect(missing).toEqual([]);
  });

  it('serves every metric an alert rule reads (series from other exporters aside)', async () => {
    const missing: string[] = [];
    for (const { alert, expr } of await alertExpressions()) {
      const names = metricNames(expr);
      expect(names.length, alert).toBeGreaterThan(0);
      for (const name of names)
        if (!fromOtherExporters(name) && !isServed(name)) missing.push(`${alert}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('Grafana dashboards', () => {
  it('are the five, each valid JSON with its own uid and title and unique panel ids', async () => {
    const all = await dashboards();
    expect(all.map((d) => d.file)).toEqual([
      'api-latency.json',
      'bus.json',
      'ingest.json',
      'modules.json',
      'overview.json',
    ]);
    expect(new Set(all.map((d) => d.dashboard.uid)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.dashboard.title)).size).toBe(all.length);
    for (const { file, dashboard } of all) {
      expect(dashboard.schemaVersion, file).toBeGreaterThanOrEqual(39);
      const ids = panelsOf(dashboard.panels).map((p) => p.id);
      expect(new Set(ids).size, `${file}: panel ids`).toBe(ids.length);
    }
  });

  it('query the Prometheus chosen in their DS_PROMETHEUS variable, every panel and target', async () => {
    for (const { file, dashboard } of await dashboards()) {
      expect(dashboard.templating.list, file).toContainEqual(
        expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', query: 'prometheus' }),
      );
      for (const panel of panelsOf(dashboard.panels).filter((p) => p.type !== 'row')) {
        expect(panel.datasource?.uid, `${file} "${panel.title}"`).toBe('${DS_PROMETHEUS}');
        expect(panel.targets?.length, `${file} "${panel.title}"`).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) {
          expect(target.datasource?.uid, `${file} "${panel.title}" ${target.refId}`).toBe('${DS_PROMETHEUS}');
          expect(target.expr.trim(), `${file} "${panel.title}" ${target.refId}`).not.toBe('');
        }
      }
    }
  });

  it('are provisioned from the folder the provider names, beside a Prometheus data source', async () => {
    const provider = parse(
      await readFile(`${deployDir}grafana/provisioning/dashboards/switchboard.yaml`, 'utf8'),
    ) as { apiVersion: number; providers: { type: string; options: { path: string } }[] };
    expect(provider.apiVersion).toBe(1);
    expect(provider.providers).toHaveLength(1);
    expect(provider.providers[0]?.type).toBe('file');
    expect(provider.providers[0]?.options.path).toMatch(/^\//);
    const sources = parse(
      await readFile(`${deployDir}grafana/provisioning/datasources/switchboard-prometheus.yaml`, 'utf8'),
    ) as { apiVersion: number; datasources: { type: string; url: string }[] };
    expect(sources.datasources).toEqual([expect.objectContaining({ type: 'prometheus' })]);
  });
});
