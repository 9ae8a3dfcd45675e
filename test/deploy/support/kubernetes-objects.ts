import path from 'node:path';
import ts from 'typescript';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

/*
 * Validation of rendered Kubernetes objects, in two passes:
 *  1. kubernetes-models' JSON-schema validators (the API's OpenAPI schemas, Kubernetes 1.27):
 *     types, required fields, enums and formats. They accept unknown fields, as the API server's
 *     non-strict decoding does.
 *  2. Unknown fields, as `kubectl --validate=strict` refuses them: the objects are type-checked
 *     by the TypeScript compiler against the same package's interfaces, where an object literal
 *     with a property the interface lacks is an error (a `livenesProbe` would otherwise be
 *     dropped silently by the server).
 * The External Secrets Operator's ExternalSecret is not in kubernetes-models; its shape is
 * checked by hand against the operator's v1beta1 API (what this chart uses of it).
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

interface Kind {
  readonly model: new (data: never) => { validate(): void };
  /** The module and interface that describe it, for the strict field check. */
  readonly module: string;
  readonly type: string;
}

const kinds: Record<string, Kind> = {
  'apps/v1/Deployment': { model: Deployment, module: 'apps/v1/Deployment', type: 'IDeployment' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    module: 'autoscaling/v2/HorizontalPodAutoscaler',
    type: 'IHorizontalPodAutoscaler',
  },
  'batch/v1/Job': { model: Job, module: 'batch/v1/Job', type: 'IJob' },
  'networking.k8s.io/v1/Ingress': {
    model: Ingress,
    module: 'networking.k8s.io/v1/Ingress',
    type: 'IIngress',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    module: 'policy/v1/PodDisruptionBudget',
    type: 'IPodDisruptionBudget',
  },
  'v1/Service': { model: Service, module: 'v1/Service', type: 'IService' },
  'v1/ServiceAccount': { model: ServiceAccount, module: 'v1/ServiceAccount', type: 'IServiceAccount' },
};

const keyOf = (object: KubeObject) => `${object.apiVersion}/${object.kind}`;
const nameOf = (object: KubeObject) => `${object.kind} ${object.metadata.name}`;

/** Schema problems of each object, `<Kind> <name>: <problem>`; empty when all are valid. */
export function schemaErrors(objects: readonly KubeObject[]): string[] {
  const errors: string[] = [];
  for (const object of objects) {
    if (keyOf(object) === 'external-secrets.io/v1beta1/ExternalSecret') {
      errors.push(...externalSecretErrors(object).map((e) => `${nameOf(object)}: ${e}`));
      continue;
    }
    const kind = kinds[keyOf(object)];
    if (!kind) {
      errors.push(`${nameOf(object)}: ${keyOf(object)} is not a kind this check knows`);
      continue;
    }
    try {
      new kind.model(object as never).validate();
    } catch (error) {
      errors.push(`${nameOf(object)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return errors;
}

/** Fields the Kubernetes API does not know, found by TypeScript's excess property check. */
export function unknownFieldErrors(objects: readonly KubeObject[], root: string): string[] {
  const checked = objects.filter((o) => kinds[keyOf(o)]);
  const file = path.join(root, '__rendered_manifests__.ts');
  const imports = [...new Set(checked.map((o) => kinds[keyOf(o)]))]
    .map((k) => (k ? `import type { ${k.type} } from 'kubernetes-models/${k.module}';` : ''))
    .join('\n');
  const declarations = checked
    .map((o, i) => `export const o${i}: ${kinds[keyOf(o)]?.type ?? 'never'} = ${JSON.stringify(o)};`)
    .join('\n');
  const source = `${imports}\n${declarations}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file
      ? ts.createSourceFile(name, source, language)
      : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
      // Each object is declared on a line of its own, after the imports.
      const object = checked[line - imports.split('\n').length];
      return `${object ? nameOf(object) : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}

/** The ExternalSecret fields this chart writes, as external-secrets.io/v1beta1 defines them. */
function externalSecretErrors(object: KubeObject): string[] {
  const errors: string[] = [];
  const spec = object.spec as
    | {
        refreshInterval?: unknown;
        secretStoreRef?: { kind?: unknown; name?: unknown };
        target?: { name?: unknown; creationPolicy?: unknown; deletionPolicy?: unknown };
        data?: { secretKey?: unknown; remoteRef?: { key?: unknown; property?: unknown } }[];
      }
    | undefined;
  if (!spec) return ['spec is required'];
  const allowed = new Set(['refreshInterval', 'secretStoreRef', 'target', 'data', 'dataFrom']);
  for (const field of Object.keys(spec)) if (!allowed.has(field)) errors.push(`spec.${field} is not a field`);
  if (typeof spec.refreshInterval !== 'string' || !/^(\d+(h|m|s))+$/.test(spec.refreshInterval))
    errors.push('spec.refreshInterval must be a duration such as 1h');
  if (!['SecretStore', 'ClusterSecretStore'].includes(String(spec.secretStoreRef?.kind)))
    errors.push('spec.secretStoreRef.kind must be SecretStore or ClusterSecretStore');
  if (typeof spec.secretStoreRef?.name !== 'string' || spec.secretStoreRef.name === '')
    errors.push('spec.secretStoreRef.name is required');
  if (typeof spec.target?.name !== 'string' || spec.target.name === '')
    errors.push('spec.target.name is required');
  if (!['Owner', 'Orphan', 'Merge', 'None'].includes(String(spec.target?.creationPolicy)))
    errors.push('spec.target.creationPolicy must be Owner, Orphan, Merge or None');
  if (!['Delete', 'Merge', 'Retain'].includes(String(spec.target?.deletionPolicy)))
    errors.push('spec.target.deletionPolicy must be Delete, Merge or Retain');
  if (!Array.isArray(spec.data) || spec.data.length === 0) errors.push('spec.data must list the secret keys');
  for (const [i, entry] of (spec.data ?? []).entries()) {
    if (typeof entry.secretKey !== 'string' || entry.secretKey === '')
      errors.push(`spec.data.${i}.secretKey is required`);
    if (typeof entry.remoteRef?.key !== 'string' || entry.remoteRef.key === '')
      errors.push(`spec.data.${i}.remoteRef.key is required`);
  }
  return errors;
}
