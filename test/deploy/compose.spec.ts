import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { knownConfigKeys } from '../../apps/api/src/app/config/load-configuration';
import { unprefixedGetRoutes } from './support/api-routes';
import { readDockerStages } from './support/dockerfile';
import { envNamesReadBy, resolveCommand, ROOT } from './support/repo-entries';

interface ComposeService {
  image?: string;
  build?: { context: string; target?: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  network_mode?: string;
  volumes?: string[];
  ports?: string[];
  cap_drop?: string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const services = compose.services;
const stages = readDockerStages(join(ROOT, 'Dockerfile'));
const built = Object.entries(services).filter(([, s]) => s.build);

/** The command a service's container runs: compose's `command`, else the CMD of its Dockerfile target. */
const commandOf = (s: ComposeService): string[] | undefined => s.command ?? (s.build?.target ? stages.get(s.build.target)?.cmd : undefined);

/** URL paths a healthcheck fetches. */
const healthUrls = (s: ComposeService): URL[] =>
  [...(s.healthcheck?.test.join(' ') ?? '').matchAll(/https?:\/\/[^'"\s)]+/g)].map((m) => new URL(m[0]));

describe('docker-compose.yml', () => {
  it('should run postgres, etcd, the API, the dashboard and an agent', () => {
    expect(Object.keys(services).sort()).toEqual(['agent', 'api', 'etcd', 'postgres', 'web']);
  });

  it('should build api, web and agent from Dockerfile targets that exist', () => {
    expect(built.map(([name]) => name).sort()).toEqual(['agent', 'api', 'web']);
    for (const [name, s] of built) {
      expect({ name, context: s.build?.context, dockerfile: s.build?.dockerfile ?? 'Dockerfile' }).toEqual({ name, context: '.', dockerfile: 'Dockerfile' });
      expect({ name, target: stages.has(s.build?.target ?? '') }).toEqual({ name, target: true });
    }
  });

  it('should run a command that exists in the repository once built, for every service it builds', () => {
    for (const [name, s] of built) {
      const command = commandOf(s);
      expect({ name, command: command ? 'set' : 'none' }).toEqual({ name, command: 'set' });
      expect(() => resolveCommand(command ?? [])).not.toThrow();
    }
  });

  it('should give every long-running service except the agent a healthcheck, and every awaited dependency one', () => {
    for (const name of ['postgres', 'etcd', 'api', 'web']) expect({ name, test: services[name].healthcheck?.test?.[0] }).toEqual({ name, test: 'CMD' });
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect({ name, dep, exists: dep in services }).toEqual({ name, dep, exists: true });
        if (condition === 'service_healthy') expect({ name, dep, healthcheck: !!services[dep].healthcheck }).toEqual({ name, dep, healthcheck: true });
      }
    }
  });

  it('should probe the API on a route it serves, on the port it listens on', () => {
    const api = services['api'];
    const [url] = healthUrls(api);
    expect(unprefixedGetRoutes()).toContain(url.pathname);
    expect(url.pathname).toBe('/readyz');
    expect(url.port).toBe(api.environment?.['PORT']);
    expect(api.ports).toContain(`${url.port}:${url.port}`);
  });

  it('should probe the Dockerfile health of the API on a route it serves', () => {
    const [url] = [...(stages.get('api')?.healthcheck ?? '').matchAll(/https?:\/\/[^'"\s)]+/g)].map((m) => new URL(m[0]));
    expect(unprefixedGetRoutes()).toContain(url.pathname);
  });

  it('should set only settings the API knows, and point it at the compose database and etcd', () => {
    const env = services['api'].environment ?? {};
    const known = new Set(knownConfigKeys());
    expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    expect(new URL(env['DATABASE_URL']).hostname).toBe('postgres');
    expect(new URL(env['MESHLENS_ETCD_ENDPOINTS']).hostname).toBe('etcd');
    // The token is required at `docker compose up` time, shared with the agent.
    expect(env['MESHLENS_AGENT_TOKENS']).toBe(services['agent'].environment?.['MESHLENS_AGENT_TOKEN']);
    expect(env['MESHLENS_AGENT_TOKENS']).toMatch(/^\$\{MESHLENS_AGENT_TOKEN:\?/);
  });

  it('should point the dashboard at the API service and read only what the web app reads', () => {
    const env = services['web'].environment ?? {};
    const read = envNamesReadBy('apps/web/src');
    expect(Object.keys(env).filter((k) => !read.has(k))).toEqual([]);
    expect(new URL(env['MESHLENS_API_URL']).hostname).toBe('api');
  });

  it('should run the agent on the host network, with no capability and read-only CNI and BIRD folders', () => {
    const agent = services['agent'];
    expect(agent.network_mode).toBe('host');
    expect(agent.cap_drop).toEqual(['ALL']);
    const mounts = new Map((agent.volumes ?? []).map((v) => v.split(':')).map(([src, dst, mode]) => [dst, { src, mode }]));
    const command = commandOf(agent) ?? [];
    const option = (name: string) => command.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? '';
    const cniDir = option('cni-dir');
    const birdDir = option('bird-socket').replace(/\/[^/]+$/, '');
    expect(mounts.get(cniDir)).toEqual({ src: '/etc/cni/net.d', mode: 'ro' });
    expect(mounts.get(birdDir)).toEqual({ src: '/var/run/calico', mode: 'ro' });
    // The agent reaches the API on the port compose publishes on the host.
    expect(new URL(option('api')).port).toBe(services['api'].environment?.['PORT']);
    // Its queue lives on a named volume, not in the read-only image.
    const stateDir = option('state-dir');
    expect([...mounts.keys()].some((dst) => stateDir.startsWith(`${dst}/`) && (mounts.get(dst)?.src ?? '') in (compose.volumes ?? {}))).toBe(true);
  });

  it('should only set agent environment variables the agent reads', () => {
    const read = envNamesReadBy('apps/agent/src/options');
    expect(Object.keys(services['agent'].environment ?? {}).filter((k) => !read.has(k))).toEqual([]);
  });
});
