import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, objectsOf, rendererMissing, type Renderer } from './support/helm-render.js';
import { schemaErrors, unknownFieldErrors, type KubeObject } from './support/kubernetes-objects.js';
import { configFrom, sampleMasterKey, unknownSettings } from './support/switchboard-env.js';

/*
 * deploy/helm/switchboard rendered for its default values and for the production example, as
 * `helm template` would (deploy/helm/tools/render stands in for Helm, which cannot be installed
 * here), then every object validated against the Kubernetes API schemas and checked for what the
 * chart promises: probes, non-root and read-only pods, disruption budgets, autoscaling, the
 * migrations as a pre-install/pre-upgrade hook, secrets only from an ExternalSecret or a Secret
 * the operator manages, and a configuration Switchboard accepts.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const chartDir = path.join(root, 'deploy/helm/switchboard');
const production = path.join(root, 'deploy/helm/examples/values-production.yaml');
const missing = rendererMissing();
if (missing) process.stderr.write(`Skipping the Helm chart rendering checks: ${missing}.\n`);

interface Container {
  name: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { secretRef?: { name: string } }[];
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  startupProbe?: { httpGet?: { path: string } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; emptyDir?: object }[];
  terminationGracePeriodSeconds?: number;
}
interface Workload extends KubeObject {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    strategy?: { rollingUpdate?: { maxUnavailable?: number | string } };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

const byKind = <T extends KubeObject = KubeObject>(objects: KubeObject[], kind: string) =>
  objects.filter((o) => o.kind === kind) as T[];
const named = <T extends KubeObject>(objects: T[], name: string) => {
  const found = objects.find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no object named ${name}`);
  return found;
};
const podsOf = (objects: KubeObject[]) =>
  [...byKind<Workload>(objects, 'Deployment'), ...byKind<Workload>(objects, 'Job')].map(
    (w) => [w, w.spec.template.spec] as const,
  );

/** What the Secret holds in a working installation: every secret setting, well-formed. */
const secretEnv = {
  DATABASE_URL: 'postgres://switchboard:secret@db.internal:5432/switchboard',
  NATS_URL: 'nats://nats.internal:4222',
  OBJECT_STORE_URL: 's3://switchboard-objects?region=eu-central-1',
  REDIS_URL: 'rediss://:secret@redis.internal:6379',
  SWITCHBOARD_MASTER_KEY: sampleMasterKey,
};

describe.skipIf(missing !== undefined)('deploy/helm/switchboard, rendered as helm template does', () => {
  let renderer: Renderer;
  let defaults: KubeObject[];
  let prod: KubeObject[];
  let prodManifests: string;

  beforeAll(async () => {
    renderer = await buildRenderer(root);
    defaults = objectsOf(await renderer.render());
    prodManifests = await renderer.render({ files: [production], upgrade: true, notes: true });
    prod = objectsOf(prodManifests);
  }, 180_000);
  afterAll(() => renderer.close());

  const both = () =>
    [
      ['default values', defaults],
      ['production example', prod],
    ] as const;

  it('renders objects the Kubernetes API schemas accept, with no field the API does not know', () => {
    for (const [label, objects] of both()) {
      expect(objects.length, label).toBeGreaterThan(8);
      expect(schemaErrors(objects), label).toEqual([]);
      expect(unknownFieldErrors(objects, root), label).toEqual([]);
    }
  });

  it('the strict field check finds a misspelt field (so it is not vacuous)', () => {
    const deployment = structuredClone(named(byKind<Workload>(prod, 'Deployment'), 'switchboard-api'));
    const container = deployment.spec.template.spec.containers[0] as Container & Record<string, unknown>;
    container.livenesProbe = container.livenessProbe;
    expect(unknownFieldErrors([deployment], root).join('\n')).toMatch(/livenesProbe/);
    expect(
      schemaErrors([{ ...deployment, spec: { ...deployment.spec, replicas: 'two' } }]).join('\n'),
    ).toMatch(/replicas must be integer/);
  });

  it('runs api, worker and scheduler Deployments, and the migrate Job, from one image', () => {
    for (const [label, objects] of both()) {
      const deployments = byKind<Workload>(objects, 'Deployment');
      expect(deployments.map((d) => d.metadata.name).sort(), label).toEqual([
        'switchboard-api',
        'switchboard-scheduler',
        'switchboard-worker',
      ]);
      for (const d of deployments) {
        const [container] = d.spec.template.spec.containers;
        expect(container?.args, d.metadata.name).toEqual([d.metadata.name.replace('switchboard-', '')]);
        // A new pod is ready before an old one stops: no lost capacity during a rolling upgrade.
        expect(d.spec.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
      }
    }
    const images = podsOf(prod).flatMap(([, pod]) =>
      pod.containers.map((c) => (c as { image?: string }).image),
    );
    expect(new Set(images)).toEqual(new Set(['registry.example.com/switchboard/switchboard:0.1.0']));
  });

  it('probes every Deployment container: startup and liveness on /healthz, readiness on /readyz, and a preStop pause', () => {
    for (const [label, objects] of both()) {
      for (const d of byKind<Workload>(objects, 'Deployment')) {
        const grace = d.spec.template.spec.terminationGracePeriodSeconds ?? 30;
        for (const c of d.spec.template.spec.containers) {
          const where = `${label}: ${d.metadata.name}/${c.name}`;
          expect(c.startupProbe?.httpGet?.path, where).toBe('/healthz');
          expect(c.livenessProbe?.httpGet?.path, where).toBe('/healthz');
          expect(c.readinessProbe?.httpGet?.path, where).toBe('/readyz');
          const [, seconds] = c.lifecycle?.preStop?.exec?.command ?? [];
          const shutdownMs = Number(c.env?.find((e) => e.name === 'SWITCHBOARD_SHUTDOWN_TIMEOUT_MS')?.value);
          // Kubernetes waits for the pause and the graceful shutdown before it kills the pod.
          expect(grace, where).toBeGreaterThan(Number(seconds) + shutdownMs / 1000);
        }
      }
    }
  });

  it('runs every pod as uid 10001, non-root, read-only root file system, no privilege escalation, no capabilities; /tmp and the data dir are emptyDirs', () => {
    for (const [label, objects] of both()) {
      for (const [workload, pod] of podsOf(objects)) {
        const where = `${label}: ${workload.kind} ${workload.metadata.name}`;
        expect(pod.securityContext, where).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
        for (const c of pod.containers) {
          expect(c.securityContext, where).toMatchObject({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          });
          expect(c.volumeMounts?.map((m) => m.mountPath).sort(), where).toEqual([
            '/tmp',
            '/var/lib/switchboard',
          ]);
        }
        for (const volume of pod.volumes ?? []) expect(volume.emptyDir, where).toBeDefined();
      }
    }
  });

  it('has a PodDisruptionBudget for each role, selecting exactly its pods', () => {
    for (const [label, objects] of both()) {
      const budgets = byKind<KubeObject & { spec: { selector: { matchLabels: Record<string, string> } } }>(
        objects,
        'PodDisruptionBudget',
      );
      for (const d of byKind<Workload>(objects, 'Deployment')) {
        const budget = named(budgets, d.metadata.name);
        expect(budget.spec.selector.matchLabels, label).toEqual(d.spec.selector.matchLabels);
        expect(d.spec.template.metadata.labels, label).toMatchObject(budget.spec.selector.matchLabels);
      }
    }
  });

  it('autoscales api and worker with HorizontalPodAutoscalers (and then leaves replicas to them)', () => {
    for (const [label, objects] of both()) {
      const hpas = byKind<
        KubeObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }
      >(objects, 'HorizontalPodAutoscaler');
      expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort(), label).toEqual([
        'switchboard-api',
        'switchboard-worker',
      ]);
      for (const hpa of hpas) {
        expect(hpa.spec.scaleTargetRef.kind).toBe('Deployment');
        expect(hpa.spec.minReplicas, label).toBeGreaterThanOrEqual(2);
        expect(
          named(byKind<Workload>(objects, 'Deployment'), hpa.spec.scaleTargetRef.name).spec.replicas,
        ).toBeUndefined();
      }
    }
    expect(named(byKind<Workload>(prod, 'Deployment'), 'switchboard-scheduler').spec.replicas).toBe(2);
  });

  it('runs the migrations as a pre-install and pre-upgrade hook Job, after the ExternalSecret that feeds it', () => {
    for (const [label, objects] of both()) {
      const job = named(byKind<Workload>(objects, 'Job'), 'switchboard-migrate');
      expect(job.metadata.annotations, label).toMatchObject({
        'helm.sh/hook': 'pre-install,pre-upgrade',
        'helm.sh/hook-weight': '0',
      });
      expect(job.spec.template.spec.containers[0]?.args).toEqual(['migrate']);
      expect((job.spec.template.spec as { restartPolicy?: string }).restartPolicy).toBe('Never');
    }
    const [externalSecret] = byKind(prod, 'ExternalSecret');
    expect(externalSecret?.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(Number(externalSecret?.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(0);
  });

  it('takes secrets only from the ExternalSecret (production) or a Secret the operator manages (defaults), never from values', () => {
    for (const [, objects] of both()) expect(byKind(objects, 'Secret')).toEqual([]);
    const secretRefs = (objects: KubeObject[]) =>
      new Set(
        podsOf(objects).flatMap(([, pod]) =>
          pod.containers.flatMap((c) => c.envFrom?.map((e) => e.secretRef?.name)),
        ),
      );
    expect(secretRefs(defaults)).toEqual(new Set(['switchboard-secrets']));
    expect(byKind(defaults, 'ExternalSecret')).toEqual([]);

    const [externalSecret] = byKind<
      KubeObject & { spec: { target: { name: string }; data: { secretKey: string }[] } }
    >(prod, 'ExternalSecret');
    expect(externalSecret?.apiVersion).toBe('external-secrets.io/v1beta1');
    expect(secretRefs(prod)).toEqual(new Set([externalSecret?.spec.target.name]));
    expect(externalSecret?.spec.data.map((d) => d.secretKey)).toEqual(
      expect.arrayContaining([
        'SWITCHBOARD_MASTER_KEY',
        'DATABASE_URL',
        'NATS_URL',
        'OBJECT_STORE_URL',
        'REDIS_URL',
      ]),
    );
    // No secret setting is put in plain env by the chart.
    for (const [, pod] of podsOf(prod))
      for (const c of pod.containers)
        expect(c.env?.map((e) => e.name).filter((n) => n in secretEnv || n.includes('KEY'))).toEqual([]);
  });

  it("gives every container a configuration Switchboard's own schema accepts; workers leave the timers to the scheduler", () => {
    for (const [label, objects] of both()) {
      for (const [workload, pod] of podsOf(objects)) {
        for (const c of pod.containers) {
          const env: Record<string, string> = {
            ...Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? ''])),
            ...secretEnv,
          };
          const where = `${label}: ${workload.metadata.name}`;
          expect(unknownSettings(env), where).toEqual([]);
          const config = configFrom(env);
          expect(config.http.host, where).toBe('0.0.0.0');
          expect(config.http.port, where).toBe(3000);
          expect(env.SWITCHBOARD_TIMERS, where).toBe(c.name === 'worker' ? 'false' : undefined);
        }
      }
    }
    const api = named(byKind<Workload>(prod, 'Deployment'), 'switchboard-api').spec.template.spec
      .containers[0];
    const env = Object.fromEntries((api?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      SWITCHBOARD_PUBLIC_URL: 'https://switchboard.example.com',
      SWITCHBOARD_TRUST_PROXY: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc:4318',
      OTEL_SERVICE_NAME: 'switchboard-api',
    });
  });

  it('routes the ingress to the api Service, with TLS, and keeps /metrics inside the cluster', () => {
    const [ingress] = byKind<
      KubeObject & {
        spec: {
          tls: { hosts: string[] }[];
          rules: {
            host: string;
            http: { paths: { path: string; backend: { service: { name: string } } }[] };
          }[];
        };
      }
    >(prod, 'Ingress');
    expect(ingress?.spec.tls[0]?.hosts).toEqual(['switchboard.example.com']);
    const paths = ingress?.spec.rules[0]?.http.paths ?? [];
    const services = byKind<KubeObject & { spec: { selector: Record<string, string> } }>(prod, 'Service');
    const backend = (p: string) =>
      named(services, paths.find((x) => x.path === p)?.backend.service.name ?? '');
    expect(backend('/').spec.selector['app.kubernetes.io/component']).toBe('api');
    const closed = backend('/metrics');
    for (const [, pod] of podsOf(prod)) expect(pod).toBeDefined();
    const podLabels = byKind<Workload>(prod, 'Deployment').map((d) => d.spec.template.metadata.labels);
    expect(
      podLabels.some((labels) => Object.entries(closed.spec.selector).every(([k, v]) => labels[k] === v)),
    ).toBe(false);
    expect(byKind(defaults, 'Ingress')).toEqual([]);
  });

  it('prints NOTES with the rollout and first-tenant commands', () => {
    expect(prodManifests).toMatch(/NOTES:\nSwitchboard 0\.1\.0 is upgraded as switchboard in switchboard\./);
    expect(prodManifests).toContain('tenants create');
  });

  describe('values.schema.json (Helm checks values against it on install and upgrade)', () => {
    const schema = JSON.parse(readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const errorsOf = (values: unknown) =>
      validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
    let scratch: string;
    beforeAll(() => {
      scratch = mkdtempSync(path.join(os.tmpdir(), 'switchboard-values-'));
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const valuesWith = async (yaml: string) => {
      const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, yaml);
      return renderer.values([file]);
    };

    it('accepts the default values and the production example', async () => {
      expect(errorsOf(await renderer.values())).toEqual([]);
      expect(errorsOf(await renderer.values([production]))).toEqual([]);
    });

    it('refuses a misspelt key, a bad pull policy, a secret in extraEnv and an ExternalSecret without a store', async () => {
      expect(errorsOf(await valuesWith('api:\n  replica: 3\n')).join('\n')).toMatch(
        /must NOT have additional properties/,
      );
      expect(errorsOf(await valuesWith('image:\n  pullPolicy: Sometimes\n')).join('\n')).toMatch(
        /pullPolicy/,
      );
      expect(
        errorsOf(await valuesWith("config:\n  extraEnv:\n    DATABASE_URL: 'postgres://x'\n")).length,
      ).toBeGreaterThan(0);
      expect(
        errorsOf(await valuesWith('secrets:\n  externalSecret:\n    enabled: true\n')).join('\n'),
      ).toMatch(/secretStoreRef\/name/);
      expect(errorsOf(await valuesWith('ingress:\n  enabled: true\n')).join('\n')).toMatch(/hosts/);
    });

    it('and the templates refuse the same ExternalSecret with a message naming the value', async () => {
      const file = path.join(scratch, 'no-store.yaml');
      writeFileSync(file, 'secrets:\n  externalSecret:\n    enabled: true\n');
      await expect(renderer.render({ files: [file] })).rejects.toThrow(
        /secrets\.externalSecret\.secretStoreRef\.name: name the \(Cluster\)SecretStore/,
      );
    });
  });
});
