import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

/** `kubectl kustomize` (Debian's kubernetes-client; no cluster needed) → the objects it renders. */
function render(dir: string): K8sObject[] {
  const out = execFileSync(KUBECTL, ['kustomize', `${ROOT}infra/k8s/${dir}`], { encoding: 'utf8' });
  return parseAllDocuments(out)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/**
 * Validates one object against its Kubernetes JSON schema (kubernetes-models for built-in kinds,
 * @kubernetes-models/keda for KEDA's). A kind without a schema fails: nothing is waved through.
 */
async function validate(object: K8sObject): Promise<void> {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const module =
    group === 'keda.sh'
      ? `@kubernetes-models/keda/keda.sh/${version}/${object.kind}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`;
  const models = (await import(module)) as Record<string, new (o: unknown) => { validate(): void }>;
  const Model = models[object.kind] ?? models.default;
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  // kustomize wraps long base64 Secret values over several lines; the API server's decoder skips the line
  // breaks, the schema's `byte` format does not.
  const normalised =
    object.kind === 'Secret' && object.data
      ? { ...object, data: Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, v.replace(/\s+/g, '')])) }
      : object;
  new Model(normalised).validate();
}

type PodSpec = {
  containers: {
    name: string;
    image: string;
    command?: string[];
    ports?: { name?: string; containerPort: number }[];
    readinessProbe?: { httpGet?: { path: string; port: string | number } };
    livenessProbe?: { httpGet?: { path: string; port: string | number } };
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
    env?: { name: string; value?: string }[];
  }[];
};

function podSpec(o: K8sObject): PodSpec | null {
  if (o.kind === 'Deployment' || o.kind === 'Job') return (o.spec as { template: { spec: PodSpec } }).template.spec;
  return null;
}

describe.each(['base', 'overlays/example'])('infra/k8s/%s', (dir) => {
  const objects = render(dir);

  it('renders the objects the deployment needs', () => {
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'Deployment/netra-api',
        'Service/netra-api',
        'Ingress/netra-api',
        'Deployment/netra-scraper',
        'Deployment/netra-classifier',
        'Deployment/netra-scheduler',
        'Job/netra-migrate',
        'ScaledObject/netra-scraper',
        'ScaledObject/netra-classifier',
        'PersistentVolumeClaim/netra-evidence',
        'ConfigMap/netra-config',
      ]),
    );
  });

  it.each(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o] as const))(
    '%s is valid against the Kubernetes schema',
    async (_name, object) => {
      await validate(object);
    },
  );

  it('gives every container probes on the operations port, resource requests and limits, and secrets from a Secret', () => {
    for (const o of objects) {
      const spec = podSpec(o);
      if (!spec) continue;
      for (const c of spec.containers) {
        const where = `${o.metadata.name}/${c.name}`;
        expect(c.resources?.requests?.cpu, where).toBeTruthy();
        expect(c.resources?.requests?.memory, where).toBeTruthy();
        expect(c.resources?.limits?.memory, where).toBeTruthy();
        expect(
          c.envFrom?.some((e) => e.secretRef?.name === 'netra-secrets'),
          where,
        ).toBe(true);
        // No secret in plain env values.
        for (const e of c.env ?? []) expect(e.name, where).not.toMatch(/URL|PASSWORD|KEY|SECRET/);
        if (o.kind !== 'Deployment') continue;
        expect(c.readinessProbe?.httpGet?.path, where).toBe('/readyz');
        expect(c.livenessProbe?.httpGet?.path, where).toBe('/livez');
        const port = c.ports?.find((p) => p.name === c.readinessProbe?.httpGet?.port);
        expect(port?.containerPort, where).toBe(9464);
      }
    }
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'netra-config')!;
    expect(config.data?.METRICS_PORT).toBe('9464');
    expect(config.data?.METRICS_HOST).toBe('0.0.0.0');
  });

  it('runs the scheduler as exactly one replica and the scrapers without it', () => {
    const deployment = (name: string) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)!;
    const env = (name: string) =>
      Object.fromEntries(podSpec(deployment(name))!.containers[0]!.env!.map((e) => [e.name, e.value]));
    expect(deployment('netra-scheduler').spec!.replicas).toBe(1);
    expect((deployment('netra-scheduler').spec!.strategy as { type: string }).type).toBe('Recreate');
    expect(env('netra-scheduler').SCHEDULER_ENABLED).toBe('true');
    expect(env('netra-scraper').SCHEDULER_ENABLED).toBe('false');
  });

  it('scales scrapers and classifiers on the wait lists of their BullMQ queues under the configured prefix', () => {
    const prefix = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'netra-config')!.data!
      .QUEUE_PREFIX!;
    expect(prefix).toMatch(/^\{[A-Za-z0-9_-]+\}$/);
    const scaled = objects.filter((o) => o.kind === 'ScaledObject');
    const targets = Object.fromEntries(
      scaled.map((o) => {
        const spec = o.spec as {
          scaleTargetRef: { name: string };
          triggers: { type: string; metadata: Record<string, string> }[];
        };
        return [spec.scaleTargetRef.name, spec.triggers[0]!];
      }),
    );
    expect(targets['netra-scraper']).toMatchObject({ type: 'redis', metadata: { listName: `${prefix}:crawl:wait` } });
    expect(targets['netra-classifier']).toMatchObject({
      type: 'redis',
      metadata: { listName: `${prefix}:classify:wait` },
    });
    for (const name of Object.keys(targets))
      expect(
        objects.some((o) => o.kind === 'Deployment' && o.metadata.name === name),
        name,
      ).toBe(true);
  });
});

describe('compose and Kubernetes start the same image', () => {
  const compose = parse(readFileSync(`${ROOT}infra/compose.yaml`, 'utf8')) as {
    'x-netra': { image: string };
    services: Record<string, { command?: string[]; image?: string }>;
  };
  const base = render('base');

  it('every Netra container in the base manifests runs the image compose builds, with the same entry points', () => {
    const image = compose['x-netra'].image;
    const composeCommands = new Set(
      Object.values(compose.services)
        .filter((s) => s.command?.[0] === 'node')
        .map((s) => s.command!.join(' ')),
    );
    expect(composeCommands.size).toBeGreaterThanOrEqual(3);
    const k8sCommands = new Set<string>();
    for (const o of base) {
      const spec = podSpec(o);
      if (!spec) continue;
      for (const c of spec.containers) {
        expect(c.image, o.metadata.name).toBe(image);
        if (o.kind === 'Deployment') k8sCommands.add(c.command!.join(' '));
      }
    }
    expect([...k8sCommands].sort()).toEqual([...composeCommands].sort());
  });

  it('the example overlay swaps in one registry image for every container', () => {
    const images = new Set(render('overlays/example').flatMap((o) => podSpec(o)?.containers.map((c) => c.image) ?? []));
    expect(images.size).toBe(1);
    expect([...images][0]).toMatch(/\/netra:[\w.-]+$/);
  });
});
