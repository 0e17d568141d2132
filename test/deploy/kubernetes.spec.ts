import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { knownConfigKeys, loadConfiguration } from '../../apps/api/src/app/config/load-configuration';
import { unprefixedGetRoutes } from './support/api-routes';
import { readDockerStages } from './support/dockerfile';
import { envNamesReadBy, resolveCommand, ROOT } from './support/repo-entries';

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are checked field by field below */
type Doc = Record<string, any>;

const DIR = join(ROOT, 'deploy/kubernetes');
const kustomization = parse(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8')) as Doc;
const docs: Doc[] = (kustomization['resources'] as string[]).flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
    return { ...(d.toJS() as Doc), __file: file };
  }),
);
const ofKind = (kind: string): Doc[] => docs.filter((d) => d['kind'] === kind);
const named = (kind: string, name: string): Doc => {
  const found = ofKind(kind).find((d) => d['metadata']?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const workloads = [...ofKind('Deployment'), ...ofKind('DaemonSet')];
const podOf = (w: Doc): Doc => w['spec'].template.spec;
const containersOf = (w: Doc): Doc[] => podOf(w).containers;
const envOf = (c: Doc): Map<string, Doc> => new Map((c['env'] ?? []).map((e: Doc) => [e['name'], e]));
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);

const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  ServiceAccount: 'v1',
  Secret: 'v1',
  ConfigMap: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  DaemonSet: 'apps/v1',
  PodDisruptionBudget: 'policy/v1',
};
const DNS_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const api = named('Deployment', 'meshlens-api');
const apiContainer = containersOf(api)[0];
const agent = named('DaemonSet', 'meshlens-agent');
const agentContainer = containersOf(agent)[0];
const web = named('Deployment', 'meshlens-web');

describe('deploy/kubernetes', () => {
  it('should list every manifest of the folder in kustomization.yaml', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization['resources']].sort()).toEqual(files.sort());
    expect(named('Namespace', kustomization['namespace'])).toBeDefined();
  });

  it('should give every object a known kind with its apiVersion and a valid name', () => {
    for (const d of docs) {
      expect({ file: d['__file'], kind: d['kind'], apiVersion: d['apiVersion'] }).toEqual({ file: d['__file'], kind: d['kind'], apiVersion: API_VERSIONS[d['kind']] });
      expect(d['metadata']?.name).toMatch(DNS_1123);
    }
  });

  it('should select exactly the pods each workload templates', () => {
    for (const w of workloads) {
      const selector = w['spec'].selector.matchLabels;
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      expect({ name: w['metadata'].name, matches: matches(selector, w['spec'].template.metadata.labels) }).toEqual({ name: w['metadata'].name, matches: true });
    }
  });

  it('should route every Service to one workload, on a port its containers open', () => {
    for (const svc of ofKind('Service')) {
      const targets = workloads.filter((w) => matches(svc['spec'].selector, w['spec'].template.metadata.labels));
      expect({ service: svc['metadata'].name, workloads: targets.length }).toEqual({ service: svc['metadata'].name, workloads: 1 });
      const ports = containersOf(targets[0]).flatMap((c) => c['ports'] ?? []);
      for (const p of svc['spec'].ports) {
        const open = ports.some((cp: Doc) => cp['name'] === p['targetPort'] || cp['containerPort'] === p['targetPort']);
        expect({ service: svc['metadata'].name, targetPort: p['targetPort'], open }).toEqual({ service: svc['metadata'].name, targetPort: p['targetPort'], open: true });
      }
    }
    const pdb = named('PodDisruptionBudget', 'meshlens-api');
    expect(matches(pdb['spec'].selector.matchLabels, api['spec'].template.metadata.labels)).toBe(true);
  });

  it('should run commands that exist in the repository, from images built from Dockerfile targets', () => {
    const stages = readDockerStages(join(ROOT, 'Dockerfile'));
    const ours = new Set(kustomization['images'].map((i: Doc) => i['name']));
    for (const w of [api, web, agent]) {
      for (const c of containersOf(w)) {
        expect(ours.has(c['image'])).toBe(true);
        expect(stages.has(String(c['image']).replace(/^meshlens-/, ''))).toBe(true);
        expect(() => resolveCommand(c['command'])).not.toThrow();
      }
    }
  });

  it('should probe the API on the routes it serves and the port it opens', () => {
    expect(unprefixedGetRoutes()).toEqual(['/healthz', '/metrics', '/readyz']);
    expect(apiContainer['readinessProbe'].httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(apiContainer['livenessProbe'].httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(apiContainer['startupProbe'].httpGet).toEqual({ path: '/healthz', port: 'http' });
    for (const w of workloads) {
      for (const c of containersOf(w)) {
        const names = new Set((c['ports'] ?? []).map((p: Doc) => p['name']));
        for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe'].map((k) => c[k]).filter(Boolean)) {
          const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
          if (port !== undefined) expect({ container: c['name'], port, declared: names.has(port) }).toEqual({ container: c['name'], port, declared: true });
        }
      }
    }
  });

  it('should take secrets only from keys the Secret has, and set only variables each program reads', () => {
    const readers: Array<[Doc, Set<string>]> = [
      [api, new Set([...knownConfigKeys(), 'MESHLENS_CONFIG'])],
      [agent, envNamesReadBy('apps/agent/src/options')],
      [web, envNamesReadBy('apps/web/src')],
    ];
    for (const [w, known] of readers) {
      for (const [name, e] of envOf(containersOf(w)[0])) {
        expect({ workload: w['metadata'].name, name, known: known.has(name) }).toEqual({ workload: w['metadata'].name, name, known: true });
        const ref = e['valueFrom']?.secretKeyRef;
        if (ref) expect(Object.keys(named('Secret', ref.name)['stringData'])).toContain(ref.key);
      }
    }
  });

  it('should hand the API a config file that its own loader accepts, with the secrets from the environment', () => {
    const env = envOf(apiContainer);
    const configPath: string = env.get('MESHLENS_CONFIG')?.['value'];
    const volume = podOf(api).volumes.find((v: Doc) => v['configMap']);
    const mount = apiContainer['volumeMounts'].find((m: Doc) => m['name'] === volume['name']);
    expect(configPath.startsWith(`${mount['mountPath']}/`)).toBe(true);
    const file = named('ConfigMap', volume['configMap'].name)['data'][configPath.slice(mount['mountPath'].length + 1)];
    const secrets = named('Secret', 'meshlens-secrets')['stringData'];
    const dir = mkdtempSync(join(tmpdir(), 'meshlens-k8s-'));
    try {
      writeFileSync(join(dir, 'meshlens.yaml'), file);
      const processEnv = Object.fromEntries(
        [...env].map(([name, e]) => [name, name === 'MESHLENS_CONFIG' ? join(dir, 'meshlens.yaml') : (e['value'] ?? secrets[e['valueFrom'].secretKeyRef.key])]),
      );
      const loaded = loadConfiguration(processEnv);
      // The port it listens on is the one the pod declares.
      expect(Number(loaded.env['PORT'])).toBe(apiContainer['ports'][0].containerPort);
      // Several replicas share events and ownership through Redis, which the manifests run.
      expect(api['spec'].replicas).toBe(2);
      expect(named('Service', new URL(String(loaded.env['MESHLENS_REDIS_URL'])).hostname)).toBeDefined();
      // The drain ends before the kubelet's SIGKILL.
      expect(Number(loaded.env['MESHLENS_SHUTDOWN_TIMEOUT_MS'])).toBeLessThan(podOf(api).terminationGracePeriodSeconds * 1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should run the agent on every node in the host network with no capability and read-only host folders', () => {
    const pod = podOf(agent);
    expect(pod.hostNetwork).toBe(true);
    expect(pod.hostPID).toBeUndefined();
    expect(pod.hostIPC).toBeUndefined();
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    const sc = agentContainer['securityContext'];
    expect(sc.capabilities).toEqual({ drop: ['ALL'] });
    expect(sc).toMatchObject({ privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    const env = envOf(agentContainer);
    expect(env.get('MESHLENS_NODE_NAME')?.['valueFrom']).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
    const mountOf = (path: string) => {
      const m = agentContainer['volumeMounts'].find((v: Doc) => v['mountPath'] === path);
      return { readOnly: m?.readOnly ?? false, hostPath: pod.volumes.find((v: Doc) => v['name'] === m?.name)?.hostPath?.path };
    };
    expect(mountOf(env.get('MESHLENS_CNI_DIR')?.['value'])).toEqual({ readOnly: true, hostPath: '/etc/cni/net.d' });
    expect(mountOf(String(env.get('MESHLENS_BIRD_SOCKET')?.['value']).replace(/\/[^/]+$/, ''))).toEqual({ readOnly: true, hostPath: '/var/run/calico' });
    // The API address is the API Service, on its port.
    const apiUrl = new URL(env.get('MESHLENS_API')?.['value']);
    const svc = named('Service', apiUrl.hostname);
    expect(svc['spec'].ports.map((p: Doc) => String(p['port']))).toContain(apiUrl.port);
  });

  it('should grant no Kubernetes API access: no RBAC bindings, no mounted token, existing service accounts', () => {
    for (const kind of ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']) expect(ofKind(kind)).toEqual([]);
    for (const sa of ofKind('ServiceAccount')) expect(sa['automountServiceAccountToken']).toBe(false);
    for (const w of workloads) {
      const pod = podOf(w);
      expect({ workload: w['metadata'].name, automount: pod.automountServiceAccountToken }).toEqual({ workload: w['metadata'].name, automount: false });
      if (pod.serviceAccountName) expect(named('ServiceAccount', pod.serviceAccountName)).toBeDefined();
      for (const c of pod.containers) expect({ container: c['name'], allowPrivilegeEscalation: c['securityContext']?.allowPrivilegeEscalation }).toEqual({ container: c['name'], allowPrivilegeEscalation: false });
    }
  });
});
