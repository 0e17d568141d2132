import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Etcd3 } from 'etcd3';
import {
  allSessions,
  bgpDrop,
  bgpRestore,
  birdRoutes,
  isEstablished,
  labDown,
  labPreflight,
  labState,
  labUp,
  pingMatrix,
  waitForSessions,
  type LabState,
} from './index';
import { isOurProcess } from './src/lab-state';

// testTimeout in a project's jest config is ignored when the root config runs every project.
jest.setTimeout(120000);

// Its own prefix and state folder: never touches a lab someone started with `npm run lab -- up`.
const prefix = 'mlabt';
const stateDir = resolve(__dirname, '..', '..', '.data', `lab-test-${process.pid}`);
const problems = labPreflight();
const describeLab = problems.length ? describe.skip : describe;
if (problems.length) console.warn(`lab tests skipped: ${problems.join('; ')}`);

const ip = (...args: string[]) => execFileSync('ip', args, { encoding: 'utf8' });
const txPackets = (netns: string, dev: string): number =>
  JSON.parse(ip('-n', netns, '-s', '-j', 'link', 'show', dev))[0].stats64.tx.packets;
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`lab test: ${what} missing`);
  return value;
}
const labNamespaces = () => (existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith(`${prefix}-`)) : []);

describeLab(`lab with a full BGP mesh${problems.length ? ` (skipped: ${problems.join('; ')})` : ''}`, () => {
  let state: LabState;

  beforeAll(async () => {
    state = await labUp({ nodes: 3, prefix, stateDir });
  });

  afterAll(async () => {
    await labDown({ stateDir });
  });

  it('should refuse a second up when the lab is already up', async () => {
    await expect(labUp({ nodes: 3, prefix, stateDir })).rejects.toMatchObject({ code: 'ALREADY_UP' });
    expect(labState({ stateDir })?.ready).toBe(true);
  });

  it('should establish n(n-1)/2 mesh sessions when the lab is up', async () => {
    const snapshot = await allSessions(state);
    const ends = snapshot.flatMap((n) => n.sessions);
    expect(snapshot.every((n) => n.sessions.length === state.nodes.length - 1)).toBe(true);
    expect(ends.every((s) => s.name.startsWith('Mesh_') && isEstablished(s))).toBe(true);
    // Each session is seen from both ends.
    expect(ends.length / 2).toBe((state.nodes.length * (state.nodes.length - 1)) / 2);
  });

  it('should install every remote pod block with proto bird when BGP is established', async () => {
    for (const node of state.nodes) {
      const routes = await birdRoutes(node);
      for (const other of state.nodes.filter((n) => n !== node)) {
        expect(routes).toContainEqual(
          expect.objectContaining({ dst: other.calicoBlock, gateway: other.underlayIp, dev: 'eth0', protocol: 'bird' }),
        );
      }
      expect(routes).toContainEqual(expect.objectContaining({ type: 'blackhole', dst: node.calicoBlock }));
    }
  });

  it('should carry pod pings through flannel.1 when pods sit on different nodes', async () => {
    const [first, , third] = state.nodes;
    const before = txPackets(first.netns, 'flannel.1');
    const results = await pingMatrix(state);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(['calico', 'flannel-vxlan', 'flannel-host-gw']));
    const vxlanPod = must(third.pods.find((p) => p.kind === 'flannel-vxlan'), 'vxlan pod on node-3');
    const fromPod = must(first.pods.find((p) => p.kind === 'flannel-vxlan'), 'vxlan pod on node-1');
    execFileSync('ip', ['netns', 'exec', fromPod.netns, 'ping', '-c', '3', '-i', '0.2', '-W', '1', vxlanPod.ip]);
    expect(txPackets(first.netns, 'flannel.1')).toBeGreaterThanOrEqual(before + 3);
  });

  it('should hold flannel leases and calico IPAM matching the namespaces when seeded', async () => {
    const client = new Etcd3({ hosts: must(state.etcd, 'etcd').endpoint });
    try {
      const config = await client.get('/coreos.com/network/config').json();
      expect(config).toMatchObject({ Network: '10.244.0.0/16', Backend: { Type: 'vxlan' } });
      for (const node of state.nodes) {
        const key = `/coreos.com/network/subnets/${node.vxlanSubnet.replace('/', '-')}`;
        const kv = (await client.get(key).exec()).kvs[0];
        expect(kv.lease).not.toBe('0');
        const mac = JSON.parse(ip('-n', node.netns, '-j', 'link', 'show', 'flannel.1'))[0].address;
        expect(JSON.parse(kv.value.toString())).toEqual({
          PublicIP: node.underlayIp,
          PublicIPv6: null,
          BackendType: 'vxlan',
          BackendData: { VNI: 1, VtepMAC: mac },
        });
        const block = (await client.get(`/calico/ipam/v2/assignment/ipv4/block/${node.calicoBlock.replace('/', '-')}`).json()) as {
          affinity: string;
          allocations: Array<number | null>;
        };
        expect(block.affinity).toBe(`host:${node.name}`);
        const allocated = block.allocations.filter((a) => a !== null).length;
        const podRoutes = JSON.parse(ip('-n', node.netns, '-j', 'route', 'show', 'scope', 'link'))
          .filter((r: { dev: string }) => r.dev.startsWith('cali'));
        expect(allocated).toBe(podRoutes.length);
        const affinity = await client.get(`/calico/ipam/v2/host/${node.name}/ipv4/block/${node.calicoBlock.replace('/', '-')}`).json();
        expect(affinity).toEqual({ state: 'confirmed', deleted: false });
      }
      const pool = await client.get('/calico/resources/v3/projectcalico.org/ippools/default-ipv4-ippool').json();
      expect(pool).toMatchObject({ kind: 'IPPool', spec: { cidr: '10.201.0.0/16', blockSize: 26 } });
    } finally {
      client.close();
    }
  });

  it('should take the peers out of Established on bgp-drop and bring them back on bgp-restore', async () => {
    const dropped = state.nodes[1];
    const towardDropped = `Mesh_${dropped.underlayIp.replace(/\./g, '_')}`;
    const peerEnds = (snapshot: Awaited<ReturnType<typeof allSessions>>) =>
      snapshot.flatMap((n) => n.sessions.filter((s) => s.name === towardDropped));

    await bgpDrop(state, dropped.name);
    const down = await waitForSessions(state, (snap) => peerEnds(snap).every((s) => !isEstablished(s)), 5000);
    expect(down.ok).toBe(true);
    expect(peerEnds(down.snapshot)).toHaveLength(state.nodes.length - 1);

    await bgpRestore(state, dropped.name);
    const up = await waitForSessions(state, (snap) => snap.every((n) => n.sessions.every(isEstablished)), 60000);
    expect(up.ok).toBe(true);
  });

  it('should leave no namespace, process or file behind when down', async () => {
    const before = must(labState({ stateDir }), 'lab state');
    const result = await labDown({ stateDir });
    expect(result).toMatchObject({ wasUp: true, namespacesDeleted: before.namespaces.length });
    expect(labNamespaces()).toEqual([]);
    // isOurProcess compares the start time, so a reused PID or a zombie awaiting its parent's wait() counts as gone.
    expect(before.processes.filter(isOurProcess)).toEqual([]);
    expect(existsSync(stateDir)).toBe(false);
    expect(await labDown({ stateDir })).toMatchObject({ wasUp: false });
  });
});

describeLab('lab with a route reflector', () => {
  const rrDir = `${stateDir}-rr`;
  let state: LabState;

  beforeAll(async () => {
    state = await labUp({ nodes: 3, prefix: `${prefix}rr`, stateDir: rrDir, routeReflector: true, podsPerNode: 1 });
  });

  afterAll(async () => {
    await labDown({ stateDir: rrDir });
  });

  it('should peer every client only with node-1 when node-1 reflects routes', async () => {
    const snapshot = await allSessions(state);
    const [reflector, ...clients] = snapshot;
    expect(reflector.sessions.map((s) => s.name).sort()).toEqual(clients.map((_, i) => `Node_172_31_250_${12 + i}`));
    for (const client of clients) expect(client.sessions.map((s) => s.name)).toEqual(['Node_172_31_250_11']);
    expect(snapshot.flatMap((n) => n.sessions).every(isEstablished)).toBe(true);
    // node-2 learns node-3's block through the reflector, with node-3 as next hop.
    const routes = await birdRoutes(state.nodes[1]);
    expect(routes).toContainEqual(expect.objectContaining({ dst: state.nodes[2].calicoBlock, gateway: state.nodes[2].underlayIp }));
  });
});


describeLab('lab with ten nodes', () => {
  const bigDir = `${stateDir}-10`;
  let state: LabState;

  beforeAll(async () => {
    state = await labUp({ nodes: 10, prefix: `${prefix}x`, stateDir: bigDir, podsPerNode: 1 });
  });

  afterAll(async () => {
    await labDown({ stateDir: bigDir });
  });

  it('should establish 45 mesh sessions and reach every pod when ten nodes mesh', async () => {
    const ends = (await allSessions(state)).flatMap((n) => n.sessions);
    expect(ends.filter(isEstablished)).toHaveLength(90);
    const pings = await pingMatrix(state);
    expect(pings).toHaveLength(3 * 90);
    expect(pings.filter((p) => !p.ok)).toEqual([]);
  });
});
