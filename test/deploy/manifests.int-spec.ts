import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@rental/config';
import { loadServiceSettings, SERVICE_NAMES, SERVICES } from '@rental/service-kit';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { loadBillingSettings } from '../../apps/billing/src/billing-settings';
import { loadGatewaySettings } from '../../apps/gateway/src/gateway-settings';
import { loadNotificationSettings } from '../../apps/notification/src/notification-settings';
import { loadOrderSettings } from '../../apps/order/src/order-settings';
import { loadProvisioningSettings } from '../../apps/provisioning/src/provisioning-settings';
import { type KubeObject, renderKustomization, splitImage } from '../../deploy/k8s/kustomize';

/**
 * The deployment files, checked where no container engine or kubectl exists: the Kustomize base and
 * overlays rendered and every object validated against the Kubernetes schemas (kubernetes-models,
 * which bundles them), what each service needs from its pods, the Compose file against the
 * manifests, and the Dockerfile's shape.
 */

// Jest runs from the repository's root (ES modules have no __dirname).
const root = process.cwd();
const k8s = join(root, 'deploy/k8s');

// The kinds deploy/k8s uses, each with its schema; another kind fails the test until it is added here.
const MODELS: Record<string, { validate(): void } & (new (object: never) => { validate(): void })> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
} as never;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  image: string;
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; volumes?: { name: string }[] };
}

const renderedOverlays = ['base', ...readdirSync(join(k8s, 'overlays')).map((overlay) => `overlays/${overlay}`)];
const rendered = new Map(renderedOverlays.map((path) => [path, renderKustomization(join(k8s, path))]));
const base = rendered.get('base')!;
const production = rendered.get('overlays/production')!;

const find = (objects: KubeObject[], kind: string, name: string): KubeObject => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const podTemplate = (object: KubeObject) => (object.spec as { template: PodTemplate }).template;
const container = (object: KubeObject) => podTemplate(object).spec.containers[0];
const configMapData = (objects: KubeObject[]) => find(objects, 'ConfigMap', 'rental-platform').data as Record<string, string>;
const secretVariables = (c: Container) => (c.env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef).map((variable) => variable.name);
/** Every variable a container gets: the ConfigMaps it takes whole, then its own list. */
function variables(objects: KubeObject[], c: Container): Map<string, EnvVar> {
  const all = new Map<string, EnvVar>();
  for (const source of c.envFrom ?? []) {
    const data = find(objects, 'ConfigMap', source.configMapRef!.name).data as Record<string, string>;
    for (const [name, value] of Object.entries(data)) all.set(name, { name, value });
  }
  for (const variable of c.env ?? []) all.set(variable.name, variable);
  return all;
}

describe('Kubernetes manifests (deploy/k8s)', () => {
  it.each(renderedOverlays)('%s renders into objects that each pass the Kubernetes schema of their kind', (path) => {
    const objects = rendered.get(path)!;
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect({ object: `${object.kind} ${object.metadata.name}`, known: Boolean(Model) }).toEqual({
        object: `${object.kind} ${object.metadata.name}`,
        known: true,
      });
      expect(() => new Model(object as never).validate()).not.toThrow();
    }
    const names = objects.map((object) => `${object.kind}/${object.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the schema check is real: a wrong type or a missing field is refused', () => {
    const deployment = structuredClone(find(base, 'Deployment', 'order'));
    container(deployment).ports![0].containerPort = '3001' as never;
    expect(() => new Deployment(deployment as never).validate()).toThrow(/containerPort must be integer/);
    delete (deployment.spec as { selector?: unknown }).selector;
    expect(() => new Deployment(deployment as never).validate()).toThrow(/selector/);
  });

  it.each(SERVICE_NAMES)('%s: a Deployment of the image on its port, with probes, resources and a non-root, read-only container', (service) => {
    const deployment = find(base, 'Deployment', service);
    const c = container(deployment);
    const port = SERVICES[service].defaultPort;
    const env = variables(base, c);
    expect(env.get('SERVICE')?.value).toBe(service);
    expect(env.get(`${service.toUpperCase()}_PORT`)?.value).toBe(String(port));
    expect(env.get(`${service.toUpperCase()}_HOST`)?.value).toBe('0.0.0.0');
    expect(c.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(c.image).toBe('rental-platform');

    expect(c.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(c.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    // Sized to what one instance was measured to use: ~150 MB idle, ~250 MB under load.
    expect(c.resources).toEqual({ requests: { cpu: '200m', memory: '192Mi' }, limits: { memory: '384Mi' } });

    expect(podTemplate(deployment).spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
  });

  it.each(SERVICE_NAMES)('%s: a Service, an autoscaler, a disruption budget and a migration Job that all point at it', (service) => {
    const deployment = find(base, 'Deployment', service);
    const podLabels = podTemplate(deployment).metadata.labels;
    const selects = (selector: Record<string, string>) => Object.entries(selector).every(([label, value]) => podLabels[label] === value);

    const svc = find(base, 'Service', service).spec as { selector: Record<string, string>; ports: { port: number; targetPort: string }[] };
    expect(selects(svc.selector)).toBe(true);
    expect(svc.ports).toEqual([{ name: 'http', port: SERVICES[service].defaultPort, targetPort: 'http' }]);
    expect(selects((deployment.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels)).toBe(true);

    const hpa = find(base, 'HorizontalPodAutoscaler', service).spec as { scaleTargetRef: unknown; minReplicas: number; maxReplicas: number };
    expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: service });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.maxReplicas).toBeGreaterThanOrEqual(hpa.minReplicas);

    const pdb = find(base, 'PodDisruptionBudget', service).spec as { minAvailable: number; selector: { matchLabels: Record<string, string> } };
    expect(selects(pdb.selector.matchLabels)).toBe(true);
    expect(pdb.minAvailable).toBeLessThan(hpa.minReplicas);

    // The Job is the same image with the same settings, plus the flag that makes it migrate and exit.
    const job = find(base, 'Job', `${service}-migrate`);
    const jobEnv = variables(base, container(job));
    const serviceEnv = variables(base, container(deployment));
    expect(jobEnv.get('MIGRATIONS_ONLY')?.value).toBe('true');
    jobEnv.delete('MIGRATIONS_ONLY');
    expect(jobEnv).toEqual(serviceEnv);
    expect(container(job).image).toBe(container(deployment).image);
    expect(selects(podTemplate(job).metadata.labels)).toBe(false); // the Service never routes to it
  });

  it('secrets come only from each service’s own Secret, never from the ConfigMap or a literal', () => {
    const secretish = /TOKEN|SECRET|PASSWORD|PRIVATE_KEY|DATABASE_URL/;
    for (const objects of rendered.values()) {
      expect(Object.keys(configMapData(objects)).filter((name) => secretish.test(name))).toEqual([]);
      for (const object of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job')) {
        const service = variables(objects, container(object)).get('SERVICE')!.value;
        for (const variable of container(object).env ?? []) {
          if (secretish.test(variable.name))
            expect({ [variable.name]: variable.valueFrom?.secretKeyRef?.name }).toEqual({ [variable.name]: `rental-${service}` });
        }
      }
      expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    }
  });

  it('production: production mode, Kafka over TLS with SCRAM and its CA mounted, a pinned image, its own namespace', () => {
    const data = configMapData(production);
    expect(data).toMatchObject({ NODE_ENV: 'production', KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' });
    const caDirectory = data.KAFKA_SSL_CA_FILE.slice(0, data.KAFKA_SSL_CA_FILE.lastIndexOf('/'));
    for (const object of production.filter((o) => o.kind === 'Deployment' || o.kind === 'Job')) {
      const c = container(object);
      expect(c.volumeMounts).toContainEqual(expect.objectContaining({ name: 'kafka-ca', mountPath: caDirectory }));
      expect(podTemplate(object).spec.volumes).toContainEqual(expect.objectContaining({ name: 'kafka-ca' }));
      expect(secretVariables(c)).toEqual(expect.arrayContaining(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']));
      const [, tag] = splitImage(c.image);
      expect(tag).toMatch(/^\d+\.\d+\.\d+$/);
    }
    for (const object of production) expect(object.metadata.namespace).toBe('rental');
  });
});

describe('the production overlay’s settings, read by the services themselves in production mode', () => {
  const OWN_SETTINGS = {
    gateway: loadGatewaySettings,
    order: loadOrderSettings,
    billing: loadBillingSettings,
    provisioning: loadProvisioningSettings,
    notification: loadNotificationSettings,
  } as const;
  const directory = mkdtempSync(join(tmpdir(), 'rental-k8s-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** What the operator puts in the Secret rental-<service> (README, Deploying), made up here. */
  function secretValue(service: string, key: string): string {
    const keys = generateKeyPairSync('x25519');
    if (key.endsWith('_DATABASE_URL')) return `postgres://${service}:${randomBytes(24).toString('hex')}@postgres.rental.example:5432/rental_${service}`;
    if (key === 'KAFKA_SASL_USERNAME') return service;
    if (key === 'GATEWAY_SECRETS_PRIVATE_KEY') return keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    if (key === 'PROVISIONING_SECRETS_PUBLIC_KEY') return keys.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    return randomBytes(32).toString('base64');
  }

  // Billing and provisioning have only their development stand-ins so far, which production refuses
  // on purpose (README, Production mode); everything else in the overlay must pass.
  const refusals: Record<string, RegExp[]> = {
    gateway: [],
    order: [],
    billing: [/^PAYMENT_PROVIDER: /],
    provisioning: [/^DATACENTRE_DRIVER: /],
    notification: [],
  };

  it.each(SERVICE_NAMES)('%s', (service) => {
    const c = container(find(production, 'Deployment', service));
    const environment: NodeJS.ProcessEnv = {};
    for (const [name, variable] of variables(production, c)) {
      environment[name] = variable.valueFrom?.secretKeyRef ? secretValue(service, variable.valueFrom.secretKeyRef.key) : variable.value;
    }
    // The CA file is mounted from the cluster's Secret; here a stand-in at another path.
    environment.KAFKA_SSL_CA_FILE = join(directory, 'ca.crt');
    writeFileSync(environment.KAFKA_SSL_CA_FILE, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

    const problems: string[] = [];
    for (const load of [() => loadServiceSettings(service, environment), () => OWN_SETTINGS[service](environment)]) {
      try {
        load();
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.push(...error.problems);
      }
    }
    expect(problems).toHaveLength(refusals[service].length);
    for (const [index, refusal] of refusals[service].entries()) expect(problems[index]).toMatch(refusal);
  });
});

describe('docker-compose.yml against the manifests', () => {
  interface ComposeService {
    environment?: Record<string, string>;
    ports?: string[];
  }
  const compose = parseYaml(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

  it('runs the same five services (beside Kafka and PostgreSQL)', () => {
    const services = Object.keys(compose.services).filter((name) => !['kafka', 'postgres'].includes(name));
    expect(services.sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it.each(SERVICE_NAMES)('%s: the same port and the same variables, apart from the secrets Compose leaves at their development defaults', (service) => {
    const composed = compose.services[service];
    const port = SERVICES[service].defaultPort;
    expect(composed.ports).toEqual([`${port}:${port}`]);
    expect(composed.environment?.[`${service.toUpperCase()}_PORT`]).toBe(String(port));

    const c = container(find(base, 'Deployment', service));
    const manifestNames = [...variables(base, c).keys()].sort();
    const composeNames = Object.keys(composed.environment ?? {}).sort();
    expect(composeNames.filter((name) => !manifestNames.includes(name))).toEqual([]);
    const onlyInManifests = manifestNames.filter((name) => !composeNames.includes(name));
    expect(onlyInManifests.filter((name) => !secretVariables(c).includes(name))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args = Object.fromEntries(lines.filter((l) => l.startsWith('ARG ') && l.includes('=')).map((l) => l.slice(4).split('=', 2) as [string, string]));
  const stages = lines.reduce<string[][]>((all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)?.push(line), all)), []);
  const runtime = stages.at(-1)!;
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    engines: { node: string };
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
  };

  it('builds with every dependency and runs with the production ones only, from a pinned Node LTS slim image', () => {
    expect(stages).toHaveLength(2);
    const image = stages[0][0].split(' ')[1].replace(/\$\{(\w+)\}/, (_, name: string) => args[name]);
    const [, major, minor] = /^node:(\d+)\.(\d+)\.\d+-\w+-slim$/.exec(image) ?? [];
    // An even major is an LTS line; it must satisfy the engines' minimum.
    expect(Number(major) % 2).toBe(0);
    const [, minMajor, minMinor] = /(\d+)\.(\d+)/.exec(packageJson.engines.node)!;
    expect(Number(major) * 1000 + Number(minor)).toBeGreaterThanOrEqual(Number(minMajor) * 1000 + Number(minMinor));
    expect(runtime[0]).toBe(stages[0][0].replace('AS build', 'AS runtime'));

    expect(stages[0]).toContainEqual(expect.stringMatching(/^RUN npm ci /));
    expect(stages[0]).toContain('RUN npm run build');
    expect(runtime).toContainEqual(expect.stringMatching(/^RUN npm ci --omit=dev /));
    expect(runtime).toContainEqual(expect.stringMatching(/^COPY --from=build \/app\/dist\/apps /));
  });

  it('runs as the unprivileged node user, in production mode, the service chosen like the npm start scripts do', () => {
    const user = runtime.filter((line) => line.startsWith('USER '));
    expect(user).toEqual(['USER node']);
    expect(runtime.findIndex((l) => l.startsWith('USER '))).toBeGreaterThan(runtime.findIndex((l) => l.startsWith('RUN ')));
    expect(runtime.join('\n')).toMatch(/NODE_ENV=production/);
    const entrypoint = runtime.find((line) => line.startsWith('ENTRYPOINT '))!;
    // start:order is `TS_NODE_BASEURL=./dist node -r tsconfig-paths/register dist/apps/order/src/main.js`.
    expect(packageJson.scripts['start:order']).toContain('node -r tsconfig-paths/register dist/apps/order/src/main.js');
    expect(entrypoint).toContain('exec node -r tsconfig-paths/register \\"dist/apps/${SERVICE');
    expect(runtime.join('\n')).toMatch(/TS_NODE_BASEURL=\.\/dist/);
  });

  it('production code imports only production dependencies (the image has no others)', () => {
    const imported = new Set<string>();
    const walk = (directory: string): void => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'test') walk(path);
        } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
          // TypeScript's own scanner: imports, exports from, import() and require().
          for (const { fileName: specifier } of ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles) {
            if (specifier.startsWith('.')) continue;
            imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
          }
        }
      }
    };
    walk(join(root, 'apps'));
    walk(join(root, 'libs'));
    const outside = [...imported].filter(
      (name) => !name.startsWith('node:') && !builtinModules.includes(name) && !name.startsWith('@rental/') && !(name in packageJson.dependencies),
    );
    expect(outside).toEqual([]);
    expect(imported.has('@nestjs/core')).toBe(true); // the scan sees the imports
  });
});
